/**
 * Source tasks read from an external system and return records for Kafka
 * (Kafka Connect's `SourceTask`).
 *
 * Lifecycle: `initialize(context)`, `start(props)`, then `poll(signal)`
 * repeatedly (never concurrently), `commit()` after offsets are flushed,
 * `commitRecord(record, metadata)` per acknowledged record, and `stop()`
 * once — after the last `poll` has settled.
 *
 * `poll` must return promptly when asked to stop or pause: the worker aborts
 * the `signal` and expects `poll` to settle well under a second. Wait with
 * `delay(ms, signal)` instead of `setTimeout`, and pass the signal to
 * `fetch` and the like.
 *
 * @example
 * ```ts
 * import { delay } from "./delay.ts";
 * import type { SourceRecord } from "./record.ts";
 * import { SourceTask } from "./source_task.ts";
 *
 * class CounterTask extends SourceTask {
 *   #next = 0;
 *   #topic = "";
 *   version() { return "1.0"; }
 *   start(props: Readonly<Record<string, string>>) {
 *     this.#topic = props.topic;
 *     const stored = this.context.offsetStorageReader.offset({ counter: "main" });
 *     this.#next = Number(stored?.next ?? 0);
 *   }
 *   async poll(signal?: AbortSignal): Promise<SourceRecord[] | null> {
 *     await delay(1000, signal); // returns early when the signal aborts
 *     if (signal?.aborted) return null;
 *     const n = this.#next++;
 *     return [{
 *       sourcePartition: { counter: "main" }, sourceOffset: { next: this.#next },
 *       topic: this.#topic, kafkaPartition: null, keySchema: null, key: null,
 *       valueSchema: null, value: n, timestamp: null, headers: [],
 *     }];
 *   }
 *   stop() {}
 * }
 * ```
 * @module
 */
import type { SourceTaskContext } from "./contexts.ts";
import { ConnectError } from "./errors.ts";
import type { SourceRecord } from "./record.ts";
import type { Props, Task, TaskClass } from "./task.ts";

/**
 * Where Kafka stored a record (Kafka's `RecordMetadata`), handed to
 * `SourceTask.commitRecord`.
 *
 * @example
 * ```ts
 * import type { RecordMetadata } from "./source_task.ts";
 * const metadata: RecordMetadata = { topic: "lines", partition: 0, offset: 41n, timestamp: 1700000000000 };
 * ```
 */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  /** The record's offset in its partition. */
  readonly offset: bigint;
  /** The record's timestamp (milliseconds since the epoch), if known. */
  readonly timestamp: number | null;
}

/**
 * The base of every source task; see the module docs. Implement `version`,
 * `start`, `poll` and `stop`; `commit` and `commitRecord` are optional
 * hooks for sources that acknowledge reads (e.g. a message queue).
 *
 * @example
 * ```ts
 * import { SourceTask } from "./source_task.ts";
 * import type { SourceRecord } from "./record.ts";
 * class EmptyTask extends SourceTask {
 *   version() { return "1.0"; }
 *   start() {}
 *   poll(): Promise<SourceRecord[] | null> { return Promise.resolve(null); }
 *   stop() {}
 * }
 * ```
 */
export abstract class SourceTask implements Task {
  #context: SourceTaskContext | undefined;

  /**
   * Called by the worker once, before `start`. Subclasses overriding it
   * must call `super.initialize(context)`.
   */
  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }

  /**
   * The context given to `initialize`: stored offsets (to resume from in
   * `start`), the task config, what the worker allows. Throws before
   * `initialize`.
   */
  protected get context(): SourceTaskContext {
    if (this.#context === undefined) {
      throw new ConnectError("Cannot use the task context: initialize() has not been called");
    }
    return this.#context;
  }

  /** The task's version, usually the connector's. */
  abstract version(): string;

  /**
   * Starts the task with one config from the connector's `taskConfigs`.
   * Resume from `this.context.offsetStorageReader` here.
   */
  abstract start(props: Props): void | Promise<void>;

  /**
   * Returns the records that are ready, or `null` when nothing is (after
   * waiting a little, so the worker does not spin). Each record carries its
   * `sourcePartition` and `sourceOffset`; the worker stores the offset once
   * the record and every earlier record of the same partition are in Kafka.
   *
   * When `signal` aborts (stop, pause, rebalance), return promptly — well
   * under a second — with `null` or what was already read.
   */
  abstract poll(signal?: AbortSignal): Promise<SourceRecord[] | null>;

  /**
   * Called after the worker stored the offsets of the records it
   * acknowledged so far. Optional.
   */
  commit(): void | Promise<void> {}

  /**
   * Called for each record once Kafka acknowledged it (`metadata`), or once
   * a transformation dropped it (`metadata` null). Optional.
   */
  commitRecord(_record: SourceRecord, _metadata: RecordMetadata | null): void | Promise<void> {}

  /** Stops the task: close files and connections. Called once, after the last `poll` settled. */
  abstract stop(): void | Promise<void>;
}

/**
 * A source task class, as `SourceConnector.taskClass()` returns it.
 *
 * @example
 * ```ts
 * import type { SourceTaskClass } from "./source_task.ts";
 * function start(cls: SourceTaskClass) {
 *   return new cls();
 * }
 * ```
 */
export type SourceTaskClass = TaskClass<SourceTask>;
