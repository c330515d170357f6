/**
 * Both services as processes against the real broker: start-up, health,
 * `GET /`, clean stops on SIGTERM and SIGINT, and bad input that exits
 * non-zero with a message naming the key or the address.
 */
import assert from "node:assert/strict";
import { uniqueName } from "./helpers/kafka_env.ts";
import { freePort, startWorkerProcess } from "./helpers/worker_process.ts";

for (const kind of ["source", "sink"] as const) {
  Deno.test(`${kind} worker starts, reports health and stops on SIGTERM and SIGINT`, async () => {
    const group = uniqueName(`proc-${kind}`);
    const env = {
      CONNECT_GROUP_ID: group,
      CONNECT_CONFIG_STORAGE_TOPIC: `${group}-control`,
      CONNECT_OFFSET_STORAGE_TOPIC: `${group}-offsets`,
      CONNECT_OFFSET_STORAGE_PARTITIONS: "3",
    };
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const worker = startWorkerProcess({ kind, env });
      await worker.waitHealthy();
      const health = await (await fetch(`${worker.url}/health`)).json();
      assert.deepEqual(health, {
        status: "healthy",
        message: "Worker has completed startup and is ready to handle requests.",
      });
      const root = await (await fetch(`${worker.url}/`)).json();
      assert.deepEqual(Object.keys(root), ["version", "commit", "kafka_cluster_id"]);
      assert.match(root.kafka_cluster_id, /^\S+$/);
      const { code, ms } = await worker.stop(signal);
      assert.equal(code, 0, worker.output());
      assert.ok(ms < 5000, `stopping took ${ms} ms`);
    }
  });
}

Deno.test("a bad worker config exits 1 naming every bad key", async () => {
  const worker = startWorkerProcess({
    kind: "sink",
    env: { CONNECT_COLOUR: "red", CONNECT_SESSION_TIMEOUT_MS: "soon" },
  });
  const { code } = await worker.status;
  assert.equal(code, 1);
  assert.match(worker.output(), /colour \(from environment variable CONNECT_COLOUR\): unknown/);
  assert.match(worker.output(), /session\.timeout\.ms .*expected a whole number, was "soon"/);
  assert.doesNotMatch(worker.output(), /^\s+at /m, "no stack trace");
});

Deno.test("an unreachable broker exits 1 naming the address", async () => {
  const port = freePort();
  const worker = startWorkerProcess({
    kind: "source",
    env: { KAFKA_BOOTSTRAP: `127.0.0.1:${port}`, CONNECT_KAFKA_CONNECT_TIMEOUT_MS: "2000" },
  });
  const { code } = await worker.status;
  assert.equal(code, 1);
  assert.match(worker.output(), new RegExp(`Cannot connect to Kafka at 127\\.0\\.0\\.1:${port}`));
  assert.doesNotMatch(worker.output(), /^\s+at /m, "no stack trace");
});

Deno.test("an existing internal topic that is not compacted stops start-up", async () => {
  const group = uniqueName("proc-bad-topic");
  const { createKafkaAdmin } = await import("../shared/kafka/mod.ts");
  const { kafkaBootstrap } = await import("./helpers/kafka_env.ts");
  const admin = await createKafkaAdmin({ bootstrapServers: kafkaBootstrap(), clientId: "t" });
  try {
    await admin.createTopic({ name: `${group}-control`, partitions: 1 });
  } finally {
    await admin.close();
  }
  const worker = startWorkerProcess({
    kind: "source",
    env: { CONNECT_GROUP_ID: group, CONNECT_CONFIG_STORAGE_TOPIC: `${group}-control` },
  });
  const { code } = await worker.status;
  assert.equal(code, 1);
  assert.match(worker.output(), /config\.storage\.topic\) has cleanup\.policy=delete/);
});
