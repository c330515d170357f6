import assert from "node:assert/strict";
import { resolveWorkerConfig } from "../config/worker_config.ts";
import { checkInternalTopic, internalTopics } from "./internal_topics.ts";

Deno.test("internal topics are compacted; the control topic has one partition and broker time", () => {
  const config = resolveWorkerConfig(
    "source",
    new Map([["replication.factor", "3"], ["offset.storage.partitions", "10"]]),
  );
  const [control, offsets] = internalTopics(config);
  assert.deepEqual(control, {
    name: "tributary-control",
    partitions: 1,
    replicationFactor: 3,
    configs: { "cleanup.policy": "compact", "message.timestamp.type": "LogAppendTime" },
  });
  assert.equal(offsets.partitions, 10);
  assert.equal(offsets.configs?.["cleanup.policy"], "compact");
  const brokerDefault = internalTopics(resolveWorkerConfig("sink", new Map()));
  assert.equal(brokerDefault[0].replicationFactor, undefined);
});

Deno.test("an existing internal topic that is not compacted is refused, naming the key", () => {
  const [control] = internalTopics(resolveWorkerConfig("source", new Map()));
  const problems = checkInternalTopic(control, {
    name: "tributary-control",
    topicId: "id",
    partitions: [
      { partition: 0, leader: 1, replicas: [1], isr: [1] },
      { partition: 1, leader: 1, replicas: [1], isr: [1] },
    ],
    configs: { "cleanup.policy": "delete", "message.timestamp.type": "CreateTime" },
  }, "config.storage.topic");
  assert.equal(problems.length, 3);
  assert.match(problems[0], /config\.storage\.topic\) has cleanup\.policy=delete/);
  assert.match(problems[1], /2 partitions/);
  assert.match(problems[2], /must be LogAppendTime/);
});
