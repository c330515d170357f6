import assert from "node:assert/strict";
import { DataError } from "./errors.ts";
import { SchemaBuilder, Schemas } from "./schema_builder.ts";
import { fieldOf, Struct } from "./struct.ts";

const user = SchemaBuilder.struct().name("User")
  .field("id", Schemas.INT32)
  .field("name", Schemas.OPTIONAL_STRING)
  .field("level", SchemaBuilder.int8().defaultValue(1).build())
  .build();

Deno.test("a struct starts with every field null", () => {
  const s = new Struct(user);
  assert.equal(s.schema, user);
  assert.equal(s.getWithoutDefault("id"), null);
  assert.equal(s.get("name"), null);
});

Deno.test("put and get, by name or by field", () => {
  const s = new Struct(user).put("id", 7).put(user.fields![1], "ann");
  assert.equal(s.get("id"), 7);
  assert.equal(s.get(user.fields![1]), "ann");
  assert.equal(s.field("name"), user.fields![1]);
  s.put("name", undefined);
  assert.equal(s.getWithoutDefault("name"), null);
});

Deno.test("get falls back to the field's default, getWithoutDefault does not", () => {
  const s = new Struct(user);
  assert.equal(s.get("level"), 1);
  assert.equal(s.getWithoutDefault("level"), null);
});

Deno.test("put checks the value against the field's schema", () => {
  const s = new Struct(user);
  assert.throws(() => s.put("id", "7"), {
    name: "DataError",
    message: 'Invalid value for schema with type INT32: string for field: "id"',
  });
  assert.throws(() => s.put("id", null), {
    message: 'Invalid value: null used for required field: "id", schema type: INT32',
  });
  assert.throws(() => s.put("nope", 1), { message: "nope is not a valid field name" });
  assert.throws(() => s.get("nope"), DataError);
});

Deno.test("validate needs every required field without a default", () => {
  const s = new Struct(user);
  assert.throws(() => s.validate(), {
    message: 'Invalid value: null used for required field: "id", schema type: INT32',
  });
  s.put("id", 1);
  s.validate(); // name is optional, level has a default
});

Deno.test("a struct needs a struct schema", () => {
  assert.throws(() => new Struct(Schemas.INT32), { message: "Not a struct schema: Schema{INT32}" });
});

Deno.test("equals compares schemas structurally and values deeply", () => {
  const copy = SchemaBuilder.struct().name("User")
    .field("id", Schemas.INT32)
    .field("name", Schemas.OPTIONAL_STRING)
    .field("level", SchemaBuilder.int8().defaultValue(1).build())
    .build();
  const a = new Struct(user).put("id", 1).put("name", "x");
  assert.ok(a.equals(new Struct(copy).put("id", 1).put("name", "x")));
  assert.ok(!a.equals(new Struct(user).put("id", 2).put("name", "x")));
  assert.ok(!a.equals("Struct{id=1}"));
  assert.ok(a.equals(a));
});

Deno.test("toString lists the non-null fields", () => {
  const nested = SchemaBuilder.struct()
    .field("tags", SchemaBuilder.array(Schemas.STRING))
    .field("map", SchemaBuilder.map(Schemas.STRING, Schemas.INT32))
    .field("bytes", Schemas.BYTES)
    .field("inner", user)
    .build();
  const s = new Struct(nested).put("tags", ["a", "b"]).put("map", new Map([["k", 1]]))
    .put("bytes", new Uint8Array([1, 2])).put("inner", new Struct(user).put("id", 3));
  assert.equal(s.toString(), "Struct{tags=[a, b],map={k=1},bytes=[1, 2],inner=Struct{id=3}}");
  assert.equal(new Struct(user).toString(), "Struct{}");
});

Deno.test("fieldOf finds fields by name", () => {
  assert.equal(fieldOf(user, "level")?.index, 2);
  assert.equal(fieldOf(user, "missing"), undefined);
  assert.equal(fieldOf(Schemas.INT32, "x"), undefined);
});
