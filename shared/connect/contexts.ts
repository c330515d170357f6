/**
 * What the worker gives connectors and tasks: their contexts, through which
 * they talk back to the worker, and the environment the worker allows.
 *
 * The worker implements these interfaces; a connector or task only calls
 * them. In unit tests use the in-memory versions from `test_contexts.ts`.
 *
 * @example
 * ```ts
 * import type { SourceTaskContext } from "./contexts.ts";
 * function resumePosition(context: SourceTaskContext, filename: string): number {
 *   const offset = context.offsetStorageReader.offset({ filename });
 *   return typeof offset?.position === "number" ? offset.position : 0;
 * }
 * ```
 * @module
 */
import type { OffsetMap } from "./record.ts";
import type { TopicPartition } from "./topic_partition.ts";

/**
 * What the worker allows connectors to do, from its own configuration. Passed
 * to validation (`Connector.validate(props, env)`, validators) and available
 * on every context.
 *
 * @example
 * ```ts
 * import type { WorkerEnvironment } from "./contexts.ts";
 * const env: WorkerEnvironment = { allowedFileDirs: ["/var/lib/tributary/files"] };
 * ```
 */
export interface WorkerEnvironment {
  /**
   * Directories connectors may read or write files in (absolute paths, from
   * the worker's configuration). A path is allowed only if it is inside one
   * of them; an empty list allows no file at all. Check paths with
   * `isPathAllowed` / `assertPathAllowed`, and use the `fileInAllowedDirs`
   * validator on a `file` key.
   */
  readonly allowedFileDirs: readonly string[];
}

/**
 * An environment that allows nothing: no file access. What validation uses
 * when the caller passes no environment.
 *
 * @example
 * ```ts
 * import { NO_ENVIRONMENT } from "./contexts.ts";
 * console.log(NO_ENVIRONMENT.allowedFileDirs.length); // 0
 * ```
 */
export const NO_ENVIRONMENT: WorkerEnvironment = Object.freeze({
  allowedFileDirs: Object.freeze([]) as readonly string[],
});

/**
 * A connector's line back to the worker (Kafka Connect's
 * `ConnectorContext`), handed to `Connector.initialize`.
 *
 * @example
 * ```ts
 * import type { ConnectorContext } from "./contexts.ts";
 * // A connector that watches a list of tables asks for new task configs
 * // when the list changes:
 * function onTablesChanged(context: ConnectorContext): void {
 *   context.requestTaskReconfiguration();
 * }
 * ```
 */
export interface ConnectorContext extends WorkerEnvironment {
  /**
   * Asks the worker to call `taskConfigs` again and restart the tasks with
   * the new configs, e.g. when the set of source partitions changed.
   */
  requestTaskReconfiguration(): void;
  /**
   * Fails the connector from a background activity (a timer, a watcher):
   * the worker marks it FAILED with this error.
   */
  raiseError(error: Error): void;
}

/**
 * Reads the source offsets the worker stored for this connector, as Kafka
 * Connect's `OffsetStorageReader`. The offsets are loaded before the task
 * starts, so reads are synchronous; use it in `start` to resume.
 *
 * @example
 * ```ts
 * import type { OffsetStorageReader } from "./contexts.ts";
 * function positions(reader: OffsetStorageReader, files: string[]): number[] {
 *   const partitions = files.map((filename) => ({ filename }));
 *   const offsets = reader.offsets(partitions);
 *   return partitions.map((p) => Number(offsets.get(p)?.position ?? 0));
 * }
 * ```
 */
export interface OffsetStorageReader {
  /**
   * The stored offset of one source partition, or null if none was stored.
   * Partitions compare by value: `{filename: "a"}` finds what was stored for
   * any equal map.
   */
  offset(partition: OffsetMap): OffsetMap | null;
  /**
   * The stored offsets of several partitions, keyed by the very partition
   * objects passed in (null where nothing was stored).
   */
  offsets(partitions: readonly OffsetMap[]): Map<OffsetMap, OffsetMap | null>;
}

/**
 * A source task's line back to the worker (Kafka Connect's
 * `SourceTaskContext`), handed to `SourceTask.initialize`.
 *
 * @example
 * ```ts
 * import type { SourceTaskContext } from "./contexts.ts";
 * function startPosition(context: SourceTaskContext): number {
 *   const file = context.configs()["file"];
 *   const offset = context.offsetStorageReader.offset({ filename: file });
 *   return Number(offset?.position ?? 0);
 * }
 * ```
 */
export interface SourceTaskContext extends WorkerEnvironment {
  /** The task's configuration, as passed to `start`. */
  configs(): Readonly<Record<string, string>>;
  /** The offsets stored for this connector's source partitions. */
  readonly offsetStorageReader: OffsetStorageReader;
}

/**
 * A sink task's line back to the worker and its consumer (Kafka Connect's
 * `SinkTaskContext`), handed to `SinkTask.initialize`.
 *
 * @example
 * ```ts
 * import type { SinkTaskContext } from "./contexts.ts";
 * // A sink that stores its own offsets rewinds the consumer on open:
 * function rewind(context: SinkTaskContext, stored: bigint): void {
 *   for (const tp of context.assignment()) context.offset(tp, stored);
 * }
 * ```
 */
export interface SinkTaskContext extends WorkerEnvironment {
  /** The task's configuration, as passed to `start`. */
  configs(): Readonly<Record<string, string>>;
  /** The partitions currently assigned to this task. */
  assignment(): readonly TopicPartition[];
  /** Stops fetching from these partitions until `resume` (e.g. back-pressure). */
  pause(partitions: readonly TopicPartition[]): void;
  /** Resumes fetching from paused partitions. */
  resume(partitions: readonly TopicPartition[]): void;
  /**
   * Rewinds (or skips) a partition: the next record delivered from `tp` is
   * at `offset` (the next offset to read). For sinks that store offsets in
   * their destination; call it from `open` or `put`.
   */
  offset(tp: TopicPartition, offset: bigint): void;
  /** Asks the worker to commit offsets soon (`preCommit` then a consumer commit). */
  requestCommit(): void;
  /**
   * After a `RetriableError` from `put`, how long the worker waits before
   * redelivering (milliseconds).
   */
  timeout(ms: number): void;
}
