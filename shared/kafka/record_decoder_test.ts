import assert from "node:assert/strict";
import { decodePartition, type RawBatch, type RawRecord } from "./record_decoder.ts";

const record = (offsetDelta: number, text: string): RawRecord => ({
  timestampDelta: BigInt(offsetDelta),
  offsetDelta,
  key: null,
  value: new TextEncoder().encode(text),
  headers: [],
});
const batch = (firstOffset: bigint, texts: string[], extra: Partial<RawBatch> = {}): RawBatch => ({
  firstOffset,
  lastOffsetDelta: texts.length - 1,
  attributes: 0,
  firstTimestamp: 1000n,
  maxTimestamp: 5000n,
  producerId: -1n,
  records: texts.map((t, i) => record(i, t)),
  ...extra,
});
const marker = (offset: bigint, producerId: bigint, type: 0 | 1): RawBatch => ({
  firstOffset: offset,
  lastOffsetDelta: 0,
  attributes: 0x30,
  firstTimestamp: 0n,
  maxTimestamp: 0n,
  producerId,
  records: [{
    timestampDelta: 0n,
    offsetDelta: 0,
    key: new Uint8Array([0, 0, 0, type]),
    value: null,
    headers: [],
  }],
});
const values = (records: { value: Uint8Array | null }[]) =>
  records.map((r) => new TextDecoder().decode(r.value!));
const base = { topic: "t", partition: 0, readCommitted: false, abortedTransactions: null };

Deno.test("skips records below the fetch offset and moves past the last batch", () => {
  const out = decodePartition({
    ...base,
    fetchOffset: 2n,
    batches: [batch(0n, ["a", "b", "c", "d"]), batch(4n, ["e"])],
  });
  assert.deepEqual(values(out.records), ["c", "d", "e"]);
  assert.deepEqual(out.records.map((r) => r.offset), [2n, 3n, 4n]);
  assert.equal(out.nextOffset, 5n);
  assert.equal(out.records[0].timestamp, 1002);
  assert.equal(out.records[0].timestampType, "CreateTime");
});

Deno.test("a LogAppendTime batch stamps every record with the batch max timestamp", () => {
  const out = decodePartition({
    ...base,
    fetchOffset: 0n,
    batches: [batch(0n, ["a", "b"], { attributes: 0x08 })],
  });
  assert.deepEqual(out.records.map((r) => [r.timestamp, r.timestampType]), [
    [5000, "LogAppendTime"],
    [5000, "LogAppendTime"],
  ]);
});

Deno.test("read_committed drops aborted batches even without their marker in the response", () => {
  const input = {
    ...base,
    readCommitted: true,
    fetchOffset: 0n,
    abortedTransactions: [{ producerId: 7n, firstOffset: 2n }],
    batches: [
      batch(0n, ["c1", "c2"], { attributes: 0x10, producerId: 7n }),
      marker(2n, 7n, 1),
      batch(3n, ["x1", "x2"], { attributes: 0x10, producerId: 7n }),
    ],
  };
  const out = decodePartition(input);
  assert.deepEqual(values(out.records), ["c1", "c2"]);
  assert.equal(out.nextOffset, 5n);
  assert.deepEqual(values(decodePartition({ ...input, readCommitted: false }).records), [
    "c1",
    "c2",
    "x1",
    "x2",
  ]);
});

Deno.test("an abort marker ends the aborted range of its producer", () => {
  const out = decodePartition({
    ...base,
    readCommitted: true,
    fetchOffset: 0n,
    abortedTransactions: [{ producerId: 7n, firstOffset: 0n }],
    batches: [
      batch(0n, ["x"], { attributes: 0x10, producerId: 7n }),
      marker(1n, 7n, 0),
      batch(2n, ["ok"], { attributes: 0x10, producerId: 7n }),
      batch(3n, ["other"], { attributes: 0x10, producerId: 8n }),
    ],
  });
  assert.deepEqual(values(out.records), ["ok", "other"]);
  assert.equal(out.nextOffset, 4n);
});

Deno.test("no batches keeps the position; headers decode", () => {
  assert.equal(decodePartition({ ...base, fetchOffset: 9n, batches: null }).nextOffset, 9n);
  const withHeaders = batch(0n, ["a"]);
  const out = decodePartition({
    ...base,
    fetchOffset: 0n,
    batches: [{
      ...withHeaders,
      records: [{ ...withHeaders.records[0], headers: [[new TextEncoder().encode("h"), null]] }],
    }],
  });
  assert.deepEqual(out.records[0].headers, [{ key: "h", value: null }]);
});
