import assert from "node:assert/strict";
import { DataError } from "./errors.ts";
import { Decimal, LogicalDate, LogicalTime, LogicalTimestamp } from "./logical_types.ts";
import { SchemaBuilder, SchemaBuilderError, Schemas } from "./schema_builder.ts";
import { Struct } from "./struct.ts";
import { schemaEquals } from "./values.ts";

Deno.test("primitive builders make required schemas with only the set properties", () => {
  const schema = SchemaBuilder.int32().build();
  assert.deepEqual(schema, { type: "int32", optional: false });
  assert.ok(Object.isFrozen(schema));
  assert.equal("name" in schema, false);
  assert.deepEqual(SchemaBuilder.bool().optional().build(), { type: "boolean", optional: true });
  assert.equal(SchemaBuilder.type("bytes").build().type, "bytes");
  assert.equal(new SchemaBuilder("float32").build().type, "float32");
  for (
    const [builder, type] of [
      [SchemaBuilder.int8(), "int8"],
      [SchemaBuilder.int16(), "int16"],
      [SchemaBuilder.int64(), "int64"],
      [SchemaBuilder.float32(), "float32"],
      [SchemaBuilder.float64(), "float64"],
      [SchemaBuilder.string(), "string"],
      [SchemaBuilder.bytes(), "bytes"],
    ] as const
  ) {
    assert.equal(builder.build().type, type);
  }
});

Deno.test("Schemas holds frozen required and optional primitives", () => {
  assert.deepEqual(Schemas.STRING, { type: "string", optional: false });
  assert.deepEqual(Schemas.OPTIONAL_BYTES, { type: "bytes", optional: true });
  assert.equal(Object.keys(Schemas).length, 18);
  for (const schema of Object.values(Schemas)) assert.ok(Object.isFrozen(schema));
  assert.ok(Object.isFrozen(Schemas));
});

Deno.test("every metadata property is kept", () => {
  const schema = SchemaBuilder.int64().optional().name("n").version(3).doc("d")
    .parameter("z", "1").parameters({ a: "2" }).defaultValue(5n).build();
  assert.deepEqual(schema, {
    type: "int64",
    optional: true,
    defaultValue: 5n,
    name: "n",
    version: 3,
    doc: "d",
    parameters: { z: "1", a: "2" },
  });
  assert.deepEqual(Object.keys(schema.parameters!), ["z", "a"]);
  assert.ok(Object.isFrozen(schema.parameters));
});

Deno.test("an empty parameters object adds nothing", () => {
  assert.equal(SchemaBuilder.string().parameters({}).build().parameters, undefined);
});

Deno.test("struct fields keep order, index and schema", () => {
  const address = SchemaBuilder.struct().name("Address").field("city", Schemas.STRING);
  const schema = SchemaBuilder.struct().name("User")
    .field("id", Schemas.INT32)
    .field("address", address) // a builder is built
    .build();
  assert.deepEqual(schema.fields!.map((f) => [f.name, f.index, f.schema.type]), [
    ["id", 0, "int32"],
    ["address", 1, "struct"],
  ]);
  assert.ok(Object.isFrozen(schema.fields));
  assert.ok(Object.isFrozen(schema.fields![0]));
  assert.equal(schema.fields![1].schema.name, "Address");
});

Deno.test("array and map builders take their element schemas", () => {
  const array = SchemaBuilder.array(Schemas.STRING).build();
  assert.equal(array.valueSchema, Schemas.STRING);
  const map = SchemaBuilder.map(Schemas.STRING, SchemaBuilder.int32().optional()).build();
  assert.equal(map.keySchema, Schemas.STRING);
  assert.deepEqual(map.valueSchema, Schemas.OPTIONAL_INT32);
});

Deno.test("Kafka Connect's builder errors", () => {
  const cases: [() => unknown, string][] = [
    [() => SchemaBuilder.int32().field("a", Schemas.INT32), "Cannot create fields on type INT32"],
    [() => SchemaBuilder.struct().field("", Schemas.INT32), "fieldName cannot be null."],
    [
      () => SchemaBuilder.struct().field("a", null as never),
      "fieldSchema for field a cannot be null.",
    ],
    [
      () => SchemaBuilder.struct().field("a", Schemas.INT32).field("a", Schemas.STRING),
      "Cannot create field because of field name duplication a",
    ],
    [() => SchemaBuilder.array(null as never), "valueSchema cannot be null."],
    [() => SchemaBuilder.map(null as never, Schemas.INT32), "keySchema cannot be null."],
    [() => SchemaBuilder.map(Schemas.INT32, null as never), "valueSchema cannot be null."],
    [
      () => SchemaBuilder.int32().name("a").name("b"),
      "Invalid SchemaBuilder call: name has already been set.",
    ],
    [
      () => SchemaBuilder.int32().optional().required(),
      "Invalid SchemaBuilder call: optional has already been set.",
    ],
    [
      () => SchemaBuilder.int32().version(1).version(2),
      "Invalid SchemaBuilder call: version has already been set.",
    ],
    [
      () => SchemaBuilder.int32().doc("a").doc("b"),
      "Invalid SchemaBuilder call: doc has already been set.",
    ],
    [
      () => SchemaBuilder.int32().defaultValue(1).defaultValue(2),
      "Invalid SchemaBuilder call: default has already been set.",
    ],
    [() => new SchemaBuilder(null as never), "type cannot be null"],
  ];
  for (const [fn, message] of cases) {
    assert.throws(fn, (err: Error) => {
      assert.ok(err instanceof SchemaBuilderError && err instanceof DataError);
      assert.equal(err.message, message);
      return true;
    });
  }
});

Deno.test("setting the same value twice is allowed", () => {
  const schema = SchemaBuilder.int32().name("n").name("n").optional().optional().build();
  assert.equal(schema.name, "n");
});

Deno.test("a default value must be valid for the schema", () => {
  assert.throws(() => SchemaBuilder.int32().defaultValue("x"), (err: Error) => {
    assert.equal(err.message, "Invalid default value");
    assert.match((err.cause as Error).message, /Invalid value for schema with type INT32: string/);
    return true;
  });
  assert.throws(() => SchemaBuilder.int8().defaultValue(300), /Invalid default value/);
  // null is a valid default only of an optional schema (and then means none).
  assert.throws(() => SchemaBuilder.int32().defaultValue(null), /Invalid default value/);
  assert.equal(SchemaBuilder.int32().optional().defaultValue(null).build().defaultValue, undefined);
});

Deno.test("a struct schema cannot have a default, as in Kafka Connect", () => {
  const builder = SchemaBuilder.struct().field("a", Schemas.INT32);
  const value = new Struct(builder.build()).put("a", 1);
  assert.throws(() => builder.defaultValue(value), (err: Error) => {
    assert.equal(err.message, "Invalid default value");
    assert.equal((err.cause as Error).message, "Struct schemas do not match.");
    return true;
  });
});

Deno.test("logical type builders match the logical types' schemas", () => {
  assert.ok(schemaEquals(SchemaBuilder.decimal(2).build(), Decimal.schema(2)));
  assert.ok(schemaEquals(SchemaBuilder.date().build(), LogicalDate.SCHEMA));
  assert.ok(schemaEquals(SchemaBuilder.time().build(), LogicalTime.SCHEMA));
  assert.ok(schemaEquals(SchemaBuilder.timestamp().build(), LogicalTimestamp.SCHEMA));
  assert.equal(SchemaBuilder.timestamp().optional().build().optional, true);
  assert.throws(() => SchemaBuilder.decimal(1.5), /scale 1.5 is not an integer/);
});

Deno.test("a builder can go on after build", () => {
  const builder = SchemaBuilder.struct().field("a", Schemas.INT32);
  const first = builder.build();
  const second = builder.field("b", Schemas.INT32).build();
  assert.equal(first.fields!.length, 1);
  assert.equal(second.fields!.length, 2);
});
