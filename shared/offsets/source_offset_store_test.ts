/**
 * The store's view against a scripted offsets topic. (Round trips through a
 * real compacted topic are in tests/source_offset_store_test.ts.)
 */
import assert from "node:assert/strict";
import type {
  ConsumerRecord,
  KafkaPartitionReader,
  KafkaProducer,
  ProducerRecord,
  RecordMetadata,
} from "../kafka/types.ts";
import { createLogger } from "../runtime/log.ts";
import { encodeOffsetKey, encodeOffsetValue } from "./offset_codec.ts";
import { SourceOffsetStore } from "./source_offset_store.ts";

const TOPIC = "offsets";
const FILE = { filename: "/data/in.txt" };

/** One partition of the offsets topic, appended to by the producer double. */
class ScriptedTopic {
  readonly log: ConsumerRecord[] = [];
  #read = 0;

  append(key: Uint8Array | null, value: Uint8Array | null): bigint {
    const offset = BigInt(this.log.length);
    this.log.push({
      topic: TOPIC,
      partition: 0,
      offset,
      timestamp: 0,
      timestampType: "CreateTime",
      key,
      value,
      headers: [],
    });
    return offset;
  }

  readonly reader = {
    endOffsets: () =>
      Promise.resolve([{ topic: TOPIC, partition: 0, offset: BigInt(this.log.length) }]),
    caughtUp: (end: { offset: bigint }[]) => BigInt(this.#read) >= end[0].offset,
    poll: () => Promise.resolve(this.log.slice(this.#read, this.#read = this.log.length)),
  } as unknown as KafkaPartitionReader;
}

/** Appends at once; the acknowledgement comes when the test releases it. */
class HeldAckProducer {
  readonly acks: Array<() => void> = [];
  constructor(readonly topic: ScriptedTopic) {}
  send(records: readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    const metadata = records.map((r) => ({
      topic: TOPIC,
      partition: 0,
      offset: this.topic.append(r.key ?? null, r.value ?? null),
      timestamp: 0,
    }));
    return new Promise((resolve) => this.acks.push(() => resolve(metadata)));
  }
}

Deno.test("a write acknowledged after a newer value was read never replaces it", async () => {
  const topic = new ScriptedTopic();
  const producer = new HeldAckProducer(topic);
  const store = new SourceOffsetStore({
    topic: TOPIC,
    reader: topic.reader,
    producer: producer as unknown as KafkaProducer,
    log: createLogger("test", { level: "error", sink: () => {} }),
  });
  // This worker writes position 400; the write lands, its acknowledgement is held up.
  const write = store.write("fs", [{ partition: FILE, offset: { position: 400 } }]);
  // Meanwhile another worker commits 1530 after it.
  topic.append(encodeOffsetKey("fs", FILE), encodeOffsetValue({ position: 1530 }));
  await store.sync();
  assert.deepEqual(store.reader("fs").offset(FILE), { position: 1530 });
  producer.acks.shift()!();
  await write;
  assert.deepEqual(
    store.reader("fs").offset(FILE),
    { position: 1530 },
    "the late ack changes nothing",
  );
  // A write acknowledged in order is the newest value.
  const next = store.write("fs", [{ partition: FILE, offset: { position: 1600 } }]);
  producer.acks.shift()!();
  await next;
  assert.deepEqual(store.reader("fs").offset(FILE), { position: 1600 });
  await store.sync();
  assert.deepEqual(
    store.reader("fs").offset(FILE),
    { position: 1600 },
    "reading it back changes nothing",
  );
});
