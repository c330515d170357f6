import assert from "node:assert/strict";
import * as sdk from "./mod.ts";

Deno.test("mod.ts exports the whole SDK", () => {
  const expected = [
    // connectors and tasks
    "Connector",
    "SourceConnector",
    "SinkConnector",
    "SourceTask",
    "SinkTask",
    // data
    "SchemaBuilder",
    "Schemas",
    "Struct",
    "Decimal",
    "LogicalDate",
    "LogicalTime",
    "LogicalTimestamp",
    // config specs
    "ConfigDef",
    "configInfos",
    "configKeyInfo",
    "configErrors",
    "configValueToString",
    "parseConfigValue",
    "configDocsMarkdown",
    "documentationOrder",
    "CONNECTOR_CONFIG",
    "SOURCE_CONNECTOR_CONFIG",
    "SINK_CONNECTOR_CONFIG",
    "commonConfigDef",
    "Password",
    // validators
    "validator",
    "nonEmptyString",
    "atLeast",
    "between",
    "oneOf",
    "validList",
    "nonEmptyList",
    "matches",
    "validRegex",
    "fileInAllowedDirs",
    "allOf",
    // errors
    "ConnectError",
    "ConfigError",
    "RetriableError",
    "DataError",
    // file access, helpers, identity
    "isPathAllowed",
    "assertPathAllowed",
    "resolveRealPath",
    "notAllowedReason",
    "delay",
    "NO_ENVIRONMENT",
    "pluginClassName",
    "simpleClassName",
    "topicPartitionKey",
    "topicPartitionOffsets",
  ];
  const exported = new Set(Object.keys(sdk));
  assert.deepEqual(expected.filter((name) => !exported.has(name)), []);
});

Deno.test("test helpers are not part of the SDK module", () => {
  assert.equal("MemorySourceTaskContext" in sdk, false);
});
