import assert from "node:assert/strict";
import { converterConfig, converterLabel } from "./converters.ts";

Deno.test("converterConfig sets key and value converters alike", () => {
  assert.deepEqual(converterConfig("json"), {
    "key.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
  });
  assert.equal(converterLabel("json"), "JsonConverter");
  assert.equal(converterLabel("string"), "StringConverter");
});
