import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { plt } from "./platformatic_loader.ts";
import { decodeRecordBatches } from "./record_batch_decoder.ts";
import { encodeRecordBatch } from "./record_batch_encoder.ts";
import type { ProducerRecord } from "./types.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
const crc = (b: Uint8Array) => plt.crc32c(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const never = () => {
  throw new Error("not compressed");
};

const records: ProducerRecord[] = [
  { topic: "t", key: null, value: bytes("a line"), timestamp: 1_700_000_000_000 },
  { topic: "t", key: bytes("k"), value: null, timestamp: 1_700_000_000_300 },
  {
    topic: "t",
    key: null,
    value: new Uint8Array(500).fill(3),
    timestamp: 1_699_999_999_000,
    headers: [{ key: "h", value: bytes("v") }, { key: "n", value: null }],
  },
];
const header = (baseSequence: number) => ({
  producerId: 77n,
  producerEpoch: 1,
  baseSequence,
  transactional: false,
  now: 0,
});

Deno.test("decodeRecordBatches reads what the library reads", () => {
  const one = encodeRecordBatch(records, header(0), crc);
  const two = encodeRecordBatch(records.slice(0, 2), header(3), crc);
  const all = new Uint8Array(one.length + two.length);
  all.set(one);
  all.set(two, one.length);
  // Batches as the broker returns them: offsets assigned.
  new DataView(all.buffer).setBigInt64(one.length, 3n);
  const ours = decodeRecordBatches(all, never);
  // deno-lint-ignore no-explicit-any
  const theirs = (plt as any).readRecordsBatches(plt.Reader.from(Buffer.from(all)));
  assert.equal(ours.length, 2);
  for (let b = 0; b < 2; b++) {
    for (
      const field of [
        "firstOffset",
        "lastOffsetDelta",
        "attributes",
        "firstTimestamp",
        "maxTimestamp",
        "producerId",
      ]
    ) {
      assert.equal(
        (ours[b] as unknown as Record<string, unknown>)[field],
        theirs[b][field],
        field,
      );
    }
    assert.equal(ours[b].records.length, theirs[b].records.length);
    ours[b].records.forEach((r, i) => {
      const t = theirs[b].records[i];
      assert.equal(BigInt(r.timestampDelta), t.timestampDelta);
      assert.equal(r.offsetDelta, t.offsetDelta);
      assert.deepEqual(r.key === null ? null : [...r.key], t.key?.length ? [...t.key] : null);
      assert.deepEqual(
        r.value === null ? null : [...r.value],
        t.value?.length ? [...t.value] : null,
      );
      assert.equal(r.headers.length, t.headers.length);
    });
  }
  assert.equal(ours[0].records[1].timestampDelta, 300);
  assert.equal(ours[0].records[2].timestampDelta, -1000);
  assert.deepEqual(ours[0].records[2].headers[1][1], null);
  assert.equal(ours[1].firstOffset, 3n);
});

Deno.test("decodeRecordBatches skips a truncated last batch and hands compressed ones over", () => {
  const one = encodeRecordBatch(records, header(0), crc);
  assert.equal(decodeRecordBatches(one.subarray(0, one.length - 1), never).length, 0);
  const compressed = one.slice();
  new DataView(compressed.buffer).setInt16(21, 1); // gzip bit
  const seen: number[] = [];
  const out = decodeRecordBatches(compressed, (batch) => {
    seen.push(batch.length);
    return { ...decodeRecordBatches(one, never)[0] };
  });
  assert.deepEqual(seen, [one.length]);
  assert.equal(out.length, 1);
});

Deno.test("decodeRecordBatches refuses a malformed record", () => {
  const one = encodeRecordBatch(records, header(0), crc);
  const bad = one.slice();
  bad[61] = 0x7f; // first record's length: far past the batch
  assert.throws(() => decodeRecordBatches(bad, never), /Cannot decode a record batch/);
});

Deno.test("decodeRecordBatches reads long varints (large timestamp deltas)", () => {
  const far: ProducerRecord[] = [
    { topic: "t", key: null, value: bytes("a"), timestamp: 1_000 },
    { topic: "t", key: null, value: bytes("b"), timestamp: 1_000 + 2 ** 40 },
    { topic: "t", key: null, value: bytes("c"), timestamp: 1_000 - 2 ** 35 },
    { topic: "t", key: null, value: new Uint8Array(300_000), timestamp: 1_000 + 2 ** 27 },
  ];
  const [batch] = decodeRecordBatches(encodeRecordBatch(far, header(0), crc), never);
  assert.deepEqual(batch.records.map((r) => r.timestampDelta), [0, 2 ** 40, -(2 ** 35), 2 ** 27]);
  assert.equal(batch.records[3].value!.length, 300_000);
});
