/**
 * In-memory contexts for unit-testing connectors and tasks without a
 * worker: they record what the connector asked for, and serve offsets you
 * give them.
 *
 * @example
 * ```ts
 * import { MemorySourceTaskContext } from "./test_contexts.ts";
 * const context = new MemorySourceTaskContext({
 *   configs: { file: "/data/in.txt", topic: "lines" },
 *   offsets: [{ partition: { filename: "/data/in.txt" }, offset: { position: 12 } }],
 *   allowedFileDirs: ["/data"],
 * });
 * console.log(context.offsetStorageReader.offset({ filename: "/data/in.txt" })); // { position: 12 }
 * ```
 * @module
 */
import type {
  ConnectorContext,
  OffsetStorageReader,
  SinkTaskContext,
  SourceTaskContext,
} from "./contexts.ts";
import type { OffsetMap } from "./record.ts";
import { type TopicPartition, topicPartitionKey } from "./topic_partition.ts";

/**
 * A connector context that records reconfiguration requests and raised
 * errors.
 *
 * @example
 * ```ts
 * import { MemoryConnectorContext } from "./test_contexts.ts";
 * const context = new MemoryConnectorContext({ allowedFileDirs: ["/tmp"] });
 * context.requestTaskReconfiguration();
 * console.log(context.reconfigurationRequests); // 1
 * ```
 */
export class MemoryConnectorContext implements ConnectorContext {
  readonly allowedFileDirs: readonly string[];
  /** How many times `requestTaskReconfiguration` was called. */
  reconfigurationRequests = 0;
  /** Every error passed to `raiseError`. */
  readonly raisedErrors: Error[] = [];

  /** @param options `allowedFileDirs` (default none). */
  constructor(options: { allowedFileDirs?: readonly string[] } = {}) {
    this.allowedFileDirs = options.allowedFileDirs ?? [];
  }

  requestTaskReconfiguration(): void {
    this.reconfigurationRequests++;
  }

  raiseError(error: Error): void {
    this.raisedErrors.push(error);
  }
}

/**
 * Offsets served from memory, comparing partitions by value (as the worker
 * does).
 *
 * @example
 * ```ts
 * import { MemoryOffsetStorageReader } from "./test_contexts.ts";
 * const reader = new MemoryOffsetStorageReader([
 *   { partition: { filename: "a" }, offset: { position: 3 } },
 * ]);
 * console.log(reader.offset({ filename: "a" })); // { position: 3 }
 * console.log(reader.offset({ filename: "b" })); // null
 * ```
 */
export class MemoryOffsetStorageReader implements OffsetStorageReader {
  readonly #offsets = new Map<string, OffsetMap>();

  /** @param offsets the stored offsets. */
  constructor(offsets: readonly { partition: OffsetMap; offset: OffsetMap }[] = []) {
    for (const { partition, offset } of offsets) this.#offsets.set(partitionKey(partition), offset);
  }

  offset(partition: OffsetMap): OffsetMap | null {
    return this.#offsets.get(partitionKey(partition)) ?? null;
  }

  offsets(partitions: readonly OffsetMap[]): Map<OffsetMap, OffsetMap | null> {
    return new Map(partitions.map((p) => [p, this.offset(p)]));
  }
}

/** A partition map's identity: its entries sorted by key, as JSON. */
function partitionKey(partition: OffsetMap): string {
  return JSON.stringify(Object.entries(partition).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A source task context over in-memory offsets.
 *
 * @example
 * ```ts
 * import { MemorySourceTaskContext } from "./test_contexts.ts";
 * const context = new MemorySourceTaskContext({ configs: { topic: "t" } });
 * console.log(context.configs().topic); // "t"
 * ```
 */
export class MemorySourceTaskContext implements SourceTaskContext {
  readonly allowedFileDirs: readonly string[];
  readonly offsetStorageReader: MemoryOffsetStorageReader;
  readonly #configs: Readonly<Record<string, string>>;

  /**
   * @param options the task `configs`, stored `offsets`, `allowedFileDirs`
   *   (all default empty).
   */
  constructor(
    options: {
      configs?: Readonly<Record<string, string>>;
      offsets?: readonly { partition: OffsetMap; offset: OffsetMap }[];
      allowedFileDirs?: readonly string[];
    } = {},
  ) {
    this.allowedFileDirs = options.allowedFileDirs ?? [];
    this.offsetStorageReader = new MemoryOffsetStorageReader(options.offsets);
    this.#configs = options.configs ?? {};
  }

  configs(): Readonly<Record<string, string>> {
    return this.#configs;
  }
}

/**
 * A sink task context that records pauses, rewinds, commit requests and
 * timeouts.
 *
 * @example
 * ```ts
 * import { MemorySinkTaskContext } from "./test_contexts.ts";
 * const context = new MemorySinkTaskContext({ assignment: [{ topic: "t", partition: 0 }] });
 * context.pause([{ topic: "t", partition: 0 }]);
 * context.offset({ topic: "t", partition: 0 }, 5n);
 * console.log(context.paused.size, context.rewinds.get("t-0")); // 1 5n
 * ```
 */
export class MemorySinkTaskContext implements SinkTaskContext {
  readonly allowedFileDirs: readonly string[];
  /** The assigned partitions; tests may change it. */
  assigned: TopicPartition[];
  /** Paused partitions, by `topicPartitionKey`. */
  readonly paused = new Set<string>();
  /** Offsets requested with `offset(tp, n)`, by `topicPartitionKey`. */
  readonly rewinds = new Map<string, bigint>();
  /** How many times `requestCommit` was called. */
  commitRequests = 0;
  /** The last `timeout(ms)`, or null. */
  timeoutMs: number | null = null;
  readonly #configs: Readonly<Record<string, string>>;

  /** @param options the task `configs`, `assignment`, `allowedFileDirs` (all default empty). */
  constructor(
    options: {
      configs?: Readonly<Record<string, string>>;
      assignment?: readonly TopicPartition[];
      allowedFileDirs?: readonly string[];
    } = {},
  ) {
    this.allowedFileDirs = options.allowedFileDirs ?? [];
    this.assigned = [...(options.assignment ?? [])];
    this.#configs = options.configs ?? {};
  }

  configs(): Readonly<Record<string, string>> {
    return this.#configs;
  }

  assignment(): readonly TopicPartition[] {
    return [...this.assigned];
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) this.paused.add(topicPartitionKey(tp));
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) this.paused.delete(topicPartitionKey(tp));
  }

  offset(tp: TopicPartition, offset: bigint): void {
    this.rewinds.set(topicPartitionKey(tp), offset);
  }

  requestCommit(): void {
    this.commitRequests++;
  }

  timeout(ms: number): void {
    this.timeoutMs = ms;
  }
}
