/**
 * Encodes a Kafka record batch (magic v2, uncompressed) for a list of
 * records in one pass over one preallocated buffer: a size pass, then a
 * write pass with integer varints. It replaces the library's per-record
 * encoding (a `Writer` and `DynamicBuffer` per record, BigInt varints, a
 * `Buffer.concat` per record), which cost about 3.5 µs per record and most
 * of the producer's garbage.
 *
 * The output is byte-for-byte what the library's `createRecordsBatch`
 * writes for the same input (the tests check it), so the broker sees no
 * difference. Pure: the CRC-32C function is passed in.
 *
 * @example
 * ```ts
 * import { encodeRecordBatch } from "./record_batch_encoder.ts";
 * const batch = encodeRecordBatch(
 *   [{ topic: "t", key: null, value: new Uint8Array([1, 2, 3]), timestamp: 1000 }],
 *   { producerId: -1n, producerEpoch: -1, baseSequence: -1, transactional: false, now: 1000 },
 *   () => 0,
 * );
 * console.log(batch.length); // 61 + 11
 * ```
 * @module
 */
import type { ProducerRecord } from "./types.ts";

/**
 * The batch-level fields of {@linkcode encodeRecordBatch}.
 *
 * @example
 * ```ts
 * import type { BatchHeader } from "./record_batch_encoder.ts";
 * const header: BatchHeader = {
 *   producerId: 42n, producerEpoch: 0, baseSequence: 100, transactional: false, now: Date.now(),
 * };
 * ```
 */
export interface BatchHeader {
  /** -1n when not idempotent. */
  readonly producerId: bigint;
  readonly producerEpoch: number;
  /** Sequence of the first record; -1 when not idempotent. */
  readonly baseSequence: number;
  readonly transactional: boolean;
  /** Timestamp (ms) of records without one. */
  readonly now: number;
  /** Written as the partition leader epoch (the broker sets its own). Default 0. */
  readonly partitionLeaderEpoch?: number;
}

/**
 * Size of the batch header, from baseOffset to the record count.
 *
 * @example
 * ```ts
 * import { RECORD_BATCH_OVERHEAD } from "./record_batch_encoder.ts";
 * console.log(RECORD_BATCH_OVERHEAD); // 61
 * ```
 */
export const RECORD_BATCH_OVERHEAD = 61;
const TRANSACTIONAL = 0x10;
const encoder = new TextEncoder();

/** Bytes of a zigzag varint of an int32 (also fine for safe integers up to 2^31). */
function varintSize(value: number): number {
  let v = zigzag(value);
  let size = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    size++;
  }
  return size;
}

/** Zigzag of a safe integer, as a non-negative safe integer. */
function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function writeVarint(buf: Uint8Array, pos: number, value: number): number {
  let v = zigzag(value);
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}

function bytesSize(bytes: Uint8Array | null | undefined): number {
  return bytes == null ? 1 : varintSize(bytes.length) + bytes.length;
}

function writeBytes(buf: Uint8Array, pos: number, bytes: Uint8Array | null | undefined): number {
  if (bytes == null) {
    buf[pos] = 1; // zigzag(-1)
    return pos + 1;
  }
  pos = writeVarint(buf, pos, bytes.length);
  buf.set(bytes, pos);
  return pos + bytes.length;
}

/**
 * Encodes `records` (all of one partition, in order) as one record batch
 * with base offset 0, CRC filled in by `crc32c` (over attributes…end, as the
 * protocol defines). Header keys are UTF-8 encoded; a missing timestamp is
 * `header.now`.
 *
 * @example
 * ```ts
 * import { encodeRecordBatch } from "./record_batch_encoder.ts";
 * const v = new TextEncoder().encode("hello");
 * const batch = encodeRecordBatch(
 *   [{ topic: "t", key: null, value: v }, { topic: "t", key: null, value: v }],
 *   { producerId: 7n, producerEpoch: 0, baseSequence: 0, transactional: false, now: 0 },
 *   () => 0,
 * );
 * console.log(new DataView(batch.buffer).getInt32(57)); // 2 records
 * ```
 */
export function encodeRecordBatch(
  records: readonly ProducerRecord[],
  header: BatchHeader,
  crc32c: (bytes: Uint8Array) => number,
): Uint8Array {
  const count = records.length;
  if (count === 0) throw new RangeError("Cannot encode a record batch: it has no records");
  const firstTimestamp = records[0].timestamp ?? header.now;
  let maxTimestamp = firstTimestamp;
  const sizes = new Int32Array(count);
  let headerKeys: (Uint8Array[] | undefined)[] | undefined;
  let total = RECORD_BATCH_OVERHEAD;
  for (let i = 0; i < count; i++) {
    const record = records[i];
    const timestamp = record.timestamp ?? header.now;
    if (timestamp > maxTimestamp) maxTimestamp = timestamp;
    // attributes (1) + timestamp delta + offset delta + key + value + header count
    let size = 1 + varintSize(timestamp - firstTimestamp) + varintSize(i) +
      bytesSize(record.key) + bytesSize(record.value);
    const headers = record.headers;
    if (headers && headers.length > 0) {
      const keys = headers.map((h) => encoder.encode(h.key));
      (headerKeys ??= new Array(count))[i] = keys;
      size += varintSize(headers.length);
      for (let h = 0; h < headers.length; h++) {
        size += bytesSize(keys[h]) + bytesSize(headers[h].value);
      }
    } else {
      size += 1;
    }
    sizes[i] = size;
    total += varintSize(size) + size;
  }

  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  // baseOffset (0), batchLength, partitionLeaderEpoch, magic; crc later.
  view.setInt32(8, total - 12);
  view.setInt32(12, header.partitionLeaderEpoch ?? 0);
  buf[16] = 2;
  view.setInt16(21, header.transactional ? TRANSACTIONAL : 0);
  view.setInt32(23, count - 1);
  view.setBigInt64(27, BigInt(firstTimestamp));
  view.setBigInt64(35, BigInt(maxTimestamp));
  view.setBigInt64(43, header.producerId);
  view.setInt16(51, header.producerEpoch);
  view.setInt32(53, header.baseSequence);
  view.setInt32(57, count);
  let pos = RECORD_BATCH_OVERHEAD;
  for (let i = 0; i < count; i++) {
    const record = records[i];
    pos = writeVarint(buf, pos, sizes[i]);
    buf[pos++] = 0;
    pos = writeVarint(buf, pos, (record.timestamp ?? header.now) - firstTimestamp);
    pos = writeVarint(buf, pos, i);
    pos = writeBytes(buf, pos, record.key);
    pos = writeBytes(buf, pos, record.value);
    const headers = record.headers;
    if (headers && headers.length > 0) {
      const keys = headerKeys![i]!;
      pos = writeVarint(buf, pos, headers.length);
      for (let h = 0; h < headers.length; h++) {
        pos = writeBytes(buf, pos, keys[h]);
        pos = writeBytes(buf, pos, headers[h].value);
      }
    } else {
      buf[pos++] = 0;
    }
  }
  view.setUint32(17, crc32c(buf.subarray(21)));
  return buf;
}
