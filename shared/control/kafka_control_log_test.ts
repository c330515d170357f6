import assert from "node:assert/strict";
import {
  CONTROL_TOPIC_CONFIGS,
  controlTopicProblems,
  openKafkaControlLog,
} from "./kafka_control_log.ts";

const partition = (p: number) => ({ partition: p, leader: 1, replicas: [1], isr: [1] });

Deno.test("a control topic needs one partition, compaction and LogAppendTime", () => {
  const good = {
    name: "c",
    topicId: "id",
    partitions: [partition(0)],
    configs: { ...CONTROL_TOPIC_CONFIGS, "retention.ms": "1" },
  };
  assert.deepEqual(controlTopicProblems(good), []);
  assert.deepEqual(
    controlTopicProblems({
      ...good,
      partitions: [partition(0), partition(1)],
      configs: { "cleanup.policy": "compact,delete", "message.timestamp.type": "CreateTime" },
    }),
    [
      "it has 2 partitions, not 1",
      'cleanup.policy is "compact,delete", not "compact"',
      'message.timestamp.type is "CreateTime", not "LogAppendTime"',
    ],
  );
  assert.deepEqual(controlTopicProblems({ ...good, configs: {} }), [
    'cleanup.policy is undefined, not "compact"',
    'message.timestamp.type is undefined, not "LogAppendTime"',
  ]);
});

Deno.test("opening against an unreachable cluster fails fast with a Cannot message", async () => {
  const started = Date.now();
  await assert.rejects(
    openKafkaControlLog({
      bootstrapServers: ["127.0.0.1:9"],
      clientId: "control-unreachable",
      topic: "tributary-control",
      connectTimeoutMs: 1000,
    }),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /^Cannot open control topic tributary-control: .*127\.0\.0\.1:9/);
      assert.ok(error.cause instanceof Error);
      return true;
    },
  );
  assert.ok(Date.now() - started < 5000);
});

Deno.test("opening honours an aborted signal before touching the network", async () => {
  await assert.rejects(
    openKafkaControlLog({
      bootstrapServers: ["127.0.0.1:9"],
      clientId: "control-aborted",
      topic: "t",
      signal: AbortSignal.abort(new Error("worker stopping")),
    }),
    /^Error: Cannot open control topic t: worker stopping$/,
  );
});
