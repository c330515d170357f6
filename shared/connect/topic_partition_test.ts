import assert from "node:assert/strict";
import { topicPartitionKey, topicPartitionOffsets } from "./topic_partition.ts";

Deno.test("topicPartitionKey is Kafka's topic-partition form and unique", () => {
  assert.equal(topicPartitionKey({ topic: "orders", partition: 3 }), "orders-3");
  assert.notEqual(
    topicPartitionKey({ topic: "a-1", partition: 2 }),
    topicPartitionKey({ topic: "a", partition: 12 }),
  );
});

Deno.test("topicPartitionOffsets keys entries, later ones win", () => {
  const offsets = topicPartitionOffsets([
    { topic: "t", partition: 0, offset: 1n },
    { topic: "t", partition: 1, offset: 5n, metadata: "m" },
    { topic: "t", partition: 0, offset: 2n },
  ]);
  assert.equal(offsets.size, 2);
  assert.equal(offsets.get("t-0")?.offset, 2n);
  assert.equal(offsets.get("t-1")?.metadata, "m");
});
