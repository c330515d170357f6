import assert from "node:assert/strict";
import { Decimal } from "../connect/logical_types.ts";
import type { Schema } from "../connect/schema.ts";
import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
import { schemaEquals } from "../connect/values.ts";
import type { JsonNode } from "./json_node.ts";
import { parseJson } from "./json_parser.ts";
import { readJsonSchema, writeJsonSchema } from "./json_schema.ts";

const writeDefault = (_schema: Schema, value: unknown) => JSON.stringify(value);
const readDefault = (_schema: Schema, node: JsonNode) => node;
const read = (text: string) => readJsonSchema(parseJson(text), readDefault);

Deno.test("type names and key order are Kafka Connect's", () => {
  const types: [Schema, string][] = [
    [Schemas.INT8, "int8"],
    [Schemas.FLOAT32, "float"],
    [Schemas.FLOAT64, "double"],
    [Schemas.BOOLEAN, "boolean"],
    [Schemas.BYTES, "bytes"],
  ];
  for (const [schema, name] of types) {
    assert.equal(writeJsonSchema(schema, writeDefault), `{"type":"${name}","optional":false}`);
  }
  const full = SchemaBuilder.map(Schemas.STRING, Schemas.OPTIONAL_INT64).optional().name("m")
    .version(2)
    .doc('a "doc"').parameter("z", "1").parameter("a", "2").defaultValue(new Map()).build();
  assert.equal(
    writeJsonSchema(full, () => "{}"),
    '{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int64","optional":true},' +
      '"optional":true,"name":"m","version":2,"doc":"a \\"doc\\"","parameters":{"z":"1","a":"2"},"default":{}}',
  );
});

Deno.test("struct fields are their schemas with the field name last", () => {
  const schema = SchemaBuilder.struct().name("User")
    .field("id", SchemaBuilder.int32().doc("key").build())
    .field("tags", SchemaBuilder.array(Schemas.STRING).optional())
    .build();
  assert.equal(
    writeJsonSchema(schema, writeDefault),
    '{"type":"struct","fields":[{"type":"int32","optional":false,"doc":"key","field":"id"},' +
      '{"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"tags"}],' +
      '"optional":false,"name":"User"}',
  );
});

Deno.test("the cache holds every schema written, nested ones too", () => {
  const cache = new WeakMap<Schema, string>();
  const inner = SchemaBuilder.array(Schemas.INT32).build();
  const outer = SchemaBuilder.struct().field("xs", inner).build();
  const text = writeJsonSchema(outer, writeDefault, cache);
  assert.equal(cache.get(outer), text);
  assert.equal(
    cache.get(inner),
    '{"type":"array","items":{"type":"int32","optional":false},"optional":false}',
  );
  assert.equal(writeJsonSchema(outer, () => assert.fail("not called"), cache), text);
});

Deno.test("a schema missing its element schema cannot be written", () => {
  assert.throws(() => writeJsonSchema({ type: "array", optional: false }, writeDefault), {
    message: "Cannot write schema as JSON: the array schema is missing",
  });
});

Deno.test("reading round-trips what is written", () => {
  const schema = SchemaBuilder.struct().name("Order").version(3).doc("an order")
    .field("id", Schemas.INT64)
    .field("price", Decimal.schema(2))
    .field("lines", SchemaBuilder.array(SchemaBuilder.struct().field("sku", Schemas.STRING)))
    .field("attrs", SchemaBuilder.map(Schemas.STRING, Schemas.OPTIONAL_FLOAT32).optional())
    .build();
  const back = read(writeJsonSchema(schema, writeDefault));
  assert.ok(schemaEquals(back, schema));
  assert.equal(read("null"), null);
});

Deno.test("reading is lenient about metadata, as Kafka Connect", () => {
  assert.deepEqual(read('{"type":"int32"}'), { type: "int32", optional: false });
  assert.deepEqual(read('{"type":"int32","optional":"true"}'), { type: "int32", optional: false });
  assert.deepEqual(
    read('{"type":"int32","optional":true,"name":5,"version":1.5,"doc":false,"parameters":[1]}'),
    { type: "int32", optional: true },
  );
  assert.equal(read('{"type":"int32","version":2}')!.version, 2);
  assert.equal(read('{"type":"int32","default":7}')!.defaultValue, 7);
});

Deno.test("reading errors are Kafka Connect's", () => {
  const cases: [string, string][] = [
    ['{"optional":true}', "Schema must contain 'type' field"],
    ['{"type":1}', "Schema must contain 'type' field"],
    ['"string"', "Schema must contain 'type' field"],
    ['{"type":"int128"}', "Unknown schema type: int128"],
    ['{"type":"toString"}', "Unknown schema type: toString"],
    ['{"type":"array"}', "Array schema did not specify the element type"],
    ['{"type":"array","items":null}', "Array schema did not specify the element type"],
    ['{"type":"map","values":{"type":"string"}}', "Map schema did not specify the key type"],
    ['{"type":"map","keys":{"type":"string"}}', "Map schema did not specify the value type"],
    ['{"type":"map","keys":null,"values":{"type":"string"}}', "keySchema cannot be null."],
    ['{"type":"struct"}', 'Struct schema\'s "fields" argument is not an array.'],
    [
      '{"type":"struct","fields":[{"type":"int32"}]}',
      "Struct schema's field name not specified properly",
    ],
    ['{"type":"struct","fields":[{"type":"int32","field":""}]}', "fieldName cannot be null."],
    ['{"type":"int32","parameters":{"a":1}}', "Schema parameters must have string values."],
  ];
  for (const [text, message] of cases) assert.throws(() => read(text), { message }, text);
});
