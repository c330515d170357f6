/**
 * Decodes the record batches of a fetched partition (magic v2) from one
 * contiguous byte array in one pass: integer varints, keys and values as
 * views into the fetched bytes, no per-record reader objects. It replaces
 * the library's per-record decoding (a `Reader` over a multi-chunk
 * `DynamicBuffer`, BigInt varints) on the consumers' hot path. Compressed
 * batches are handed to `decodeCompressed` (the library's decoder). A
 * truncated last batch (the broker cuts responses at the size limit) is
 * skipped, as the library does. Pure.
 *
 * @example
 * ```ts
 * import { decodeRecordBatches } from "./record_batch_decoder.ts";
 * import { encodeRecordBatch } from "./record_batch_encoder.ts";
 * const bytes = encodeRecordBatch(
 *   [{ topic: "t", key: null, value: new Uint8Array([7]), timestamp: 5 }],
 *   { producerId: -1n, producerEpoch: -1, baseSequence: -1, transactional: false, now: 5 },
 *   () => 0,
 * );
 * const [batch] = decodeRecordBatches(bytes, () => { throw new Error("compressed"); });
 * console.log(batch.records[0].value); // Uint8Array(1) [ 7 ]
 * ```
 * @module
 */
import type { RawBatch, RawRecord } from "./record_decoder.ts";

const BATCH_HEAD = 12; // baseOffset + batchLength
const RECORDS_START = 61;
const COMPRESSION_MASK = 0x07;
const NO_HEADERS: RawRecord["headers"] = Object.freeze([]) as RawRecord["headers"];

/**
 * Decodes every complete batch of `bytes`; see the module doc. Throws
 * `RangeError` on a malformed batch.
 *
 * @example
 * ```ts
 * import { decodeRecordBatches } from "./record_batch_decoder.ts";
 * console.log(decodeRecordBatches(new Uint8Array(0), () => { throw new Error(); })); // []
 * ```
 */
export function decodeRecordBatches(
  bytes: Uint8Array,
  decodeCompressed: (batch: Uint8Array) => RawBatch,
): RawBatch[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const batches: RawBatch[] = [];
  let pos = 0;
  while (bytes.length - pos >= BATCH_HEAD) {
    const length = view.getInt32(pos + 8);
    const end = pos + BATCH_HEAD + length;
    if (end > bytes.length) break;
    const attributes = view.getInt16(pos + 21);
    if ((attributes & COMPRESSION_MASK) !== 0) {
      batches.push(decodeCompressed(bytes.subarray(pos, end)));
    } else {
      batches.push(decodeBatch(bytes, view, pos, end, attributes));
    }
    pos = end;
  }
  return batches;
}

function decodeBatch(
  bytes: Uint8Array,
  view: DataView,
  start: number,
  end: number,
  attributes: number,
): RawBatch {
  const count = view.getInt32(start + 57);
  const records: RawRecord[] = new Array(count);
  let pos = start + RECORDS_START;
  // One closure pair per batch (not per record). Varints of up to 4 bytes
  // (28 bits: every length, offset delta and usual timestamp delta) take
  // the integer path; longer ones the exact floating-point path.
  const varint = (): number => {
    if (pos + 4 <= end) {
      let b = bytes[pos];
      let raw = b & 0x7f;
      if (b < 0x80) {
        pos += 1;
        return (raw >>> 1) ^ -(raw & 1);
      }
      b = bytes[pos + 1];
      raw |= (b & 0x7f) << 7;
      if (b < 0x80) {
        pos += 2;
        return (raw >>> 1) ^ -(raw & 1);
      }
      b = bytes[pos + 2];
      raw |= (b & 0x7f) << 14;
      if (b < 0x80) {
        pos += 3;
        return (raw >>> 1) ^ -(raw & 1);
      }
      b = bytes[pos + 3];
      raw |= (b & 0x7f) << 21;
      if (b < 0x80) {
        pos += 4;
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    let shift = 0;
    let result = 0;
    while (true) {
      if (pos >= end) throw new RangeError("Cannot decode a record batch: a varint runs past it");
      const b = bytes[pos++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
      if (shift > 63) throw new RangeError("Cannot decode a record batch: a varint is too long");
    }
    // Zigzag: even → n/2, odd → -(n+1)/2.
    return result % 2 === 0 ? result / 2 : -(result + 1) / 2;
  };
  const bytesField = (): Uint8Array | null => {
    const length = varint();
    if (length < 0) return null;
    if (pos + length > end) {
      throw new RangeError("Cannot decode a record batch: a field runs past it");
    }
    const out = bytes.subarray(pos, pos + length);
    pos += length;
    return out;
  };
  for (let i = 0; i < count; i++) {
    const recordLength = varint();
    const recordEnd = pos + recordLength;
    pos++; // attributes
    const timestampDelta = varint();
    const offsetDelta = varint();
    const key = bytesField();
    const value = bytesField();
    const headerCount = varint();
    let headers = NO_HEADERS;
    if (headerCount > 0) {
      const list: [Uint8Array | null, Uint8Array | null][] = new Array(headerCount);
      for (let h = 0; h < headerCount; h++) list[h] = [bytesField(), bytesField()];
      headers = list;
    }
    if (pos !== recordEnd) {
      throw new RangeError("Cannot decode a record batch: a record's length does not match");
    }
    records[i] = { timestampDelta, offsetDelta, key, value, headers };
  }
  return {
    firstOffset: view.getBigInt64(start),
    lastOffsetDelta: view.getInt32(start + 23),
    attributes,
    firstTimestamp: view.getBigInt64(start + 27),
    maxTimestamp: view.getBigInt64(start + 35),
    producerId: view.getBigInt64(start + 43),
    records,
  };
}
