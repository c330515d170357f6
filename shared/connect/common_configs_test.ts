import assert from "node:assert/strict";
import {
  commonConfigDef,
  CONNECTOR_CONFIG,
  SINK_CONNECTOR_CONFIG,
  SOURCE_CONNECTOR_CONFIG,
} from "./common_configs.ts";
import { ConfigDef } from "./config_def.ts";

const errorsOf = (def: ConfigDef<Record<string, unknown>>, props: Record<string, string>) =>
  def.validate(props).flatMap((r) => r.errorMessages);

Deno.test("every connector has name, connector.class, tasks.max and converter overrides", () => {
  assert.deepEqual(CONNECTOR_CONFIG.names(), [
    "name",
    "connector.class",
    "tasks.max",
    "key.converter",
    "value.converter",
    "header.converter",
  ]);
  const parsed = CONNECTOR_CONFIG.parse({ name: "fs", "connector.class": "FileStreamSource" });
  assert.deepEqual({ ...parsed }, {
    name: "fs",
    "connector.class": "FileStreamSource",
    "tasks.max": 1,
    "key.converter": null,
    "value.converter": null,
    "header.converter": null,
  });
  assert.deepEqual(CONNECTOR_CONFIG.groups(), ["Common"]);
});

Deno.test("name and connector.class are required; tasks.max at least 1; no control characters", () => {
  assert.deepEqual(errorsOf(CONNECTOR_CONFIG, {}), [
    'Missing required configuration "name" which has no default value.',
    'Missing required configuration "connector.class" which has no default value.',
  ]);
  assert.deepEqual(
    errorsOf(CONNECTOR_CONFIG, { name: "a\u0007b", "connector.class": "", "tasks.max": "0" }),
    [
      "Invalid value a\u0007b for configuration name: String must not contain control characters",
      "Invalid value  for configuration connector.class: String must be non-empty",
      "Invalid value 0 for configuration tasks.max: Value must be at least 1",
    ],
  );
});

Deno.test("sinks need exactly one of topics and topics.regex", () => {
  const base = { name: "s", "connector.class": "FileStreamSink" };
  const none = "Must configure one of topics or topics.regex";
  const both = "topics and topics.regex are mutually exclusive options, but both are set.";
  assert.deepEqual(errorsOf(SINK_CONNECTOR_CONFIG, base), [none, none]);
  assert.deepEqual(errorsOf(SINK_CONNECTOR_CONFIG, { ...base, topics: " ", "topics.regex": "" }), [
    none,
    none,
  ]);
  assert.deepEqual(
    errorsOf(SINK_CONNECTOR_CONFIG, { ...base, topics: "a", "topics.regex": "a.*" }),
    [both, both],
  );
  assert.deepEqual(errorsOf(SINK_CONNECTOR_CONFIG, { ...base, topics: "a,b" }), []);
  assert.deepEqual(errorsOf(SINK_CONNECTOR_CONFIG, { ...base, "topics.regex": "orders-.*" }), []);
  assert.deepEqual(SINK_CONNECTOR_CONFIG.parse({ ...base, topics: "a, b" }).topics, ["a", "b"]);
});

Deno.test("topics.regex must be a valid regex", () => {
  const errors = errorsOf(SINK_CONNECTOR_CONFIG, {
    name: "s",
    "connector.class": "X",
    "topics.regex": "(",
  });
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^Invalid value \( for configuration topics\.regex: Invalid regex: /);
});

Deno.test("commonConfigDef picks by type and merges with a connector's own spec", () => {
  assert.equal(commonConfigDef("source"), SOURCE_CONNECTOR_CONFIG);
  assert.equal(commonConfigDef("sink"), SINK_CONNECTOR_CONFIG);
  const own = new ConfigDef().define({
    name: "file",
    type: "STRING",
    importance: "HIGH",
    documentation: "File",
  });
  const spec = commonConfigDef("sink").merge(own);
  assert.deepEqual(errorsOf(spec, { name: "n", "connector.class": "X", topics: "t" }), [
    'Missing required configuration "file" which has no default value.',
  ]);
});
