/**
 * Runs one source task: `poll` → converters → batched, un-awaited producer
 * sends → offsets committed only once acknowledged (every flush interval and
 * on stop). Pause and stop abort a pending `poll` so they are seen at once.
 *
 * Delivery: at least once. A record's offset reaches the offsets topic only
 * after the broker acknowledged it and every earlier record of its source
 * partition; a crash replays at most what was polled since the last flush.
 *
 * @example
 * ```ts
 * import { SourceTaskRunner } from "./source_task_runner.ts";
 * // const runner = new SourceTaskRunner({ task, props, producer, ... });
 * // runner.start(); ... await runner.stop();
 * ```
 * @module
 */
import type { OffsetStorageReader, WorkerEnvironment } from "../connect/contexts.ts";
import type { SourceRecord } from "../connect/record.ts";
import { SourceTask } from "../connect/source_task.ts";
import type { Converter } from "../converters/converter.ts";
import type { HeaderConverter } from "../converters/header_converter.ts";
import type { KafkaProducer, ProducerRecord, RecordHeader } from "../kafka/types.ts";
import type { PartitionOffset, SubmittedBatch } from "../offsets/submitted_offsets.ts";
import { SubmittedOffsets } from "../offsets/submitted_offsets.ts";
import type { State } from "./herder.ts";
import { errorTrace } from "./error_trace.ts";
import { waitForLease } from "./lease_wait.ts";
import type { Logger } from "./log.ts";

/** Stores committed source offsets (the offsets topic). */
export interface SourceOffsetWriter {
  /** Writes the offsets of `connector`; resolves once the broker has them. */
  write(connector: string, offsets: readonly PartitionOffset[]): Promise<void>;
}

/** What a {@linkcode SourceTaskRunner} needs. */
export interface SourceTaskRunnerOptions {
  connector: string;
  taskId: number;
  /** The task, not yet initialized or started. */
  task: SourceTask;
  props: Readonly<Record<string, string>>;
  env: WorkerEnvironment;
  /** The connector's stored offsets, as the task sees them at start. */
  offsetReader: OffsetStorageReader;
  keyConverter: Converter;
  valueConverter: Converter;
  headerConverter: HeaderConverter;
  producer: KafkaProducer;
  offsetWriter: SourceOffsetWriter;
  offsetFlushIntervalMs: number;
  offsetFlushTimeoutMs: number;
  /** Reports state changes (RUNNING, PAUSED, FAILED with its trace, UNASSIGNED on stop). */
  onState(state: State, trace?: string): void;
  log: Logger;
  /**
   * Most sends awaiting acknowledgement before `poll` waits. Default 2 (see
   * docs/benchmarks.md): one batch travels while the next is prepared; more
   * only wait, and waiting batches survive into the old generation (memory,
   * GC): 16 → 2 took the source worker from ~360 to ~240 MiB and was faster.
   */
  maxInFlightBatches?: number;
  /**
   * Makes sure topics exist before the first send to them (created with the
   * broker's defaults if missing). Called once per new topic name.
   */
  ensureTopics?: (topics: string[]) => Promise<void>;
  /**
   * Whether the worker's lease is confirmed. While false, polled records are
   * held, not sent; if the task is stopped meanwhile they are dropped (their
   * offsets were never committed, so the next owner reads them again).
   */
  leaseValid?: () => boolean;
}

/** Runs a source task; see the module doc. */
export class SourceTaskRunner {
  readonly #o: SourceTaskRunnerOptions;
  readonly #tracker = new SubmittedOffsets();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #stopping = new AbortController();
  #pollAbort = new AbortController();
  #paused = false;
  #resume: (() => void) | null = null;
  #failed: unknown = null;
  #loop: Promise<void> | null = null;
  #flushTimer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #uncommitted = new Map<string, PartitionOffset>();
  readonly #commitsRecords: boolean;

  /** Creates a runner; nothing runs until {@linkcode start}. */
  constructor(options: SourceTaskRunnerOptions) {
    this.#o = options;
    this.#commitsRecords = options.task.commitRecord !== SourceTask.prototype.commitRecord;
    options.task.initialize({
      allowedFileDirs: options.env.allowedFileDirs,
      configs: () => options.props,
      offsetStorageReader: options.offsetReader,
    });
  }

  /** Whether the task failed, and why. */
  get failure(): unknown {
    return this.#failed;
  }

  /** Starts the task and its poll loop; `paused` starts it paused. */
  start(paused = false): void {
    this.#paused = paused;
    this.#loop = this.#run();
    this.#flushTimer = setInterval(() => {
      this.#flushing = this.#flushing.then(() => this.#commitOffsets());
    }, this.#o.offsetFlushIntervalMs);
  }

  /** Pauses polling (a pending poll is aborted); offsets keep committing. */
  pause(): void {
    if (this.#paused || this.#failed !== null) return;
    this.#paused = true;
    this.#pollAbort.abort();
    this.#o.onState("PAUSED");
  }

  /** Resumes polling. */
  resume(): void {
    if (!this.#paused || this.#failed !== null) return;
    this.#paused = false;
    this.#resume?.();
    this.#o.onState("RUNNING");
  }

  async #run(): Promise<void> {
    const { task, props, log } = this.#o;
    try {
      await task.start(props);
      this.#o.onState(this.#paused ? "PAUSED" : "RUNNING");
      const maxInFlight = this.#o.maxInFlightBatches ?? 2;
      while (!this.#stopping.signal.aborted) {
        if (this.#paused) {
          await new Promise<void>((resolve) => {
            this.#resume = resolve;
            this.#stopping.signal.addEventListener("abort", () => resolve(), { once: true });
          });
          this.#resume = null;
          this.#pollAbort = new AbortController();
          continue;
        }
        while (this.#inFlight.size >= maxInFlight) await Promise.race(this.#inFlight);
        if (this.#failed !== null) throw this.#failed;
        const records = await task.poll(this.#pollAbort.signal);
        if (records === null || records.length === 0) continue;
        if (!(await this.#holdForLease())) break;
        await this.#ensureTopics(records);
        this.#send(records);
      }
      if (this.#failed !== null) throw this.#failed;
    } catch (err) {
      this.#failed ??= err;
      log.error("source task failed", { err });
      this.#o.onState("FAILED", errorTrace(err));
    }
  }

  /** Waits while the lease is not confirmed; false if the task stopped meanwhile. */
  #holdForLease(): Promise<boolean> {
    return waitForLease(
      this.#o.leaseValid,
      () => this.#stopping.signal.aborted,
      (message) => this.#o.log.warn(message),
    );
  }

  readonly #knownTopics = new Set<string>();

  async #ensureTopics(records: SourceRecord[]): Promise<void> {
    const ensure = this.#o.ensureTopics;
    if (!ensure) return;
    let fresh: Set<string> | undefined;
    let last = "";
    for (const { topic } of records) {
      if (topic === last) continue;
      last = topic;
      if (!this.#knownTopics.has(topic)) (fresh ??= new Set()).add(topic);
    }
    if (!fresh) return;
    await ensure([...fresh]);
    for (const topic of fresh) this.#knownTopics.add(topic);
  }

  #convert(record: SourceRecord): ProducerRecord {
    const { keyConverter, valueConverter, headerConverter } = this.#o;
    const topic = record.topic;
    let headers: RecordHeader[] | undefined;
    if (record.headers.length > 0) {
      headers = record.headers.map((h) => ({
        key: h.key,
        value: headerConverter.fromConnectHeader(topic, h.key, h.schema, h.value),
      }));
    }
    return {
      topic,
      partition: record.kafkaPartition ?? undefined,
      key: keyConverter.fromConnectData(topic, record.keySchema, record.key),
      value: valueConverter.fromConnectData(topic, record.valueSchema, record.value),
      headers,
      timestamp: record.timestamp ?? undefined,
    };
  }

  #send(records: SourceRecord[]): void {
    const converted = new Array<ProducerRecord>(records.length);
    for (let i = 0; i < records.length; i++) converted[i] = this.#convert(records[i]);
    const batch = this.#tracker.submit(records);
    // Per-record metadata only for tasks that look at it (commitRecord).
    // Otherwise nothing here refers to the source records once converted,
    // so they (and the text they hold) are garbage while the batch travels.
    this.#track(
      this.#commitsRecords
        ? this.#sendForCommitRecord(records, converted, batch)
        : this.#o.producer.deliver(converted).then(() => batch.ack()),
    );
  }

  async #sendForCommitRecord(
    records: SourceRecord[],
    converted: ProducerRecord[],
    batch: SubmittedBatch,
  ): Promise<void> {
    const metadata = await this.#o.producer.send(converted);
    batch.ack();
    for (let i = 0; i < records.length; i++) {
      const m = metadata[i];
      try {
        await this.#o.task.commitRecord(records[i], {
          topic: m.topic,
          partition: m.partition,
          offset: m.offset,
          timestamp: m.timestamp,
        });
      } catch (err) {
        // As Kafka Connect does: logged, and the task goes on.
        this.#o.log.error("task.commitRecord failed", { err });
      }
    }
  }

  /** Records a send in flight; a failure fails the task. */
  #track(acked: Promise<void>): void {
    const sent: Promise<void> = acked.then(
      () => {},
      (err) => {
        this.#failed ??= new Error(
          `Cannot send records of task ${this.#o.connector}-${this.#o.taskId}: ${
            err instanceof Error ? err.message : String(err)
          }`,
          { cause: err },
        );
        this.#pollAbort.abort();
      },
    ).finally(() => this.#inFlight.delete(sent));
    this.#inFlight.add(sent);
  }

  async #commitOffsets(): Promise<void> {
    for (const [key, value] of this.#tracker.takeCommittable()) this.#uncommitted.set(key, value);
    if (this.#uncommitted.size === 0) return;
    // Without a confirmed lease another worker may run this task already: a
    // late commit would move its offsets back.
    if (this.#o.leaseValid && !this.#o.leaseValid()) return;
    const batch = new Map(this.#uncommitted);
    try {
      await this.#o.offsetWriter.write(this.#o.connector, [...batch.values()]);
      // Offsets taken since the write began are newer; keep those.
      for (const [key, value] of batch) {
        if (this.#uncommitted.get(key) === value) this.#uncommitted.delete(key);
      }
      await this.#o.task.commit();
    } catch (err) {
      this.#o.log.warn("offset commit failed; retrying at the next flush", { err });
    }
  }

  /**
   * Stops the task: aborts a pending poll, waits for in-flight sends (at most
   * the flush timeout), commits every acknowledged offset, stops the task.
   */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#pollAbort.abort();
    await this.#loop;
    clearInterval(this.#flushTimer);
    try {
      await this.#o.task.stop();
    } catch (err) {
      this.#o.log.warn("task stop failed", { err });
    }
    const acked = await this.#tracker.awaitAllAcked(this.#o.offsetFlushTimeoutMs);
    if (!acked) {
      this.#o.log.warn("stopping before every record was acknowledged", {
        pending_batches: this.#tracker.pending,
      });
    }
    await this.#flushing;
    await this.#commitOffsets();
    if (this.#failed === null) this.#o.onState("UNASSIGNED");
  }
}
