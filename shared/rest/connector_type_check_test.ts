import assert from "node:assert/strict";
import {
  checkConnectorType,
  connectorTypeMatches,
  javaMapString,
  normalizedPluginName,
} from "./connector_type_check.ts";
import { RestError } from "./rest_error.ts";

const FQCN = "org.apache.kafka.connect.file.FileStreamSourceConnector";

Deno.test("normalizedPluginName drops a trailing Connector", () => {
  assert.equal(normalizedPluginName("FileStreamSourceConnector"), "FileStreamSource");
  assert.equal(normalizedPluginName(FQCN), "org.apache.kafka.connect.file.FileStreamSource");
  assert.equal(normalizedPluginName("FileStreamSource"), "FileStreamSource");
  assert.equal(normalizedPluginName("Connector"), "Connector");
});

Deno.test("connectorTypeMatches compares as Kafka Connect's validate endpoint", () => {
  assert.ok(connectorTypeMatches(FQCN, "FileStreamSource"));
  assert.ok(connectorTypeMatches(FQCN, "FileStreamSourceConnector"));
  assert.ok(connectorTypeMatches(FQCN, FQCN));
  assert.ok(connectorTypeMatches("FileStreamSourceConnector", "FileStreamSource"));
  assert.ok(connectorTypeMatches("FileStreamSource", "FileStreamSourceConnector"));
  assert.ok(!connectorTypeMatches("FileStreamSink", "FileStreamSource"));
  assert.ok(!connectorTypeMatches("FileStreamSource", FQCN));
});

Deno.test("javaMapString prints a config like Java's AbstractMap.toString", () => {
  assert.equal(javaMapString({}), "{}");
  assert.equal(javaMapString({ a: "1", "b.c": "x y" }), "{a=1, b.c=x y}");
});

Deno.test("checkConnectorType throws Kafka Connect's 400s", () => {
  checkConnectorType("FileStreamSource", { "connector.class": FQCN });
  assert.throws(
    () => checkConnectorType("FileStreamSource", { topic: "t", file: "/f" }),
    (err) =>
      err instanceof RestError && err.status === 400 &&
      err.message === "Connector config {topic=t, file=/f} contains no connector type",
  );
  assert.throws(
    () => checkConnectorType("FileStreamSink", { "connector.class": FQCN }),
    (err) =>
      err instanceof RestError && err.status === 400 &&
      err.message === `Included connector type ${FQCN} does not match request type FileStreamSink`,
  );
});
