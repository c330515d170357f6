import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { plt } from "./platformatic_loader.ts";
import { encodeRecordBatch, RECORD_BATCH_OVERHEAD } from "./record_batch_encoder.ts";
import type { ProducerRecord } from "./types.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

/** The library's encoding of the same records, for comparison. */
function libraryBatch(
  records: ProducerRecord[],
  options: { producerId: bigint; producerEpoch: number; baseSequence: number; tx: boolean },
  now: number,
): Uint8Array {
  const messages = records.map((r) => ({
    topic: r.topic,
    partition: 0,
    key: r.key === null || r.key === undefined ? undefined : Buffer.from(r.key),
    value: r.value === null || r.value === undefined ? undefined : Buffer.from(r.value),
    timestamp: BigInt(r.timestamp ?? now),
    headers: r.headers && r.headers.length > 0
      ? new Map(
        r.headers.map((h) => [Buffer.from(h.key), h.value ? Buffer.from(h.value) : undefined]),
      )
      : undefined,
  }));
  const sequences = { getWithDefault: () => options.baseSequence };
  // deno-lint-ignore no-explicit-any
  const writer = (plt as any).createRecordsBatch(messages, {
    producerId: options.producerId,
    producerEpoch: options.producerEpoch,
    sequences,
    transactionalId: options.tx ? "tx" : undefined,
  });
  return new Uint8Array(writer.buffer);
}

const crc = (b: Uint8Array) => plt.crc32c(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

Deno.test("encodeRecordBatch matches the library's encoding byte for byte", () => {
  const long = new Uint8Array(300).fill(7);
  const records: ProducerRecord[] = [
    { topic: "t", key: null, value: bytes("a line of text"), timestamp: 1_700_000_000_000 },
    { topic: "t", key: bytes("k"), value: long, timestamp: 1_700_000_000_005 },
    { topic: "t", key: bytes("k2"), value: bytes(""), timestamp: 1_699_999_999_990 },
    {
      topic: "t",
      key: null,
      value: bytes("with headers"),
      timestamp: 1_700_000_000_100,
      headers: [{ key: "h", value: bytes("v") }, { key: "é", value: bytes("w") }],
    },
  ];
  for (const tx of [false, true]) {
    const options = { producerId: 123456789n, producerEpoch: 3, baseSequence: 1000, tx };
    const ours = encodeRecordBatch(records, {
      producerId: options.producerId,
      producerEpoch: options.producerEpoch,
      baseSequence: options.baseSequence,
      transactional: tx,
      now: 0,
    }, crc);
    assert.deepEqual(ours, libraryBatch(records, options, 0));
  }
});

Deno.test("encodeRecordBatch: many small records, default timestamps", () => {
  const now = 1_700_000_000_000;
  const records: ProducerRecord[] = Array.from({ length: 5000 }, (_, i) => ({
    topic: "t",
    key: null,
    value: bytes(`L#${i}#`.padEnd(99, "x")),
  }));
  const ours = encodeRecordBatch(records, {
    producerId: 5n,
    producerEpoch: 0,
    baseSequence: 0,
    transactional: false,
    now,
  }, crc);
  assert.deepEqual(
    ours,
    libraryBatch(records, { producerId: 5n, producerEpoch: 0, baseSequence: 0, tx: false }, now),
  );
  const view = new DataView(ours.buffer);
  assert.equal(view.getInt32(8), ours.length - 12);
  assert.equal(view.getInt32(57), 5000);
  assert.ok(ours.length > RECORD_BATCH_OVERHEAD + 5000 * 100);
});

Deno.test("encodeRecordBatch refuses an empty batch", () => {
  assert.throws(
    () =>
      encodeRecordBatch([], {
        producerId: -1n,
        producerEpoch: -1,
        baseSequence: -1,
        transactional: false,
        now: 0,
      }, () => 0),
    /Cannot encode a record batch: it has no records/,
  );
});
