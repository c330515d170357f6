import assert from "node:assert/strict";
import { converterSetting } from "./task_factories.ts";

const worker = {
  className: "org.apache.kafka.connect.json.JsonConverter",
  config: { "schemas.enable": "true", "decimal.format": "NUMERIC" },
};

Deno.test("a connector without converter keys uses the worker's converter", () => {
  assert.deepEqual(converterSetting(worker, {}, "value"), worker);
});

Deno.test("a connector's sub-keys refine the worker's converter when the class is the same", () => {
  assert.deepEqual(
    converterSetting(worker, { "value.converter.schemas.enable": "false" }, "value"),
    {
      className: worker.className,
      config: { "schemas.enable": "false", "decimal.format": "NUMERIC" },
    },
  );
});

Deno.test("a connector naming another class gets only its own sub-keys", () => {
  assert.deepEqual(
    converterSetting(
      worker,
      {
        "key.converter": "StringConverter",
        "key.converter.converter.encoding": "UTF-16",
        "value.converter.schemas.enable": "false",
      },
      "key",
    ),
    { className: "StringConverter", config: { "converter.encoding": "UTF-16" } },
  );
});
