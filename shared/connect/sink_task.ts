/**
 * Sink tasks write records from Kafka to an external system (Kafka
 * Connect's `SinkTask`).
 *
 * Lifecycle: `initialize(context)`, `start(props)`, `open(partitions)` when
 * partitions are assigned, `put(records)` repeatedly (never concurrently),
 * `preCommit(offsets)` (default: `flush`) before the worker commits the
 * consumer offsets, `close(partitions)` when partitions are revoked, and
 * `stop()` once.
 *
 * Offsets are "the next offset to read". `put` may buffer; whatever `put`
 * accepted must be durable once `flush` returns, because the worker then
 * commits those offsets. Throw `RetriableError` from `put` to have the same
 * records delivered again later.
 *
 * @example
 * ```ts
 * import type { SinkRecord } from "./record.ts";
 * import { SinkTask } from "./sink_task.ts";
 *
 * class ConsoleSinkTask extends SinkTask {
 *   #buffer: string[] = [];
 *   version() { return "1.0"; }
 *   start() {}
 *   put(records: readonly SinkRecord[]) {
 *     for (const r of records) this.#buffer.push(String(r.value));
 *   }
 *   override flush() {
 *     for (const line of this.#buffer) console.log(line);
 *     this.#buffer = [];
 *   }
 *   stop() {}
 * }
 * ```
 * @module
 */
import type { SinkTaskContext } from "./contexts.ts";
import { ConnectError } from "./errors.ts";
import type { SinkRecord } from "./record.ts";
import type { Props, Task, TaskClass } from "./task.ts";
import type { TopicPartition, TopicPartitionOffsets } from "./topic_partition.ts";

/**
 * The base of every sink task; see the module docs. Implement `version`,
 * `start`, `put` and `stop`; override `flush` if `put` buffers, `open` and
 * `close` if you keep per-partition state, `preCommit` if you store offsets
 * yourself.
 *
 * @example
 * ```ts
 * import { SinkTask } from "./sink_task.ts";
 * import type { SinkRecord } from "./record.ts";
 * class CountingTask extends SinkTask {
 *   count = 0;
 *   version() { return "1.0"; }
 *   start() {}
 *   put(records: readonly SinkRecord[]) { this.count += records.length; }
 *   stop() {}
 * }
 * ```
 */
export abstract class SinkTask implements Task {
  #context: SinkTaskContext | undefined;

  /**
   * Called by the worker once, before `start`. Subclasses overriding it
   * must call `super.initialize(context)`.
   */
  initialize(context: SinkTaskContext): void {
    this.#context = context;
  }

  /**
   * The context given to `initialize`: assignment, pause/resume, rewind,
   * commit requests, what the worker allows. Throws before `initialize`.
   */
  protected get context(): SinkTaskContext {
    if (this.#context === undefined) {
      throw new ConnectError("Cannot use the task context: initialize() has not been called");
    }
    return this.#context;
  }

  /** The task's version, usually the connector's. */
  abstract version(): string;

  /** Starts the task with one config from the connector's `taskConfigs`. */
  abstract start(props: Props): void | Promise<void>;

  /**
   * Called when partitions are assigned to this task, before records of
   * them arrive. Optional: open per-partition writers, or rewind with
   * `this.context.offset(tp, offset)` if you store offsets yourself.
   */
  open(_partitions: readonly TopicPartition[]): void | Promise<void> {}

  /**
   * Writes (or buffers) records. May be called with an empty array. Throw
   * `RetriableError` for a transient failure: the same records come again.
   */
  abstract put(records: readonly SinkRecord[]): void | Promise<void>;

  /**
   * Makes everything `put` accepted so far durable. `currentOffsets` are the
   * offsets (next to read) of what was handed to `put`. Optional if `put`
   * writes synchronously.
   */
  flush(_currentOffsets: TopicPartitionOffsets): void | Promise<void> {}

  /**
   * Called before the worker commits consumer offsets; returns the offsets
   * that are safe to commit. The default flushes and returns
   * `currentOffsets`. Return a subset (or an empty map) if some data is not
   * durable yet, or if the sink stores its own offsets.
   */
  async preCommit(currentOffsets: TopicPartitionOffsets): Promise<TopicPartitionOffsets> {
    await this.flush(currentOffsets);
    return currentOffsets;
  }

  /**
   * Called when partitions are revoked (rebalance, stop), after their last
   * commit. Optional: close per-partition writers.
   */
  close(_partitions: readonly TopicPartition[]): void | Promise<void> {}

  /** Stops the task and releases what it holds. Called once, after `close`. */
  abstract stop(): void | Promise<void>;
}

/**
 * A sink task class, as `SinkConnector.taskClass()` returns it.
 *
 * @example
 * ```ts
 * import type { SinkTaskClass } from "./sink_task.ts";
 * function start(cls: SinkTaskClass) {
 *   return new cls();
 * }
 * ```
 */
export type SinkTaskClass = TaskClass<SinkTask>;
