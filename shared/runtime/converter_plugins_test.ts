import assert from "node:assert/strict";
import { converterPlugins, createConverter, validateConverters } from "./converter_plugins.ts";

Deno.test("converters are created by full or simple class name", () => {
  const converter = createConverter("StringConverter", {}, false);
  assert.equal(
    new TextDecoder().decode(converter.fromConnectData("t", null, "hi")!),
    "hi",
  );
  assert.throws(() => createConverter("Nope", {}, false), /unknown class Nope/);
});

Deno.test("validateConverters names each bad converter key", () => {
  const values = validateConverters({
    "key.converter": "StringConverter",
    "value.converter": "com.example.Missing",
    "header.converter": "org.apache.kafka.connect.storage.SimpleHeaderConverter",
  });
  assert.deepEqual(values.map((v) => [v.name, v.errorMessages.length]), [
    ["key.converter", 0],
    ["value.converter", 1],
    ["header.converter", 0],
  ]);
  assert.match(values[1].errorMessages[0], /Class com\.example\.Missing could not be found/);
  assert.equal(
    validateConverters({ "header.converter": "JsonConverter" })[0].errorMessages.length,
    1,
  );
});

Deno.test("converter plugins are listed with their types", () => {
  const plugins = converterPlugins();
  assert.ok(
    plugins.some((p) =>
      p.class === "org.apache.kafka.connect.json.JsonConverter" && p.type === "converter"
    ),
  );
  assert.equal(plugins.at(-1)?.type, "header_converter");
});
