import assert from "node:assert/strict";
import { schemaToString, type SchemaType, schemaTypeName } from "./schema.ts";

Deno.test("schemaTypeName is Kafka Connect's enum name", () => {
  const types: SchemaType[] = [
    "int8",
    "int16",
    "int32",
    "int64",
    "float32",
    "float64",
    "boolean",
    "string",
    "bytes",
    "array",
    "map",
    "struct",
  ];
  assert.deepEqual(types.map(schemaTypeName), [
    "INT8",
    "INT16",
    "INT32",
    "INT64",
    "FLOAT32",
    "FLOAT64",
    "BOOLEAN",
    "STRING",
    "BYTES",
    "ARRAY",
    "MAP",
    "STRUCT",
  ]);
});

Deno.test("schemaToString names the schema when it has a name", () => {
  assert.equal(schemaToString({ type: "int32", optional: false }), "Schema{INT32}");
  assert.equal(
    schemaToString({ type: "struct", optional: true, name: "com.example.User" }),
    "Schema{com.example.User:STRUCT}",
  );
  assert.equal(schemaToString({ type: "int32", optional: false, name: "" }), "Schema{:INT32}");
});
