/**
 * Plans a batched send: picks each record's partition (explicit, Java-style
 * key hash, or sticky for null keys) and cuts the records into produce
 * requests that respect the per-partition batch limit (the broker rejects a
 * record batch above the topic's `max.message.bytes`) and the request limit.
 * Then maps the per-partition base offsets the broker returns back to one
 * offset per record. Pure logic, no I/O.
 *
 * @example
 * ```ts
 * import { planProduce } from "./produce_planner.ts";
 * const plan = planProduce(
 *   [{ topic: "t", key: null, value: new Uint8Array(10) }],
 *   new Map([["t", 3]]),
 *   { maxBatchBytes: 1000, maxRequestBytes: 10_000 },
 *   new Map(),
 * );
 * console.log(plan.chunks.length, plan.partitions); // 1 [0]
 * ```
 * @module
 */
import { partitionForKey } from "./murmur2.ts";
import type { ProducerRecord } from "./types.ts";

/**
 * Size limits of a plan.
 *
 * @example
 * ```ts
 * import type { ProduceLimits } from "./produce_planner.ts";
 * const limits: ProduceLimits = { maxBatchBytes: 1_000_000, maxRequestBytes: 8 << 20 };
 * ```
 */
export interface ProduceLimits {
  readonly maxBatchBytes: number;
  readonly maxRequestBytes: number;
}

/**
 * One produce request's worth of records: indexes into the input array, in
 * input order.
 *
 * @example
 * ```ts
 * import type { ProduceChunk } from "./produce_planner.ts";
 * const chunk: ProduceChunk = { indexes: [0, 1, 2] };
 * ```
 */
export interface ProduceChunk {
  readonly indexes: number[];
}

/**
 * A plan: the partition of every input record, and the requests.
 *
 * @example
 * ```ts
 * import type { ProducePlan } from "./produce_planner.ts";
 * const plan: ProducePlan = { partitions: [0], chunks: [{ indexes: [0] }] };
 * ```
 */
export interface ProducePlan {
  readonly partitions: number[];
  readonly chunks: ProduceChunk[];
}

/** Per record-batch overhead (header) and per record overhead, in bytes. */
const BATCH_OVERHEAD = 61;
const RECORD_OVERHEAD = 24;

/**
 * Estimated uncompressed size of one record in a v2 record batch.
 *
 * @example
 * ```ts
 * import { estimateRecordBytes } from "./produce_planner.ts";
 * console.log(estimateRecordBytes({ topic: "t", key: null, value: new Uint8Array(100) }) > 100); // true
 * ```
 */
export function estimateRecordBytes(record: ProducerRecord): number {
  let size = RECORD_OVERHEAD + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  if (record.headers) {
    for (const header of record.headers) {
      size += 10 + header.key.length * 3 + (header.value?.length ?? 0);
    }
  }
  return size;
}

/**
 * Plans the partitions and requests of a batched send. `partitionCounts` must
 * hold every topic used. `stickyCounters` carries the null-key rotation
 * between calls (one counter per topic); it is updated.
 * Throws `RangeError` on an explicit partition outside the topic.
 *
 * @example
 * ```ts
 * import { planProduce } from "./produce_planner.ts";
 * const v = new Uint8Array(600);
 * const plan = planProduce(
 *   [0, 1, 2].map(() => ({ topic: "t", partition: 0, key: null, value: v })),
 *   new Map([["t", 1]]),
 *   { maxBatchBytes: 1000, maxRequestBytes: 1 << 20 },
 *   new Map(),
 * );
 * console.log(plan.chunks.map((c) => c.indexes)); // [[0], [1], [2]]
 * ```
 */
export function planProduce(
  records: readonly ProducerRecord[],
  partitionCounts: ReadonlyMap<string, number>,
  limits: ProduceLimits,
  stickyCounters: Map<string, number>,
): ProducePlan {
  const partitions: number[] = new Array(records.length);
  const chunks: ProduceChunk[] = [];
  let current: number[] = [];
  let requestBytes = 0;
  let batchBytes = new Map<string, number>();
  let sticky = new Map<string, number>();

  const startChunk = () => {
    if (current.length > 0) chunks.push({ indexes: current });
    current = [];
    requestBytes = 0;
    batchBytes = new Map();
    sticky = new Map();
  };
  const stickyPartition = (topic: string, count: number): number => {
    let partition = sticky.get(topic);
    if (partition === undefined) {
      const next = stickyCounters.get(topic) ?? Math.floor(Math.random() * count);
      partition = next % count;
      stickyCounters.set(topic, next + 1);
      sticky.set(topic, partition);
    }
    return partition;
  };

  // Hot loop: no per-record closure, map-key string or map lookup while the
  // topic and partition stay the same as the previous record's.
  let lastTopic: string | undefined;
  let lastCount = 0;
  let lastKey = "";
  let lastPartition = -1;
  let lastBatch = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record.topic !== lastTopic) {
      const found = partitionCounts.get(record.topic);
      if (found === undefined || found <= 0) {
        throw new RangeError(`topic "${record.topic}" has no known partitions`);
      }
      lastTopic = record.topic;
      lastCount = found;
      lastPartition = -1;
    }
    const count = lastCount;
    const size = estimateRecordBytes(record);
    let partition = choosePartition(record, count, sticky, stickyPartition);
    let key: string;
    let batch: number;
    if (partition === lastPartition) {
      key = lastKey;
      batch = lastBatch;
    } else {
      key = `${record.topic}\u0000${partition}`;
      batch = batchBytes.get(key) ?? BATCH_OVERHEAD;
    }
    if (
      current.length > 0 &&
      (batch + size > limits.maxBatchBytes || requestBytes + size > limits.maxRequestBytes)
    ) {
      startChunk();
      partition = choosePartition(record, count, sticky, stickyPartition);
      key = `${record.topic}\u0000${partition}`;
      batch = BATCH_OVERHEAD;
    }
    if (batch === BATCH_OVERHEAD) requestBytes += BATCH_OVERHEAD;
    batch += size;
    batchBytes.set(key, batch);
    lastKey = key;
    lastPartition = partition;
    lastBatch = batch;
    requestBytes += size;
    partitions[i] = partition;
    current.push(i);
  }
  startChunk();
  return { partitions, chunks };
}

function choosePartition(
  record: ProducerRecord,
  count: number,
  sticky: Map<string, number>,
  stickyPartition: (topic: string, count: number) => number,
): number {
  if (record.partition !== undefined) {
    if (!Number.isInteger(record.partition) || record.partition < 0 || record.partition >= count) {
      throw new RangeError(
        `partition ${record.partition} does not exist in topic "${record.topic}" (${count} partitions)`,
      );
    }
    return record.partition;
  }
  if (record.key !== null && record.key !== undefined) return partitionForKey(record.key, count);
  return sticky.get(record.topic) ?? stickyPartition(record.topic, count);
}

/**
 * Gives each record of a chunk its offset: the broker returns one base offset
 * per partition and a partition's records were written in chunk order.
 * Returns offsets aligned with `chunk.indexes`; throws if a partition is
 * missing from `baseOffsets`.
 *
 * @example
 * ```ts
 * import { recordOffsets } from "./produce_planner.ts";
 * const offsets = recordOffsets(
 *   { indexes: [0, 1, 2] },
 *   [{ topic: "t", key: null, value: null }, { topic: "t", key: null, value: null }, { topic: "t", key: null, value: null }],
 *   [0, 1, 0],
 *   [{ topic: "t", partition: 0, offset: 10n }, { topic: "t", partition: 1, offset: 5n }],
 * );
 * console.log(offsets); // [10n, 5n, 11n]
 * ```
 */
export function recordOffsets(
  chunk: ProduceChunk,
  records: readonly ProducerRecord[],
  partitions: readonly number[],
  baseOffsets: readonly { topic: string; partition: number; offset: bigint }[],
): bigint[] {
  const next = new Map<string, bigint>();
  for (const base of baseOffsets) next.set(`${base.topic}\u0000${base.partition}`, base.offset);
  const offsets: bigint[] = new Array(chunk.indexes.length);
  // Runs of records of one partition (the usual case) skip the map.
  let runTopic: string | undefined;
  let runPartition = -1;
  let runKey = "";
  let offset = 0n;
  for (let i = 0; i < chunk.indexes.length; i++) {
    const index = chunk.indexes[i];
    const topic = records[index].topic;
    const partition = partitions[index];
    if (topic !== runTopic || partition !== runPartition) {
      if (runTopic !== undefined) next.set(runKey, offset);
      runKey = `${topic}\u0000${partition}`;
      const found = next.get(runKey);
      if (found === undefined) {
        throw new Error(`the broker returned no offset for ${topic}-${partition}`);
      }
      runTopic = topic;
      runPartition = partition;
      offset = found;
    }
    offsets[i] = offset;
    offset += 1n;
  }
  return offsets;
}
