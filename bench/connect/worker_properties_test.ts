import assert from "node:assert/strict";
import { connectInternalTopics, connectWorkerProperties } from "./worker_properties.ts";

Deno.test("connectWorkerProperties: loopback, single broker, bench names", () => {
  const text = connectWorkerProperties({
    bootstrap: "127.0.0.1:40000",
    port: 18083,
    id: "b1",
    pluginDir: "/tmp/plugins",
  });
  const props = new Map(
    text.trimEnd().split("\n").map((line) => line.split("=", 2) as [string, string]),
  );
  assert.equal(props.get("bootstrap.servers"), "127.0.0.1:40000");
  assert.equal(props.get("listeners"), "http://127.0.0.1:18083");
  assert.equal(props.get("group.id"), "bench-b1-connect");
  assert.equal(props.get("config.storage.replication.factor"), "1");
  assert.equal(props.get("offset.flush.interval.ms"), "1000");
  assert.equal(props.get("plugin.path"), "/tmp/plugins");
  const topics = connectInternalTopics("b1");
  assert.deepEqual(
    [
      props.get("config.storage.topic"),
      props.get("offset.storage.topic"),
      props.get("status.storage.topic"),
    ],
    topics,
  );
});
