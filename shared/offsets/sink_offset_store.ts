/**
 * Sink connector offsets, which are the committed offsets of consumer group
 * `connect-<connector>`, in the REST API's shape:
 * `{"partition":{"kafka_topic","kafka_partition"},"offset":{"kafka_offset"}}`.
 *
 * @example
 * ```ts
 * import { SinkOffsetStore } from "./sink_offset_store.ts";
 * // const store = new SinkOffsetStore(admin);
 * // await store.offsets("my-sink"); // [{ partition: {...}, offset: { kafka_offset: 5 } }]
 * ```
 * @module
 */
import type { KafkaAdmin } from "../kafka/types.ts";

/** One sink partition's offset as the REST API shows it. */
export interface SinkOffset {
  partition: { kafka_topic: string; kafka_partition: number };
  offset: { kafka_offset: number };
}

/** A change to one partition's committed offset; null removes it. */
export interface SinkOffsetChange {
  topic: string;
  partition: number;
  offset: bigint | null;
}

/**
 * The consumer group of a sink connector.
 *
 * @example
 * ```ts
 * import { sinkGroupId } from "./sink_offset_store.ts";
 * console.log(sinkGroupId("files")); // "connect-files"
 * ```
 */
export function sinkGroupId(connector: string): string {
  return `connect-${connector}`;
}

/** Sink offsets through the admin client; see the module doc. */
export class SinkOffsetStore {
  readonly #admin: KafkaAdmin;

  /** Creates the store over an admin client. */
  constructor(admin: KafkaAdmin) {
    this.#admin = admin;
  }

  /** The group's committed offsets, sorted by topic and partition. */
  async offsets(connector: string): Promise<SinkOffset[]> {
    const committed = await this.#admin.listConsumerGroupOffsets(sinkGroupId(connector));
    return committed
      .filter((o) => o.offset >= 0n)
      .sort((a, b) => a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition)
      .map((o) => ({
        partition: { kafka_topic: o.topic, kafka_partition: o.partition },
        offset: { kafka_offset: Number(o.offset) },
      }));
  }

  /** Sets or removes committed offsets (the group must have no active member). */
  async alter(connector: string, changes: readonly SinkOffsetChange[]): Promise<void> {
    const group = sinkGroupId(connector);
    const set = changes.filter((c) => c.offset !== null).map((c) => ({
      topic: c.topic,
      partition: c.partition,
      offset: c.offset as bigint,
    }));
    const removed = changes.filter((c) => c.offset === null).map((c) => ({
      topic: c.topic,
      partition: c.partition,
    }));
    if (set.length > 0) await this.#admin.alterConsumerGroupOffsets(group, set);
    if (removed.length > 0) await this.#admin.deleteConsumerGroupOffsets(group, removed);
  }

  /** Deletes the group and with it every committed offset. */
  async reset(connector: string): Promise<void> {
    await this.#admin.deleteConsumerGroup(sinkGroupId(connector));
  }
}
