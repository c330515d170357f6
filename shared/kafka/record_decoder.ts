/**
 * Turns one partition's fetched record batches into `ConsumerRecord`s, the
 * way the Java consumer does:
 *
 * - records below the fetch offset are skipped (a fetch may start mid-batch);
 * - control batches (transaction markers) are never returned;
 * - under `read_committed`, batches of aborted transactions are dropped using
 *   the response's aborted-transaction list (the library's own filter misses
 *   an aborted transaction whose marker is not in the same response);
 * - a `LogAppendTime` batch gives every record the batch's max timestamp
 *   (the broker's append time); the library ignores the timestamp type;
 * - the next fetch offset moves past the last batch, even when all its
 *   records were skipped or compacted away.
 *
 * Pure logic over structural types: no library import.
 *
 * @example
 * ```ts
 * import { decodePartition } from "./record_decoder.ts";
 * const out = decodePartition({
 *   topic: "t", partition: 0, fetchOffset: 0n, readCommitted: false,
 *   abortedTransactions: null,
 *   batches: [{
 *     firstOffset: 0n, lastOffsetDelta: 0, attributes: 0, firstTimestamp: 1000n, maxTimestamp: 1000n,
 *     producerId: -1n,
 *     records: [{ timestampDelta: 0n, offsetDelta: 0, key: null, value: new Uint8Array([1]), headers: [] }],
 *   }],
 * });
 * console.log(out.records.length, out.nextOffset); // 1 1n
 * ```
 * @module
 */
import type { ConsumerRecord, RecordHeader } from "./types.ts";

/**
 * One record as parsed from a v2 record batch.
 *
 * @example
 * ```ts
 * import type { RawRecord } from "./record_decoder.ts";
 * const r: RawRecord = { timestampDelta: 0n, offsetDelta: 0, key: null, value: null, headers: [] };
 * ```
 */
export interface RawRecord {
  /** A number from the seam's own decoder, a bigint from the library's. */
  readonly timestampDelta: number | bigint;
  readonly offsetDelta: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly (readonly [Uint8Array | null, Uint8Array | null])[];
}

/**
 * One v2 record batch as parsed from a fetch response.
 *
 * @example
 * ```ts
 * import type { RawBatch } from "./record_decoder.ts";
 * const b: RawBatch = {
 *   firstOffset: 0n, lastOffsetDelta: -1, attributes: 0, firstTimestamp: 0n, maxTimestamp: 0n,
 *   producerId: -1n, records: [],
 * };
 * ```
 */
export interface RawBatch {
  readonly firstOffset: bigint;
  readonly lastOffsetDelta: number;
  readonly attributes: number;
  readonly firstTimestamp: bigint;
  readonly maxTimestamp: bigint;
  readonly producerId: bigint;
  readonly records: readonly RawRecord[];
}

/**
 * An aborted transaction reported by the broker for a fetched range.
 *
 * @example
 * ```ts
 * import type { AbortedTransaction } from "./record_decoder.ts";
 * const a: AbortedTransaction = { producerId: 7n, firstOffset: 100n };
 * ```
 */
export interface AbortedTransaction {
  readonly producerId: bigint;
  readonly firstOffset: bigint;
}

/**
 * Input of `decodePartition`.
 *
 * @example
 * ```ts
 * import type { DecodeInput } from "./record_decoder.ts";
 * const input: DecodeInput = {
 *   topic: "t", partition: 0, fetchOffset: 5n, readCommitted: true,
 *   abortedTransactions: [], batches: [],
 * };
 * ```
 */
export interface DecodeInput {
  readonly topic: string;
  readonly partition: number;
  readonly fetchOffset: bigint;
  readonly readCommitted: boolean;
  readonly abortedTransactions: readonly AbortedTransaction[] | null;
  readonly batches: readonly RawBatch[] | null | undefined;
}

/**
 * Output of `decodePartition`: the records, and where the next fetch starts.
 *
 * @example
 * ```ts
 * import type { DecodeOutput } from "./record_decoder.ts";
 * const out: DecodeOutput = { records: [], nextOffset: 0n };
 * ```
 */
export interface DecodeOutput {
  readonly records: ConsumerRecord[];
  readonly nextOffset: bigint;
}

const TIMESTAMP_TYPE_LOG_APPEND = 0x08;
const TRANSACTIONAL = 0x10;
const CONTROL = 0x20;
const ABORT_MARKER = 0;

const utf8 = new TextDecoder();

/**
 * Decodes one partition of a fetch response (see the module doc for the rules).
 *
 * @example
 * ```ts
 * import { decodePartition } from "./record_decoder.ts";
 * const out = decodePartition({
 *   topic: "t", partition: 0, fetchOffset: 3n, readCommitted: false, abortedTransactions: null,
 *   batches: [],
 * });
 * console.log(out.nextOffset); // 3n (nothing fetched: stay)
 * ```
 */
export function decodePartition(input: DecodeInput): DecodeOutput {
  const records: ConsumerRecord[] = [];
  let nextOffset = input.fetchOffset;
  const batches = input.batches ?? [];
  const pending = input.readCommitted && input.abortedTransactions
    ? [...input.abortedTransactions].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1))
    : [];
  const abortedProducers = new Set<bigint>();

  for (const batch of batches) {
    const lastOffset = batch.firstOffset + BigInt(batch.lastOffsetDelta);
    if (lastOffset < nextOffset) continue;
    const isControl = (batch.attributes & CONTROL) !== 0;
    const isTransactional = (batch.attributes & TRANSACTIONAL) !== 0;
    if (input.readCommitted && isTransactional) {
      while (pending.length > 0 && pending[0].firstOffset <= lastOffset) {
        abortedProducers.add(pending.shift()!.producerId);
      }
    }
    if (isControl) {
      if (input.readCommitted && isTransactional && controlType(batch) === ABORT_MARKER) {
        abortedProducers.delete(batch.producerId);
      }
    } else if (
      !(input.readCommitted && isTransactional && abortedProducers.has(batch.producerId))
    ) {
      const logAppendTime = (batch.attributes & TIMESTAMP_TYPE_LOG_APPEND) !== 0;
      const firstTimestamp = Number(batch.firstTimestamp);
      const appendTime = Number(batch.maxTimestamp);
      for (const record of batch.records) {
        const offset = batch.firstOffset + BigInt(record.offsetDelta);
        if (offset < nextOffset) continue;
        const delta = record.timestampDelta;
        records.push({
          topic: input.topic,
          partition: input.partition,
          offset,
          timestamp: logAppendTime
            ? appendTime
            : firstTimestamp + (typeof delta === "number" ? delta : Number(delta)),
          timestampType: logAppendTime ? "LogAppendTime" : "CreateTime",
          key: record.key,
          value: record.value,
          headers: record.headers.length === 0 ? NO_HEADERS : record.headers.map(toHeader),
        });
      }
    }
    nextOffset = lastOffset + 1n;
  }
  return { records, nextOffset };
}

const NO_HEADERS: readonly RecordHeader[] = Object.freeze([]);

function toHeader(header: readonly [Uint8Array | null, Uint8Array | null]): RecordHeader {
  return { key: header[0] ? utf8.decode(header[0]) : "", value: header[1] };
}

/** The control record type (0 = abort, 1 = commit) from the first record's key. */
function controlType(batch: RawBatch): number {
  const key = batch.records[0]?.key;
  if (!key || key.length < 4) return -1;
  return (key[2] << 8) | key[3];
}
