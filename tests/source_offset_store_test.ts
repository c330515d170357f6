/**
 * Source offsets in a real compacted offsets topic: what one worker writes
 * another reads after a sync, the records are Kafka Connect's bytes, alter
 * merges, reset tombstones, and foreign records are skipped.
 */
import assert from "node:assert/strict";
import {
  createKafkaAdmin,
  createKafkaPartitionReader,
  createKafkaProducer,
} from "../shared/kafka/mod.ts";
import { SourceOffsetStore } from "../shared/offsets/source_offset_store.ts";
import { createLogger } from "../shared/runtime/log.ts";
import { kafkaBootstrap, uniqueName } from "./helpers/kafka_env.ts";
import { readTopic } from "./helpers/topic_reader.ts";

const connection = () => ({ bootstrapServers: kafkaBootstrap(), clientId: "offsets-test" });

async function openStore(topic: string, warnings: string[]) {
  const reader = await createKafkaPartitionReader({
    ...connection(),
    partitions: [0, 1, 2].map((partition) => ({ topic, partition })),
  });
  const producer = await createKafkaProducer(connection());
  const store = new SourceOffsetStore({
    topic,
    reader,
    producer,
    log: createLogger("t", { level: "warn", sink: (l) => warnings.push(l) }),
  });
  return {
    store,
    close: async () => {
      await reader.close();
      await producer.close();
    },
  };
}

Deno.test("source offsets round-trip through a real compacted topic", async () => {
  const topic = uniqueName("offsets");
  const admin = await createKafkaAdmin(connection());
  await admin.createTopic({
    name: topic,
    partitions: 3,
    configs: { "cleanup.policy": "compact" },
  });
  const raw = await createKafkaProducer(connection());
  const warnings: string[] = [];
  const first = await openStore(topic, warnings);
  const second = await openStore(topic, warnings);
  try {
    await first.store.write("fs", [
      { partition: { filename: "/a" }, offset: { position: 30 } },
      { partition: { filename: "/b" }, offset: { position: 7 } },
    ]);
    await first.store.write("other", [{ partition: { filename: "/a" }, offset: { position: 1 } }]);
    await raw.send([{ topic, key: new TextEncoder().encode("not json"), value: null }]);

    await second.store.sync();
    assert.deepEqual(second.store.reader("fs").offset({ filename: "/a" }), { position: 30 });
    assert.equal(second.store.reader("fs").offset({ filename: "/c" }), null);
    assert.equal(second.store.offsets("fs").length, 2);
    assert.ok(warnings.some((w) => w.includes("skipping an offsets record")));

    await second.store.alter("fs", [
      { partition: { filename: "/a" }, offset: { position: 5 } },
      { partition: { filename: "/b" }, offset: null },
    ]);
    await first.store.sync();
    assert.deepEqual(first.store.offsets("fs"), [{
      partition: { filename: "/a" },
      offset: { position: 5 },
    }]);

    await first.store.reset("fs");
    await second.store.sync();
    assert.deepEqual(second.store.offsets("fs"), []);
    assert.equal(second.store.offsets("other").length, 1, "other connectors are untouched");

    const records = await readTopic(topic, { atLeast: 7 });
    const keys = records.map((r) => r.key);
    assert.ok(keys.includes('["fs",{"filename":"/a"}]'), "Kafka Connect's key bytes");
    assert.ok(records.some((r) => r.value === '{"position":30}'), "Kafka Connect's value bytes");
    assert.ok(
      records.some((r) => r.key === '["fs",{"filename":"/a"}]' && r.value === null),
      "reset writes tombstones",
    );
  } finally {
    await first.close();
    await second.close();
    await raw.close();
    await admin.deleteTopics([topic]);
    await admin.close();
  }
});
