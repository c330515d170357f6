import assert from "node:assert/strict";
import { MemoryHerder } from "./memory_herder.ts";
import { RestError } from "./rest_error.ts";

const SOURCE = {
  name: "fs",
  "connector.class": "FileStreamSource",
  file: "/data/in.txt",
  topic: "lines",
};

function herder() {
  return new MemoryHerder({ fileDirs: ["/data"], workerId: "w:1" });
}

function restError(status: number, message: string | RegExp) {
  return (err: unknown) =>
    err instanceof RestError && err.status === status &&
    (typeof message === "string" ? err.message === message : message.test(err.message));
}

Deno.test("MemoryHerder creates a running source with one task", async () => {
  const h = herder();
  assert.deepEqual(await h.createConnector("fs", SOURCE), {
    name: "fs",
    config: SOURCE,
    tasks: [],
    type: "source",
  });
  assert.deepEqual(h.connectorInfo("fs").tasks, [{ connector: "fs", task: 0 }]);
  assert.deepEqual(h.connectorStatus("fs"), {
    name: "fs",
    connector: { state: "RUNNING", worker_id: "w:1" },
    tasks: [{ id: 0, state: "RUNNING", worker_id: "w:1" }],
    type: "source",
  });
  assert.equal(
    h.taskConfigs("fs")[0].config["task.class"],
    "org.apache.kafka.connect.file.FileStreamSourceTask",
  );
  await assert.rejects(
    h.createConnector("fs", SOURCE),
    restError(409, "Connector fs already exists"),
  );
});

Deno.test("MemoryHerder rejects invalid configs with Kafka Connect's message", async () => {
  const h = herder();
  const { topic: _topic, ...noTopic } = SOURCE;
  await assert.rejects(
    h.createConnector("fs", { ...noTopic, file: "/etc/passwd", "tasks.max": "0" }),
    restError(
      400,
      "Connector configuration is invalid and contains the following 3 error(s):\n" +
        'Missing required configuration "topic" which has no default value.\n' +
        "Invalid value 0 for configuration tasks.max: Value must be at least 1\n" +
        "Invalid value /etc/passwd for configuration file: the file is outside the allowed directories\n" +
        "You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`",
    ),
  );
  await assert.rejects(
    h.createConnector("sink", { name: "sink", "connector.class": "FileStreamSink" }),
    restError(400, /Must configure one of topics or topics.regex/),
  );
  assert.deepEqual(h.connectorNames(), []);
});

Deno.test("MemoryHerder target states drive status and tasks", async () => {
  const h = herder();
  await h.createConnector("fs", SOURCE, "PAUSED");
  assert.deepEqual(h.connectorStatus("fs").tasks.map((t) => t.state), ["PAUSED"]);
  await h.setTargetState("fs", "STOPPED");
  assert.equal(h.connectorStatus("fs").connector.state, "STOPPED");
  assert.deepEqual(h.taskConfigs("fs"), []);
  assert.throws(() => h.taskStatus("fs", 0), restError(404, "No status found for task fs-0"));
  await assert.rejects(h.setTargetState("x", "PAUSED"), restError(404, "Unknown connector x"));
});

Deno.test("MemoryHerder changes offsets only while STOPPED", async () => {
  const h = herder();
  await h.createConnector("fs", SOURCE);
  const offsets = {
    offsets: [{ partition: { filename: "/data/in.txt" }, offset: { position: 3 } }],
  };
  await assert.rejects(
    h.alterOffsets("fs", offsets),
    restError(400, /^Connectors must be in the STOPPED state/),
  );
  await h.setTargetState("fs", "STOPPED");
  await h.alterOffsets("fs", offsets);
  assert.deepEqual(await h.offsets("fs"), offsets);
  await h.alterOffsets("fs", {
    offsets: [{ partition: { filename: "/data/in.txt" }, offset: null }],
  });
  assert.deepEqual(await h.offsets("fs"), { offsets: [] });
  assert.equal(
    await h.resetOffsets("fs"),
    "The offsets for this connector have been reset successfully",
  );
});

Deno.test("MemoryHerder restarts mark what restarts, per Kafka Connect's rules", async () => {
  const h = herder();
  await h.createConnector("fs", SOURCE);
  assert.equal(await h.restartConnector("fs", { includeTasks: false, onlyFailed: false }), null);
  const all = await h.restartConnector("fs", { includeTasks: true, onlyFailed: false });
  assert.equal(all?.connector.state, "RESTARTING");
  assert.deepEqual(all?.tasks.map((t) => t.state), ["RESTARTING"]);
  const failedOnly = await h.restartConnector("fs", { includeTasks: true, onlyFailed: true });
  assert.equal(failedOnly?.connector.state, "RUNNING");
  await assert.rejects(h.restartTask("fs", 1), restError(404, "Unknown task: fs-1"));
  await assert.rejects(
    h.restartConnector("x", { includeTasks: false, onlyFailed: false }),
    restError(404, "Unknown connector: x"),
  );
});

Deno.test("MemoryHerder resolves plugins by class name, simple name or alias", async () => {
  const h = herder();
  for (
    const name of [
      "FileStreamSink",
      "FileStreamSinkConnector",
      "org.apache.kafka.connect.file.FileStreamSinkConnector",
    ]
  ) {
    assert.ok(h.pluginConfig(name).some((k) => k.name === "topics"), name);
  }
  assert.throws(() => h.pluginConfig("Nope"), restError(404, "Unknown plugin Nope."));
  assert.equal(h.plugins(true).length, 2);
  assert.ok(h.plugins(false).some((p) => p.type === "converter"));
  const infos = await h.validateConfig("FileStreamSource", { ...SOURCE, topic: "" });
  assert.equal(infos.name, "FileStreamSource");
  assert.equal(infos.error_count, 1);
  assert.deepEqual(infos.configs.find((c) => c.value.name === "topic")?.value.errors, [
    "Invalid value  for configuration topic: String must be non-empty",
  ]);
});
