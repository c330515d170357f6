import assert from "node:assert/strict";
import type {
  ConsumerRecord,
  KafkaGroupConsumerOptions,
  ProducerRecord,
  TopicPartitionOffset,
} from "./types.ts";

Deno.test("the interface types describe plain data", () => {
  const produced: ProducerRecord = {
    topic: "t",
    key: null,
    value: new Uint8Array([1]),
    headers: [{ key: "h", value: null }],
  };
  const committed: TopicPartitionOffset = { topic: "t", partition: 0, offset: 1n };
  const consumed: ConsumerRecord = {
    ...committed,
    timestamp: 0,
    timestampType: "CreateTime",
    key: null,
    value: null,
    headers: [],
  };
  const options: KafkaGroupConsumerOptions = {
    bootstrapServers: ["h:1"],
    clientId: "c",
    groupId: "g",
    topics: ["t"],
  };
  assert.equal(structuredClone(produced).topic, consumed.topic);
  assert.equal(options.groupId, "g");
});
