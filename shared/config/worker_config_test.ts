import assert from "node:assert/strict";
import { resolveWorkerConfig } from "./worker_config.ts";
import { WorkerConfigError } from "./worker_config_def.ts";

Deno.test("defaults give a working source and sink worker", () => {
  const source = resolveWorkerConfig("source", new Map());
  assert.deepEqual(source.bootstrapServers, ["localhost:9092"]);
  assert.deepEqual(source.listener, { hostname: "0.0.0.0", port: 8083 });
  assert.equal(source.advertisedUrl, "http://localhost:8083");
  assert.equal(source.workerId, "localhost:8083");
  assert.equal(source.controlTopic, "tributary-control");
  assert.equal(source.valueConverter.className, "org.apache.kafka.connect.json.JsonConverter");
  const sink = resolveWorkerConfig("sink", new Map());
  assert.equal(sink.listener.port, 8084);
  assert.ok(sink.offsetFlushIntervalMs < 60_000);
});

Deno.test("Kafka Connect's names set the config, prefixes pass through", () => {
  const config = resolveWorkerConfig(
    "source",
    new Map([
      ["bootstrap.servers", "a:9092, b:9093"],
      ["listeners", "http://127.0.0.1:18083"],
      ["rest.advertised.host.name", "w1.example"],
      ["value.converter", "org.apache.kafka.connect.storage.StringConverter"],
      ["value.converter.schemas.enable", "false"],
      ["producer.linger.ms", "5"],
      ["plugin.path", "/opt/plugins,/srv/more"],
    ]),
  );
  assert.deepEqual(config.bootstrapServers, ["a:9092", "b:9093"]);
  assert.deepEqual(config.listener, { hostname: "127.0.0.1", port: 18083 });
  assert.equal(config.advertisedUrl, "http://w1.example:18083");
  assert.equal(config.workerId, "w1.example:18083");
  assert.deepEqual(config.valueConverter.config, { "schemas.enable": "false" });
  assert.deepEqual(config.producerOverrides, { "linger.ms": "5" });
  assert.deepEqual(config.pluginPath, ["/opt/plugins", "/srv/more"]);
});

Deno.test("every bad key is reported at once, with where it came from", () => {
  assert.throws(
    () =>
      resolveWorkerConfig(
        "sink",
        new Map([
          ["bootstrap.servers", "nohost"],
          ["offset.flush.interval.ms", "soon"],
          ["colour", "red"],
          ["listeners", "ftp://x"],
          ["status.storage.topic", "s"],
          ["session.timeout.ms", "3000"],
          ["heartbeat.interval.ms", "2000"],
        ]),
        new Map([["colour", "environment variable CONNECT_COLOUR"]]),
      ),
    (err: unknown) => {
      assert.ok(err instanceof WorkerConfigError);
      const keys = err.issues.map((i) => i.key).sort();
      assert.deepEqual(keys, [
        "bootstrap.servers",
        "colour",
        "heartbeat.interval.ms",
        "listeners",
        "offset.flush.interval.ms",
        "status.storage.topic",
      ]);
      assert.match(err.message, /^Cannot start the sink worker: its config has 6 error\(s\)/);
      assert.match(err.message, /colour \(from environment variable CONNECT_COLOUR\): unknown/);
      assert.match(err.message, /offset\.flush\.interval\.ms: expected a whole number, was "soon"/);
      return true;
    },
  );
});

Deno.test("directories resolve against the working directory", () => {
  const config = resolveWorkerConfig(
    "source",
    new Map([["plugin.path", "plugins,/abs"]]),
    new Map(),
    "/srv/tributary",
  );
  assert.deepEqual(config.pluginPath, ["/srv/tributary/plugins", "/abs"]);
  assert.deepEqual(config.fileAllowedDirs, ["/srv/tributary/data"]);
});
