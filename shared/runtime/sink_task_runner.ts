/**
 * Runs one sink task: a consumer in group `connect-<connector>` → converters
 * → `put` → `preCommit` (flush) → consumer commit, every flush interval and
 * whenever a poll finds nothing new after a `put` (the stream went quiet).
 * The commit only ever covers what the task has flushed, so a crash
 * redelivers records after the last commit and loses none.
 *
 * @example
 * ```ts
 * import { SinkTaskRunner } from "./sink_task_runner.ts";
 * // const runner = new SinkTaskRunner({ task, props, consumer: (listener) => ..., ... });
 * // runner.start(); ... await runner.stop();
 * ```
 * @module
 */
import type { WorkerEnvironment } from "../connect/contexts.ts";
import { RetriableError } from "../connect/errors.ts";
import type { Header, SinkRecord } from "../connect/record.ts";
import type { SinkTask } from "../connect/sink_task.ts";
import {
  type TopicPartition,
  topicPartitionKey,
  type TopicPartitionOffset,
} from "../connect/topic_partition.ts";
import type { Converter } from "../converters/converter.ts";
import type { HeaderConverter } from "../converters/header_converter.ts";
import { isCoordinatorUnavailable } from "../kafka/errors.ts";
import type { ConsumerRecord, KafkaGroupConsumer, RebalanceListener } from "../kafka/types.ts";
import type { State } from "./herder.ts";
import type { Logger } from "./log.ts";
import { errorTrace } from "./error_trace.ts";
import { waitForLease } from "./lease_wait.ts";

/** What a {@linkcode SinkTaskRunner} needs. */
export interface SinkTaskRunnerOptions {
  connector: string;
  taskId: number;
  /** The task, not yet initialized or started. */
  task: SinkTask;
  props: Readonly<Record<string, string>>;
  env: WorkerEnvironment;
  keyConverter: Converter;
  valueConverter: Converter;
  headerConverter: HeaderConverter;
  /** Creates the task's group consumer (joined) with this rebalance listener. */
  createConsumer(listener: RebalanceListener): Promise<KafkaGroupConsumer>;
  offsetFlushIntervalMs: number;
  onState(state: State, trace?: string): void;
  log: Logger;
  /** How long one consumer poll waits for records. Default 200 ms. */
  pollWaitMs?: number;
  /**
   * How long records of newly assigned partitions are held, not put, while
   * their previous owner may still commit (see `#passGrace`). Default 750 ms.
   */
  rebalanceGraceMs?: number;
  /**
   * At most this many key and value bytes are held during a grace; past it
   * the runner stops reading until the grace ends. Default 16 MiB.
   */
  rebalanceGraceBufferBytes?: number;
  /**
   * Whether the worker's lease is confirmed. While false, polled records are
   * held, not put; if the task is stopped meanwhile they are dropped (never
   * committed, so they are delivered again to the next owner).
   */
  leaseValid?: () => boolean;
}

const DEFAULT_RETRY_BACKOFF_MS = 1000;
const DEFAULT_GRACE_MS = 750;
const DEFAULT_GRACE_BUFFER_BYTES = 16 * 1024 * 1024;

/** Records of one partition held during its rebalance grace. */
interface Grace {
  readonly partition: TopicPartition;
  /** When the grace ends (epoch ms). */
  readonly until: number;
  /** Converted records, in offset order. */
  readonly held: SinkRecord[];
  /** Their key and value bytes. */
  bytes: number;
}

/** Runs a sink task; see the module doc. */
export class SinkTaskRunner {
  readonly #o: SinkTaskRunnerOptions;
  #consumer: KafkaGroupConsumer | null = null;
  /** Next offset to read per partition, of records handed to `put`. */
  readonly #consumed = new Map<string, TopicPartitionOffset>();
  /** Last committed offsets per partition. */
  readonly #committed = new Map<string, bigint>();
  readonly #seeks = new Map<string, TopicPartitionOffset>();
  /** Partitions in their rebalance grace, by key. */
  readonly #graces = new Map<string, Grace>();
  #heldBytes = 0;
  #assignment: TopicPartition[] = [];
  #stopping = false;
  #paused = false;
  #commitRequested = false;
  /** Whether records were put since the last commit (an idle poll then commits). */
  #putSinceCommit = false;
  #retryBackoffMs = DEFAULT_RETRY_BACKOFF_MS;
  #lastCommit = 0;
  #loop: Promise<void> | null = null;
  #failed: unknown = null;
  #wake: (() => void) | null = null;

  /** Creates a runner; nothing runs until {@linkcode start}. */
  constructor(options: SinkTaskRunnerOptions) {
    this.#o = options;
    options.task.initialize({
      ...options.env,
      allowedFileDirs: options.env.allowedFileDirs,
      configs: () => options.props,
      assignment: () => [...this.#assignment],
      pause: (partitions) => this.#consumer?.pause(partitions),
      resume: (partitions) => {
        if (!this.#paused) this.#consumer?.resume(partitions);
      },
      offset: (tp, offset) => {
        this.#seeks.set(topicPartitionKey(tp), {
          topic: tp.topic,
          partition: tp.partition,
          offset,
        });
      },
      requestCommit: () => {
        this.#commitRequested = true;
      },
      timeout: (ms) => {
        this.#retryBackoffMs = ms;
      },
    });
  }

  /** Whether the task failed, and why. */
  get failure(): unknown {
    return this.#failed;
  }

  /** Starts the task and its consume loop; `paused` starts it paused. */
  start(paused = false): void {
    this.#paused = paused;
    this.#loop = this.#run();
  }

  /** Stops delivering records (the consumer stays in its group). */
  pause(): void {
    if (this.#paused || this.#failed !== null) return;
    this.#paused = true;
    this.#consumer?.pause(this.#assignment);
    this.#o.onState("PAUSED");
  }

  /** Resumes delivering records. */
  resume(): void {
    if (!this.#paused || this.#failed !== null) return;
    this.#paused = false;
    this.#consumer?.resume(this.#assignment);
    this.#o.onState("RUNNING");
  }

  #listener(): RebalanceListener {
    return {
      onPartitionsAssigned: async (partitions) => {
        this.#assignment = [...this.#assignment, ...partitions];
        if (this.#paused) this.#consumer?.pause(partitions);
        this.#startGrace(partitions);
        await this.#o.task.open(partitions);
        this.#applySeeks();
      },
      onPartitionsRevoked: async (partitions) => {
        if (this.#failed === null) await this.#commitOrRetryLater(partitions);
        const revoked = new Set(partitions.map(topicPartitionKey));
        this.#assignment = this.#assignment.filter((tp) => !revoked.has(topicPartitionKey(tp)));
        for (const key of revoked) {
          this.#consumed.delete(key);
          this.#committed.delete(key);
          this.#endGrace(key);
        }
        await this.#o.task.close(partitions);
      },
    };
  }

  /**
   * Partitions moved here by a group rebalance may have been processed by
   * their previous owner until it noticed the rebalance (the client library
   * reports revocations late); it commits them when it does. So their
   * records are read, converted and held, but not put, for the grace; then
   * the held records below the newest commit are dropped (or the partition
   * seeks to it) and the rest are put. Nothing is processed twice, and the
   * wait costs little time: the grace overlaps the reading.
   */
  #startGrace(partitions: readonly TopicPartition[]): void {
    const graceMs = this.#o.rebalanceGraceMs ?? DEFAULT_GRACE_MS;
    if (graceMs <= 0) return;
    const until = Date.now() + graceMs;
    for (const tp of partitions) {
      const key = topicPartitionKey(tp);
      this.#endGrace(key);
      this.#graces.set(key, { partition: tp, until, held: [], bytes: 0 });
    }
  }

  /** How long the next poll may wait: no longer than until the first grace ends. */
  #pollWaitMs(): number {
    const wait = this.#o.pollWaitMs ?? 200;
    if (this.#graces.size === 0) return wait;
    return Math.min(wait, this.#untilFirstGraceEnds());
  }

  #untilFirstGraceEnds(): number {
    let first = Infinity;
    for (const grace of this.#graces.values()) first = Math.min(first, grace.until);
    return Math.max(0, first - Date.now());
  }

  /** Ends a partition's grace, dropping what it held (never put, never committed). */
  #endGrace(key: string): void {
    const grace = this.#graces.get(key);
    if (grace === undefined) return;
    this.#graces.delete(key);
    this.#heldBytes -= grace.bytes;
  }

  /**
   * Converts polled records; holds those of partitions in their grace and
   * returns the others, with the held records of graces that have ended,
   * from each partition's newest commit on. While the held bytes exceed
   * their budget, waits for the first grace to end instead of reading on.
   */
  async #passGrace(polled: readonly ConsumerRecord[]): Promise<SinkRecord[]> {
    const out: SinkRecord[] = [];
    let grace: Grace | undefined;
    let last: ConsumerRecord | undefined;
    for (const r of polled) {
      if (last === undefined || r.partition !== last.partition || r.topic !== last.topic) {
        grace = this.#graces.get(topicPartitionKey(r));
      }
      last = r;
      const record = this.#toSinkRecord(r);
      if (grace === undefined) {
        out.push(record);
        continue;
      }
      grace.held.push(record);
      const bytes = (r.key?.byteLength ?? 0) + (r.value?.byteLength ?? 0);
      grace.bytes += bytes;
      this.#heldBytes += bytes;
    }
    if (this.#paused) return out;
    const now = Date.now();
    const ended = [...this.#graces.values()].filter((g) => g.until <= now);
    if (ended.length > 0) {
      await this.#release(ended, out);
    } else if (
      this.#heldBytes >= (this.#o.rebalanceGraceBufferBytes ?? DEFAULT_GRACE_BUFFER_BYTES)
    ) {
      await this.#sleep(this.#untilFirstGraceEnds());
    }
    return out;
  }

  /**
   * Ends the `ended` graces: appends to `out` their held records from each
   * partition's newest commit on, or seeks to that commit when it lies
   * beyond them all. While the commits cannot be read (no coordinator), the
   * graces stay and the next loop asks again.
   */
  async #release(ended: readonly Grace[], out: SinkRecord[]): Promise<void> {
    const consumer = this.#consumer!;
    let committed;
    try {
      committed = await consumer.committed(ended.map((g) => g.partition));
    } catch (err) {
      if (!isCoordinatorUnavailable(err)) throw err;
      this.#o.log.warn("cannot read the group's commits yet: the coordinator is unavailable", {
        err,
      });
      await this.#sleep(this.#retryBackoffMs);
      return;
    }
    for (const grace of ended) {
      this.#endGrace(topicPartitionKey(grace.partition));
      const c = committed.find((c) =>
        c.topic === grace.partition.topic && c.partition === grace.partition.partition
      );
      const from = c?.offset ?? null;
      let kept = 0;
      for (const r of grace.held) {
        if (from !== null && r.kafkaOffset < from) continue;
        out.push(r);
        kept++;
      }
      if (from === null || kept > 0) continue;
      const position = consumer.position(grace.partition);
      if (position === undefined || from > position) consumer.seek(grace.partition, from);
    }
  }

  #applySeeks(): void {
    for (const [key, seek] of this.#seeks) {
      if (!this.#assignment.some((tp) => topicPartitionKey(tp) === key)) continue;
      this.#consumer?.seek(seek, seek.offset);
      this.#consumed.set(key, seek);
      this.#seeks.delete(key);
      // The task's own position wins over the grace's commit check.
      this.#endGrace(key);
    }
  }

  #toSinkRecord(r: ConsumerRecord): SinkRecord {
    const { keyConverter, valueConverter, headerConverter } = this.#o;
    const key = keyConverter.toConnectData(r.topic, r.key);
    const value = valueConverter.toConnectData(r.topic, r.value);
    let headers: Header[] = [];
    if (r.headers.length > 0) {
      headers = r.headers.map((h) => {
        const converted = headerConverter.toConnectHeader(r.topic, h.key, h.value);
        return { key: h.key, schema: converted.schema, value: converted.value };
      });
    }
    return {
      topic: r.topic,
      kafkaPartition: r.partition,
      kafkaOffset: r.offset,
      keySchema: key.schema,
      key: key.value,
      valueSchema: value.schema,
      value: value.value,
      timestamp: r.timestamp,
      timestampType: r.timestampType,
      headers,
    };
  }

  async #run(): Promise<void> {
    const { task, props, log } = this.#o;
    try {
      await task.start(props);
      this.#consumer = await this.#o.createConsumer(this.#listener());
      // The first assignment may arrive while the consumer joins, before it is set.
      if (this.#paused) this.#consumer.pause(this.#assignment);
      this.#applySeeks();
      this.#o.onState(this.#paused ? "PAUSED" : "RUNNING");
      this.#lastCommit = Date.now();
      while (!this.#stopping) {
        const polled = await this.#consumer.poll(this.#pollWaitMs());
        if (this.#stopping) break;
        const records = this.#graces.size > 0
          ? await this.#passGrace(polled)
          : polled.map((r) => this.#toSinkRecord(r));
        if (records.length > 0) {
          if (!(await this.#holdForLease())) break;
          await this.#deliver(records);
        }
        this.#applySeeks();
        const due = Date.now() - this.#lastCommit >= this.#o.offsetFlushIntervalMs;
        // Caught up (a poll found nothing): flush and commit what was put at
        // once instead of at the next interval, so the task's output and the
        // committed offsets are current whenever the stream is quiet.
        const idle = polled.length === 0 && records.length === 0 && this.#putSinceCommit;
        if (due || idle || this.#commitRequested) {
          this.#commitRequested = false;
          this.#putSinceCommit = false;
          this.#lastCommit = Date.now();
          await this.#commitOrRetryLater(this.#assignment);
        }
      }
    } catch (err) {
      this.#failed = err;
      log.error("sink task failed", { err });
      this.#o.onState("FAILED", errorTrace(err));
    }
  }

  /** Waits while the lease is not confirmed; false if the task stopped meanwhile. */
  #holdForLease(): Promise<boolean> {
    return waitForLease(
      this.#o.leaseValid,
      () => this.#stopping,
      (message) => this.#o.log.warn(message),
    );
  }

  async #deliver(records: SinkRecord[]): Promise<void> {
    try {
      this.#putSinceCommit = true;
      await this.#o.task.put(records);
    } catch (err) {
      if (!(err instanceof RetriableError)) throw err;
      // Redeliver the same records after the backoff: rewind each partition
      // to the first offset of this batch.
      this.#o.log.warn("put failed with a retriable error; redelivering", { err });
      const firsts = new Map<string, SinkRecord>();
      for (const r of records) {
        const key = topicPartitionKey({ topic: r.topic, partition: r.kafkaPartition });
        if (!firsts.has(key)) firsts.set(key, r);
      }
      for (const first of firsts.values()) {
        this.#consumer?.seek(
          { topic: first.topic, partition: first.kafkaPartition },
          first.kafkaOffset,
        );
      }
      await this.#sleep(this.#retryBackoffMs);
      return;
    }
    // The last record of each run of one partition sets its next offset (a
    // partition's records come in offset order).
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const next = records[i + 1];
      if (
        next !== undefined && next.kafkaPartition === r.kafkaPartition && next.topic === r.topic
      ) continue;
      const tp = { topic: r.topic, partition: r.kafkaPartition };
      this.#consumed.set(topicPartitionKey(tp), { ...tp, offset: r.kafkaOffset + 1n });
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Whether the worker's lease is confirmed (always, without a lease). */
  #leaseValid(): boolean {
    return this.#o.leaseValid?.() ?? true;
  }

  /**
   * {@linkcode #commit}, except that a commit the broker refused only because
   * the group coordinator is unavailable for now is logged, not fatal: the
   * offsets stay uncommitted and the next commit carries them (on a
   * revocation, the next owner starts from the previous commit, as it would
   * had this task failed). Kafka Connect logs a failed offset commit too.
   */
  async #commitOrRetryLater(partitions: readonly TopicPartition[]): Promise<void> {
    try {
      await this.#commit(partitions);
    } catch (err) {
      if (!isCoordinatorUnavailable(err)) throw err;
      this.#putSinceCommit = true;
      this.#o.log.warn("offset commit failed: the group coordinator is unavailable; will retry", {
        err,
      });
    }
  }

  /**
   * preCommit (flush) and commit what it returns, for `partitions`. Never
   * without a confirmed lease: another worker may own the partitions by
   * now, and a late commit would move its offsets back.
   */
  async #commit(partitions: readonly TopicPartition[]): Promise<void> {
    const consumer = this.#consumer;
    if (consumer === null || partitions.length === 0 || !this.#leaseValid()) return;
    const wanted = new Set(partitions.map(topicPartitionKey));
    const current = new Map<string, TopicPartitionOffset>();
    for (const [key, offset] of this.#consumed) if (wanted.has(key)) current.set(key, offset);
    if (current.size === 0) return;
    let toCommit;
    try {
      toCommit = await this.#o.task.preCommit(current);
    } catch (err) {
      // As Kafka Connect: rewind to the last committed offsets and redeliver.
      this.#o.log.warn("flush failed; rewinding to the last committed offsets", { err });
      for (const [key, offset] of current) {
        const committed = this.#committed.get(key);
        if (committed !== undefined) consumer.seek(offset, committed);
      }
      return;
    }
    const offsets: TopicPartitionOffset[] = [];
    for (const [key, offset] of toCommit) {
      const consumed = this.#consumed.get(key);
      if (!wanted.has(key) || consumed === undefined || offset.offset > consumed.offset) continue;
      if (this.#committed.get(key) === offset.offset) continue;
      offsets.push({ topic: offset.topic, partition: offset.partition, offset: offset.offset });
    }
    if (offsets.length === 0) return;
    await consumer.commit(offsets);
    for (const o of offsets) this.#committed.set(topicPartitionKey(o), o.offset);
  }

  /**
   * Stops: commits what the task flushed, leaves the group (unless
   * `handoff`: the same task starts again elsewhere and takes the static
   * membership over), stops the task.
   */
  async stop(options: { handoff?: boolean } = {}): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    if (!this.#leaseValid()) {
      // Fenced: another worker may run this task already. Close the consumer
      // at once, committing nothing, so it cannot rejoin the group late.
      const consumer = this.#consumer;
      this.#consumer = null;
      await consumer?.close({ leaveGroup: false }).catch(() => {});
    }
    await this.#loop;
    try {
      if (this.#failed === null) await this.#commit(this.#assignment);
    } catch (err) {
      this.#o.log.warn("final offset commit failed", { err });
    }
    try {
      await this.#consumer?.close({ leaveGroup: !options.handoff });
    } catch (err) {
      this.#o.log.warn("consumer close failed", { err });
    }
    try {
      await this.#o.task.stop();
    } catch (err) {
      this.#o.log.warn("task stop failed", { err });
    }
    if (this.#failed === null) this.#o.onState("UNASSIGNED");
  }
}
