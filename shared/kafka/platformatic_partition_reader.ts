/**
 * `KafkaPartitionReader`: reads explicit partitions with no consumer group
 * (no commits, no rebalances), e.g. compacted internal topics from the
 * beginning, then keeps tailing them.
 *
 * @example
 * ```ts ignore
 * import { createKafkaPartitionReader } from "./platformatic_partition_reader.ts";
 * const reader = await createKafkaPartitionReader({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "r",
 *   partitions: [{ topic: "connect-configs", partition: 0 }],
 * });
 * const end = await reader.endOffsets();
 * while (!reader.caughtUp(end)) await reader.poll(500);
 * await reader.close();
 * ```
 * @module
 */
import { toBaseOptions } from "./client_options.ts";
import { verifyConnection } from "./connection_check.ts";
import { toFetcherConfig } from "./fetch_config.ts";
import { plt } from "./platformatic_loader.ts";
import { type LibConsumer, PartitionFetcher, tpKey } from "./platformatic_fetcher.ts";
import type {
  ConsumerRecord,
  KafkaPartitionReader,
  KafkaPartitionReaderOptions,
  PartitionStart,
  TopicPartition,
  TopicPartitionOffset,
} from "./types.ts";

/**
 * Creates a reader, checks the cluster is reachable and positions every
 * partition (given offset, or `"earliest"` / `"latest"`).
 *
 * @example
 * ```ts ignore
 * import { createKafkaPartitionReader } from "./platformatic_partition_reader.ts";
 * const reader = await createKafkaPartitionReader({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "r",
 *   partitions: [{ topic: "t", partition: 0, offset: 100n }],
 * });
 * console.log(reader.position({ topic: "t", partition: 0 })); // 100n
 * await reader.close();
 * ```
 */
export async function createKafkaPartitionReader(
  options: KafkaPartitionReaderOptions,
): Promise<KafkaPartitionReader> {
  const config = toFetcherConfig(options, "earliest");
  // The library's Consumer needs a group id; a reader never joins or commits.
  const lib: LibConsumer = new plt.Consumer({
    ...toBaseOptions(options),
    groupId: "tributary-partition-reader",
    autocommit: false,
  });
  const fetcher = new PartitionFetcher(lib, config);
  try {
    await verifyConnection(lib, options);
    await fetcher.assign(options.partitions);
  } catch (error) {
    await fetcher.close().catch(() => {});
    await lib.close(true).catch(() => {});
    throw error;
  }
  return new PlatformaticPartitionReader(lib, fetcher);
}

class PlatformaticPartitionReader implements KafkaPartitionReader {
  readonly #lib: LibConsumer;
  readonly #fetcher: PartitionFetcher;
  #closed = false;

  constructor(lib: LibConsumer, fetcher: PartitionFetcher) {
    this.#lib = lib;
    this.#fetcher = fetcher;
  }

  poll(maxWaitMs = 1000): Promise<ConsumerRecord[]> {
    return this.#fetcher.poll(maxWaitMs);
  }

  async assign(partitions: readonly PartitionStart[]): Promise<void> {
    const keep = new Set(partitions.map(tpKey));
    this.#fetcher.remove(this.#fetcher.assignment().filter((tp) => !keep.has(tpKey(tp))));
    await this.#fetcher.assign(partitions);
  }

  assignment(): TopicPartition[] {
    return this.#fetcher.assignment();
  }

  position(partition: TopicPartition): bigint | undefined {
    return this.#fetcher.position(partition);
  }

  seek(partition: TopicPartition, offset: bigint): void {
    this.#fetcher.seek(partition, offset);
  }

  pause(partitions: readonly TopicPartition[]): void {
    this.#fetcher.pause(partitions);
  }

  resume(partitions: readonly TopicPartition[]): void {
    this.#fetcher.resume(partitions);
  }

  endOffsets(): Promise<TopicPartitionOffset[]> {
    return this.#fetcher.endOffsets();
  }

  caughtUp(endOffsets: readonly TopicPartitionOffset[]): boolean {
    return endOffsets.every((end) => {
      const position = this.#fetcher.position(end);
      return position === undefined || position >= end.offset;
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#fetcher.close();
    await this.#lib.close(true).catch(() => {});
  }
}
