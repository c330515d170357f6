/**
 * Throughput of JsonConverter against naive `JSON.stringify`/`JSON.parse`
 * envelopes. Run: `deno bench shared/converters/json_converter_bench.ts`.
 * iter/s is records per second on one core.
 */
import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
import { Struct } from "../connect/struct.ts";
import { JsonConverter } from "./json_converter.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const converter = new JsonConverter();
converter.configure({}, false);

const lines = Array.from(
  { length: 1024 },
  (_, i) => `line ${i}: the quick brown fox jumps over the lazy dog ${i * 7919}`,
);
let i = 0;
let sink = 0;

Deno.bench("JsonConverter: STRING fast path", { group: "write string", baseline: true }, () => {
  sink += converter.fromConnectData("t", Schemas.STRING, lines[i++ & 1023])!.length;
});
Deno.bench("naive: JSON.stringify envelope", { group: "write string" }, () => {
  const envelope = { schema: { type: "string", optional: false }, payload: lines[i++ & 1023] };
  sink += encoder.encode(JSON.stringify(envelope)).length;
});

const user = SchemaBuilder.struct().name("User")
  .field("id", Schemas.INT64)
  .field("name", Schemas.STRING)
  .field("email", Schemas.OPTIONAL_STRING)
  .field("score", Schemas.FLOAT64)
  .field("active", Schemas.BOOLEAN)
  .build();
const users = Array.from(
  { length: 1024 },
  (_, n) =>
    new Struct(user).put("id", n).put("name", `user ${n}`).put("email", `u${n}@example.com`)
      .put("score", n / 7).put("active", n % 2 === 0),
);
const plainUsers = users.map((s) => ({
  id: s.get("id"),
  name: s.get("name"),
  email: s.get("email"),
  score: s.get("score"),
  active: s.get("active"),
}));
const userSchemaJson = JSON.parse(converter.schemaToJson(user));

Deno.bench("JsonConverter: struct", { group: "write struct", baseline: true }, () => {
  sink += converter.fromConnectData("t", user, users[i++ & 1023])!.length;
});
Deno.bench("naive: JSON.stringify envelope", { group: "write struct" }, () => {
  const envelope = { schema: userSchemaJson, payload: plainUsers[i++ & 1023] };
  sink += encoder.encode(JSON.stringify(envelope)).length;
});

const stringMessages = lines.map((l) => converter.fromConnectData("t", Schemas.STRING, l)!);
Deno.bench("JsonConverter: read STRING", { group: "read string", baseline: true }, () => {
  sink += (converter.toConnectData("t", stringMessages[i++ & 1023]).value as string).length;
});
Deno.bench("naive: JSON.parse envelope", { group: "read string" }, () => {
  sink += JSON.parse(decoder.decode(stringMessages[i++ & 1023])).payload.length;
});

const structMessages = users.map((u) => converter.fromConnectData("t", user, u)!);
Deno.bench("JsonConverter: read struct", { group: "read struct", baseline: true }, () => {
  sink += (converter.toConnectData("t", structMessages[i++ & 1023]).value as Struct).schema ===
      user
    ? 1
    : 0;
});
Deno.bench("naive: JSON.parse envelope", { group: "read struct" }, () => {
  sink += JSON.parse(decoder.decode(structMessages[i++ & 1023])).payload.id;
});

globalThis.addEventListener("unload", () => {
  if (sink === -1) console.log(sink);
});
