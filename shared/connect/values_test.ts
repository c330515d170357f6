import assert from "node:assert/strict";
import { BigDecimal, Decimal, LogicalDate } from "./logical_types.ts";
import { SchemaBuilder, Schemas } from "./schema_builder.ts";
import { Struct } from "./struct.ts";
import {
  describeValueType,
  hasValueType,
  inferSchemaType,
  isInt64,
  isPlainObject,
  mapEntries,
  schemaEquals,
  validateValue,
  valuesEqual,
} from "./values.ts";

Deno.test("integer ranges per type", () => {
  assert.ok(hasValueType(Schemas.INT8, -128) && hasValueType(Schemas.INT8, 127));
  assert.ok(!hasValueType(Schemas.INT8, 128) && !hasValueType(Schemas.INT8, 1.5));
  assert.ok(hasValueType(Schemas.INT16, -32768) && !hasValueType(Schemas.INT16, 32768));
  assert.ok(hasValueType(Schemas.INT32, 2147483647) && !hasValueType(Schemas.INT32, 2147483648));
  assert.ok(!hasValueType(Schemas.INT32, 1n));
  assert.ok(hasValueType(Schemas.INT64, 2n ** 63n - 1n) && !hasValueType(Schemas.INT64, 2n ** 63n));
  assert.ok(hasValueType(Schemas.INT64, -(2 ** 63)) && !hasValueType(Schemas.INT64, 2 ** 63));
  assert.ok(!hasValueType(Schemas.INT64, 0.5));
  assert.ok(isInt64(-(2n ** 63n)) && !isInt64("1") && !isInt64(NaN));
});

Deno.test("other types", () => {
  assert.ok(hasValueType(Schemas.FLOAT32, NaN) && !hasValueType(Schemas.FLOAT64, 1n));
  assert.ok(hasValueType(Schemas.BOOLEAN, false) && !hasValueType(Schemas.BOOLEAN, 0));
  assert.ok(hasValueType(Schemas.STRING, "") && !hasValueType(Schemas.STRING, 1));
  assert.ok(hasValueType(Schemas.BYTES, new Uint8Array()) && !hasValueType(Schemas.BYTES, []));
  const map = SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build();
  assert.ok(hasValueType(map, new Map()) && hasValueType(map, { a: 1 }) && !hasValueType(map, []));
  const array = SchemaBuilder.array(Schemas.INT32).build();
  assert.ok(hasValueType(array, []) && !hasValueType(array, new Set()));
});

Deno.test("logical types need their own value classes", () => {
  assert.ok(hasValueType(Decimal.schema(2), BigDecimal.parse("1.00")));
  assert.ok(!hasValueType(Decimal.schema(2), new Uint8Array([1])));
  assert.ok(hasValueType(LogicalDate.SCHEMA, new Date(0)));
  assert.ok(!hasValueType(LogicalDate.SCHEMA, 0));
  assert.throws(() => validateValue(LogicalDate.SCHEMA, 0), {
    message:
      'Invalid value for schema "org.apache.kafka.connect.data.Date" with type INT32: number for value',
  });
});

Deno.test("validateValue messages name the location", () => {
  assert.throws(() => validateValue(Schemas.STRING, null), {
    message: "Invalid value: null used for required value, schema type: STRING",
  });
  validateValue(Schemas.OPTIONAL_STRING, null);
  validateValue(Schemas.OPTIONAL_STRING, undefined);
  const array = SchemaBuilder.array(Schemas.INT32).build();
  assert.throws(() => validateValue(array, [1, "2"], "xs"), {
    message: 'Invalid value for schema with type INT32: string for element of array field: "xs"',
  });
  const map = SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build();
  assert.throws(() => validateValue(map, new Map([[1, 1]])), {
    message: "Invalid value for schema with type STRING: number for key of map value",
  });
  assert.throws(() => validateValue(map, { a: "x" }), {
    message: "Invalid value for schema with type INT32: string for value of map value",
  });
  assert.throws(() => validateValue({ type: "array", optional: false }, []), {
    message: "No schema defined for element of array value",
  });
});

Deno.test("validateValue checks structs against their schema and recursively", () => {
  const a = SchemaBuilder.struct().field("x", Schemas.INT32).build();
  const b = SchemaBuilder.struct().field("x", Schemas.INT64).build();
  assert.throws(() => validateValue(a, new Struct(b)), { message: "Struct schemas do not match." });
  assert.throws(() => validateValue(a, new Struct(a)), {
    message: 'Invalid value: null used for required field: "x", schema type: INT32',
  });
  validateValue(
    a,
    new Struct(SchemaBuilder.struct().field("x", Schemas.INT32).build()).put("x", 1),
  );
});

Deno.test("schemaEquals compares every property", () => {
  const base = () => SchemaBuilder.int32().name("n").version(1).doc("d").parameter("a", "1");
  assert.ok(schemaEquals(base().build(), base().build()));
  assert.ok(schemaEquals(null, undefined));
  assert.ok(!schemaEquals(base().build(), null));
  assert.ok(!schemaEquals(base().build(), base().optional().build()));
  assert.ok(!schemaEquals(base().build(), base().parameter("b", "2").build()));
  assert.ok(!schemaEquals(base().build(), base().defaultValue(1).build()));
  assert.ok(
    !schemaEquals(base().build(), SchemaBuilder.int64().name("n").version(1).doc("d").build()),
  );
  assert.ok(schemaEquals(
    { type: "int32", optional: false, parameters: { a: "1", b: "2" } },
    { type: "int32", optional: false, parameters: { b: "2", a: "1" } },
  ));
  assert.ok(
    !schemaEquals(
      { type: "int32", optional: false, parameters: {} },
      { type: "int32", optional: false },
    ),
  );
  const s1 = SchemaBuilder.struct().field("a", Schemas.INT32).field("b", Schemas.STRING).build();
  const s2 = SchemaBuilder.struct().field("b", Schemas.STRING).field("a", Schemas.INT32).build();
  assert.ok(!schemaEquals(s1, s2));
  assert.ok(schemaEquals(
    SchemaBuilder.map(Schemas.STRING, SchemaBuilder.array(s1)).build(),
    SchemaBuilder.map(Schemas.STRING, SchemaBuilder.array(s1)).build(),
  ));
  assert.ok(
    schemaEquals({ type: "struct", optional: false }, {
      type: "struct",
      optional: false,
      fields: [],
    }),
  );
});

Deno.test("valuesEqual is deep", () => {
  assert.ok(valuesEqual(NaN, NaN) && !valuesEqual(0, -0));
  assert.ok(
    valuesEqual(5, 5n) && valuesEqual(5n, 5) && !valuesEqual(5.5, 5n) && !valuesEqual("5", 5n),
  );
  assert.ok(valuesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
  assert.ok(!valuesEqual(new Uint8Array([1]), new Uint8Array([2])));
  assert.ok(valuesEqual([1, [2]], [1, [2]]) && !valuesEqual([1], [1, 2]));
  assert.ok(valuesEqual(new Map([[[1], "a"]]), new Map([[[1], "a"]])));
  assert.ok(!valuesEqual(new Map([[[1], "a"]]), new Map([[[2], "a"]])));
  assert.ok(valuesEqual({ a: 1 }, new Map([["a", 1]])));
  assert.ok(valuesEqual(new Date(5), new Date(5)) && !valuesEqual(new Date(5), 5));
  assert.ok(!valuesEqual(BigDecimal.parse("1.0"), BigDecimal.parse("1.00")));
  assert.ok(valuesEqual(null, undefined) && !valuesEqual(null, 0));
  assert.ok(!valuesEqual({}, []));
});

Deno.test("inferSchemaType follows Kafka Connect's Java-class mapping", () => {
  assert.equal(inferSchemaType("s"), "string");
  assert.equal(inferSchemaType(true), "boolean");
  assert.equal(inferSchemaType(3), "int64");
  assert.equal(inferSchemaType(3n), "int64");
  assert.equal(inferSchemaType(2n ** 64n), null);
  assert.equal(inferSchemaType(0.5), "float64");
  assert.equal(inferSchemaType(1e300), "float64");
  assert.equal(inferSchemaType(new Uint8Array()), "bytes");
  assert.equal(inferSchemaType([]), "array");
  assert.equal(inferSchemaType(new Map()), "map");
  assert.equal(inferSchemaType(Object.create(null)), "map");
  assert.equal(inferSchemaType(new Struct(SchemaBuilder.struct().build())), "struct");
  assert.equal(inferSchemaType(null), null);
  assert.equal(inferSchemaType(new Date()), null);
  assert.equal(inferSchemaType(BigDecimal.parse("1")), null);
  assert.equal(inferSchemaType(() => 1), null);
});

Deno.test("describeValueType and isPlainObject", () => {
  assert.deepEqual(
    [
      null,
      undefined,
      1,
      "s",
      1n,
      [],
      {},
      new Map(),
      new Uint8Array(),
      new Date(),
      BigDecimal.parse("1"),
    ]
      .map(describeValueType),
    [
      "null",
      "undefined",
      "number",
      "string",
      "bigint",
      "Array",
      "object",
      "Map",
      "Uint8Array",
      "Date",
      "BigDecimal",
    ],
  );
  assert.ok(isPlainObject({}) && isPlainObject(Object.create(null)));
  assert.ok(!isPlainObject([]) && !isPlainObject(new Map()) && !isPlainObject(null));
  assert.deepEqual([...mapEntries({ a: 1 })], [["a", 1]]);
  assert.deepEqual([...mapEntries(new Map([[1, 2]]))], [[1, 2]]);
});
