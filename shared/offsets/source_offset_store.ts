/**
 * Source offsets in the compacted offsets topic, in Kafka Connect's format.
 * The store keeps every connector's offsets in memory, catches up with the
 * topic before answering (so a task that moved from another worker resumes
 * from that worker's last commit), and writes offsets once the broker has
 * acknowledged the records they cover. Its view is always the topic's: for
 * each key, the value at the highest log offset seen, whether read or
 * acknowledged. A write acknowledged late (say, one held up by a network
 * cut, acknowledged after a sync read a newer value from another worker)
 * never replaces that newer value.
 *
 * @example
 * ```ts
 * import { SourceOffsetStore } from "./source_offset_store.ts";
 * // const store = new SourceOffsetStore({ topic: "tributary-offsets", reader, producer, log });
 * // await store.sync();
 * // store.reader("fs").offset({ filename: "/tmp/in.txt" }); // { position: 30 } or null
 * ```
 * @module
 */
import type { OffsetStorageReader } from "../connect/contexts.ts";
import type { OffsetMap } from "../connect/record.ts";
import type { KafkaPartitionReader, KafkaProducer, ProducerRecord } from "../kafka/types.ts";
import type { Logger } from "../runtime/log.ts";
import {
  decodeOffsetKey,
  decodeOffsetValue,
  encodeOffsetKey,
  encodeOffsetValue,
} from "./offset_codec.ts";
import { partitionKey, type PartitionOffset } from "./submitted_offsets.ts";

/** What {@linkcode SourceOffsetStore} needs. */
export interface SourceOffsetStoreOptions {
  /** The offsets topic. */
  topic: string;
  /** A reader assigned to every partition of the offsets topic from the beginning. */
  reader: KafkaPartitionReader;
  /** A producer with acks=all. */
  producer: KafkaProducer;
  log: Logger;
}

interface StoredOffset {
  partition: OffsetMap;
  offset: OffsetMap;
  /** The key bytes as found in the topic: tombstones must match them exactly. */
  key: Uint8Array;
}

/** The offsets topic as a store; see the module doc. */
export class SourceOffsetStore {
  readonly #o: SourceOffsetStoreOptions;
  readonly #byConnector = new Map<string, Map<string, StoredOffset>>();
  /** Log offset of the value applied last, per connector and partition key. */
  readonly #applied = new Map<string, bigint>();
  #syncing: Promise<void> = Promise.resolve();

  /** Creates the store; call {@linkcode sync} before reading. */
  constructor(options: SourceOffsetStoreOptions) {
    this.#o = options;
  }

  #apply(key: Uint8Array | null, value: Uint8Array | null, where: string, at: bigint): void {
    const decodedKey = decodeOffsetKey(key);
    if (decodedKey === null || key === null) {
      this.#o.log.warn("skipping an offsets record whose key is not [connector, partition]", {
        where,
      });
      return;
    }
    const offset = decodeOffsetValue(value);
    if (offset === undefined) {
      this.#o.log.warn("skipping an offsets record whose value is not an offset map", { where });
      return;
    }
    const pk = partitionKey(decodedKey.partition);
    const id = `${decodedKey.connector}\u0000${pk}`;
    const applied = this.#applied.get(id);
    if (applied !== undefined && at <= applied) return;
    this.#applied.set(id, at);
    let offsets = this.#byConnector.get(decodedKey.connector);
    if (offset === null) {
      offsets?.delete(pk);
      if (offsets?.size === 0) this.#byConnector.delete(decodedKey.connector);
      return;
    }
    if (!offsets) {
      offsets = new Map();
      this.#byConnector.set(decodedKey.connector, offsets);
    }
    offsets.set(pk, { partition: decodedKey.partition, offset, key });
  }

  /**
   * Reads the offsets topic up to its current end, so every offset committed
   * before this call (by any worker) is visible. Calls are serialised.
   */
  sync(): Promise<void> {
    this.#syncing = this.#syncing.catch(() => {}).then(async () => {
      const reader = this.#o.reader;
      const end = await reader.endOffsets();
      while (!reader.caughtUp(end)) {
        for (const r of await reader.poll(200)) {
          this.#apply(r.key, r.value, `${r.topic}-${r.partition}@${r.offset}`, r.offset);
        }
      }
    });
    return this.#syncing;
  }

  /**
   * The offsets of one connector as its tasks read them. Reflects what was
   * synced or written so far.
   */
  reader(connector: string): OffsetStorageReader {
    const lookup = (partition: OffsetMap) =>
      this.#byConnector.get(connector)?.get(partitionKey(partition))?.offset ?? null;
    return {
      offset: lookup,
      offsets: (partitions) => new Map(partitions.map((p) => [p, lookup(p)])),
    };
  }

  /** Every stored offset of a connector (for `GET /connectors/{n}/offsets`). */
  offsets(connector: string): PartitionOffset[] {
    return [...(this.#byConnector.get(connector)?.values() ?? [])].map((s) => ({
      partition: s.partition,
      offset: s.offset,
    }));
  }

  /** Names of connectors that have stored offsets. */
  connectors(): string[] {
    return [...this.#byConnector.keys()];
  }

  async #send(
    connector: string,
    changes: readonly { partition: OffsetMap; offset: OffsetMap | null }[],
  ) {
    const records: ProducerRecord[] = changes.map(({ partition, offset }) => ({
      topic: this.#o.topic,
      key: this.#byConnector.get(connector)?.get(partitionKey(partition))?.key ??
        encodeOffsetKey(connector, partition),
      value: encodeOffsetValue(offset),
    }));
    const written = await this.#o.producer.send(records);
    records.forEach((r, i) =>
      this.#apply(r.key, r.value, `write ${connector} #${i}`, written[i].offset)
    );
  }

  /** Writes offsets; resolves once the broker acknowledged them. */
  write(connector: string, offsets: readonly PartitionOffset[]): Promise<void> {
    return this.#send(connector, offsets);
  }

  /**
   * Sets or (with a null offset) removes the offsets of the given partitions,
   * leaving others untouched (`PATCH /connectors/{n}/offsets`).
   */
  alter(
    connector: string,
    changes: readonly { partition: OffsetMap; offset: OffsetMap | null }[],
  ): Promise<void> {
    return this.#send(connector, changes);
  }

  /** Removes every offset of a connector (`DELETE /connectors/{n}/offsets`). */
  async reset(connector: string): Promise<void> {
    await this.sync();
    const stored = this.offsets(connector);
    if (stored.length > 0) {
      await this.#send(connector, stored.map((s) => ({ partition: s.partition, offset: null })));
    }
  }
}
