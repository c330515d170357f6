/**
 * Kafka topic partitions and the consumer offsets a sink task reports, as
 * Kafka's `TopicPartition` and `Map<TopicPartition, OffsetAndMetadata>`.
 *
 * An offset here is always the **next offset to read** (the last processed
 * record's offset + 1), as Kafka commits it.
 *
 * @example
 * ```ts
 * import { topicPartitionKey, topicPartitionOffsets } from "./topic_partition.ts";
 * const offsets = topicPartitionOffsets([{ topic: "orders", partition: 0, offset: 42n }]);
 * console.log(offsets.get(topicPartitionKey({ topic: "orders", partition: 0 }))?.offset); // 42n
 * ```
 * @module
 */

/**
 * One partition of one topic.
 *
 * @example
 * ```ts
 * import type { TopicPartition } from "./topic_partition.ts";
 * const tp: TopicPartition = { topic: "orders", partition: 3 };
 * ```
 */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * A partition with the next offset to read in it (and optional commit
 * metadata), as Kafka's `OffsetAndMetadata`.
 *
 * @example
 * ```ts
 * import type { TopicPartitionOffset } from "./topic_partition.ts";
 * // Records up to offset 41 of orders-0 are safely written: commit 42.
 * const committed: TopicPartitionOffset = { topic: "orders", partition: 0, offset: 42n };
 * ```
 */
export interface TopicPartitionOffset extends TopicPartition {
  /** The next offset to read: the last processed record's offset + 1. */
  readonly offset: bigint;
  /** Optional metadata stored with the commit. */
  readonly metadata?: string;
}

/**
 * Offsets per partition, keyed by {@linkcode topicPartitionKey}; each value
 * also carries its topic and partition, so `.values()` is all you need to
 * iterate.
 *
 * @example
 * ```ts
 * import { type TopicPartitionOffsets, topicPartitionOffsets } from "./topic_partition.ts";
 * const offsets: TopicPartitionOffsets = topicPartitionOffsets([
 *   { topic: "orders", partition: 0, offset: 10n },
 *   { topic: "orders", partition: 1, offset: 7n },
 * ]);
 * for (const { topic, partition, offset } of offsets.values()) {
 *   console.log(`${topic}-${partition} -> ${offset}`);
 * }
 * ```
 */
export type TopicPartitionOffsets = ReadonlyMap<string, TopicPartitionOffset>;

/**
 * The map key of a partition: `<topic>-<partition>`, as Kafka prints a
 * `TopicPartition` (unique, since the partition is after the last `-`).
 *
 * @example
 * ```ts
 * import { topicPartitionKey } from "./topic_partition.ts";
 * console.log(topicPartitionKey({ topic: "orders", partition: 3 })); // "orders-3"
 * ```
 */
export function topicPartitionKey(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

/**
 * Builds a {@linkcode TopicPartitionOffsets} map from entries; a later entry
 * for the same partition replaces an earlier one.
 *
 * @example
 * ```ts
 * import { topicPartitionOffsets } from "./topic_partition.ts";
 * const offsets = topicPartitionOffsets([{ topic: "t", partition: 0, offset: 5n }]);
 * console.log(offsets.size); // 1
 * ```
 */
export function topicPartitionOffsets(
  entries: Iterable<TopicPartitionOffset>,
): Map<string, TopicPartitionOffset> {
  const map = new Map<string, TopicPartitionOffset>();
  for (const entry of entries) map.set(topicPartitionKey(entry), entry);
  return map;
}
