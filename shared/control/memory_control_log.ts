/**
 * An in-process control topic and `ControlLog`s reading it, for tests: one
 * `MemoryControlTopic` stands for the Kafka topic (one partition,
 * LogAppendTime from an injectable clock, compaction on demand), and each
 * `open()` is one worker's log, folding from the beginning like a worker
 * that just started.
 *
 * Like the Kafka log, `append` resolves with the offset before the record is
 * folded: the fold happens on a later macrotask (or on `flush()` when opened
 * with `manual: true`), so code that forgets `waitForOffset` fails here too.
 *
 * @example
 * ```ts
 * import { MemoryControlTopic } from "./memory_control_log.ts";
 * import { encodeControlRecord } from "./records.ts";
 * let now = 1_000;
 * const topic = new MemoryControlTopic({ now: () => now });
 * const w1 = topic.open();
 * const w2 = topic.open();
 * const offset = await w1.append([encodeControlRecord({
 *   type: "connector",
 *   name: "fs",
 *   value: { incarnation: "c1", type: "source", class: "FileStreamSource", config: {} },
 * })]);
 * await w2.waitForOffset(offset);
 * console.log(w2.state().connectorNames()); // ["fs"]
 * await w1.close();
 * await w2.close();
 * ```
 * @module
 */
import { ClusterState, type ClusterStateOptions, type LogRecord } from "./cluster_state.ts";
import type { ControlChangeListener, ControlLog } from "./control_log.ts";
import { LogFolder } from "./log_folder.ts";
import type { EncodedControlRecord } from "./records.ts";

/**
 * Options of a {@linkcode MemoryControlTopic}.
 *
 * @example
 * ```ts
 * import type { MemoryControlTopicOptions } from "./memory_control_log.ts";
 * let now = 0;
 * const options: MemoryControlTopicOptions = { now: () => now };
 * ```
 */
export interface MemoryControlTopicOptions {
  /** The broker's clock, stamped on each record as LogAppendTime. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Options of {@linkcode compact}: what Kafka's log cleaner would do.
 *
 * @example
 * ```ts
 * import type { CompactOptions } from "./memory_control_log.ts";
 * const options: CompactOptions = { before: 100n, dropTombstones: true };
 * ```
 */
export interface CompactOptions {
  /**
   * Only records below this offset are cleaned, and only records below it
   * count as replacing (Kafka's first uncleanable offset). Default: the end
   * offset (everything).
   */
  readonly before?: bigint;
  /** Also drop tombstones (as after `delete.retention.ms`). Default true. */
  readonly dropTombstones?: boolean;
}

/**
 * Options of one worker's log on a {@linkcode MemoryControlTopic}.
 *
 * @example
 * ```ts
 * import type { MemoryControlLogOptions } from "./memory_control_log.ts";
 * const options: MemoryControlLogOptions = { manual: true, onUnreadable: (u) => console.warn(u.key) };
 * ```
 */
export interface MemoryControlLogOptions extends ClusterStateOptions {
  /** Fold new records only on `flush()`, never on a timer. Default false. */
  readonly manual?: boolean;
  /** Receives what change listeners throw. Default `console.error`. */
  readonly onError?: (error: Error) => void;
}

/**
 * Keeps what Kafka's log cleaner keeps: drops every record below `before`
 * whose key has a later record below `before`, and (with `dropTombstones`)
 * tombstones below `before`. Offsets are kept.
 *
 * @example
 * ```ts
 * import { compact } from "./memory_control_log.ts";
 * const r = (offset: bigint, key: string, value: Uint8Array | null) => ({ offset, timestamp: 0, key, value });
 * const kept = compact([r(0n, "a", new Uint8Array([1])), r(1n, "a", null), r(2n, "b", new Uint8Array([2]))]);
 * console.log(kept.map((x) => x.offset)); // [2n]
 * ```
 */
export function compact(
  records: readonly LogRecord[],
  options: CompactOptions = {},
): LogRecord[] {
  const before = options.before ?? (records.at(-1)?.offset ?? -1n) + 1n;
  const dropTombstones = options.dropTombstones ?? true;
  const latest = new Map<string, bigint>();
  for (const r of records) if (r.offset < before) latest.set(r.key, r.offset);
  return records.filter((r) => {
    if (r.offset >= before) return true;
    if (latest.get(r.key) !== r.offset) return false;
    return !(dropTombstones && r.value === null);
  });
}

/**
 * The in-process control topic.
 *
 * @example
 * ```ts
 * import { MemoryControlTopic } from "./memory_control_log.ts";
 * const topic = new MemoryControlTopic({ now: () => 5 });
 * topic.appendNow([{ key: "connector/x", value: null }]);
 * console.log(topic.endOffset, topic.records()[0].timestamp); // 1n 5
 * ```
 */
export class MemoryControlTopic {
  readonly #now: () => number;
  #records: LogRecord[] = [];
  #next = 0n;
  #failure: Error | undefined;
  readonly #subscribers = new Set<() => void>();

  /** Creates an empty topic. */
  constructor(options: MemoryControlTopicOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** The offset the next record gets. */
  get endOffset(): bigint {
    return this.#next;
  }

  /** The records in the topic now (after any compaction), in offset order. */
  records(): readonly LogRecord[] {
    return this.#records;
  }

  /** Records at or after `offset`. */
  readFrom(offset: bigint): LogRecord[] {
    return this.#records.filter((r) => r.offset >= offset);
  }

  /**
   * Appends at once, stamping each record with the clock; returns the last
   * offset. Throws "Cannot append control records: ..." while appends fail,
   * or for an empty batch. No validation: tests append garbage with it.
   */
  appendNow(records: readonly EncodedControlRecord[]): bigint {
    if (this.#failure) {
      throw new Error(`Cannot append control records: ${this.#failure.message}`, {
        cause: this.#failure,
      });
    }
    if (records.length === 0) {
      throw new Error("Cannot append control records: the batch is empty");
    }
    const timestamp = this.#now();
    for (const r of records) {
      this.#records.push(
        Object.freeze({
          offset: this.#next++,
          timestamp,
          key: r.key,
          value: r.value === null ? null : r.value.slice(),
        }),
      );
    }
    for (const s of [...this.#subscribers]) s();
    return this.#next - 1n;
  }

  /** Makes appends fail with `error` until called with undefined (to test self-fencing). */
  failAppends(error: Error | undefined): void {
    this.#failure = error;
  }

  /** Compacts the topic in place (see {@linkcode compact}). */
  compact(options: CompactOptions = {}): void {
    this.#records = compact(this.#records, {
      ...options,
      before: options.before ?? this.#next,
    });
  }

  /** Opens a worker's log: it folds everything in the topic now, then follows it. */
  open(options: MemoryControlLogOptions = {}): MemoryControlLog {
    return new MemoryControlLog(this, options);
  }

  /** Calls `notify` after each append; returns the unsubscription. */
  subscribe(notify: () => void): () => void {
    this.#subscribers.add(notify);
    return () => {
      this.#subscribers.delete(notify);
    };
  }
}

/**
 * One worker's control log on a {@linkcode MemoryControlTopic}.
 *
 * @example
 * ```ts
 * import { MemoryControlTopic } from "./memory_control_log.ts";
 * const log = new MemoryControlTopic().open({ manual: true });
 * const offset = await log.append([{ key: "connector/x", value: null }]);
 * log.flush();
 * console.log(log.state().offset === offset); // true
 * await log.close();
 * ```
 */
export class MemoryControlLog implements ControlLog {
  /** The topic this log reads and writes. */
  readonly topic: MemoryControlTopic;
  readonly #folder: LogFolder;
  readonly #manual: boolean;
  readonly #unsubscribe: () => void;
  #next = 0n;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Opens a log on `topic`, folding what it holds now; prefer `topic.open()`. */
  constructor(topic: MemoryControlTopic, options: MemoryControlLogOptions = {}) {
    this.topic = topic;
    this.#folder = new LogFolder(
      new ClusterState({ onUnreadable: options.onUnreadable }),
      options.onError,
    );
    this.#manual = options.manual ?? false;
    this.#unsubscribe = topic.subscribe(() => this.#schedule());
    this.flush();
  }

  /** Folds every record appended and not yet folded, now; returns how many. */
  flush(): number {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#folder.closed) return 0;
    const batch = this.topic.readFrom(this.#next);
    if (batch.length === 0) return 0;
    this.#next = batch.at(-1)!.offset + 1n;
    this.#folder.deliver(batch);
    return batch.length;
  }

  #schedule(): void {
    if (this.#manual || this.#timer !== undefined || this.#folder.closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, 0);
  }

  /** See `ControlLog.append`. */
  append(records: readonly EncodedControlRecord[]): Promise<bigint> {
    if (this.#folder.closed) {
      return Promise.reject(new Error("Cannot append control records: the control log is closed"));
    }
    try {
      return Promise.resolve(this.topic.appendNow(records));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** See `ControlLog.waitForOffset`. */
  waitForOffset(offset: bigint, signal?: AbortSignal): Promise<void> {
    return this.#folder.waitForOffset(offset, signal);
  }

  /** See `ControlLog.state`. */
  state(): ClusterState {
    return this.#folder.state;
  }

  /** See `ControlLog.onChange`. */
  onChange(listener: ControlChangeListener): () => void {
    return this.#folder.onChange(listener);
  }

  /** See `ControlLog.close`. */
  close(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe();
    this.#folder.close();
    return Promise.resolve();
  }
}

/**
 * A fresh topic and one log on it, for tests that need a single worker.
 *
 * @example
 * ```ts
 * import { createMemoryControlLog } from "./memory_control_log.ts";
 * const log = createMemoryControlLog({ now: () => 0 });
 * const other = log.topic.open(); // a second worker on the same topic
 * await other.close();
 * await log.close();
 * ```
 */
export function createMemoryControlLog(
  options: MemoryControlTopicOptions & MemoryControlLogOptions = {},
): MemoryControlLog {
  return new MemoryControlTopic(options).open(options);
}
