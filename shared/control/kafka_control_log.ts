/**
 * The `ControlLog` on the Kafka control topic, through the client seam
 * (`shared/kafka/`): a group-less reader of partition 0 that folds from the
 * beginning and then tails, and an idempotent `acks=all` producer for
 * appends.
 *
 * Opening ensures the topic exists as the design needs it (one partition,
 * `cleanup.policy=compact`, `message.timestamp.type=LogAppendTime`; created
 * so if missing, refused otherwise) and resolves once the state has folded
 * everything the topic held at that moment.
 *
 * @example
 * ```ts ignore
 * import { openKafkaControlLog } from "./kafka_control_log.ts";
 * const log = await openKafkaControlLog({
 *   bootstrapServers: ["127.0.0.1:9092"],
 *   clientId: "source-worker-1",
 *   topic: "tributary-control",
 * });
 * console.log(log.state().connectorNames());
 * await log.close();
 * ```
 * @module
 */
import {
  type ConsumerRecord,
  createKafkaAdmin,
  createKafkaPartitionReader,
  createKafkaProducer,
  type KafkaConnectionOptions,
  type KafkaPartitionReader,
  type KafkaProducer,
  type TopicDescription,
} from "../kafka/mod.ts";
import { ClusterState, type ClusterStateOptions, type LogRecord } from "./cluster_state.ts";
import type { ControlChangeListener, ControlLog } from "./control_log.ts";
import { LogFolder } from "./log_folder.ts";
import type { EncodedControlRecord } from "./records.ts";

/**
 * Options of {@linkcode openKafkaControlLog}.
 *
 * @example
 * ```ts
 * import type { KafkaControlLogOptions } from "./kafka_control_log.ts";
 * const options: KafkaControlLogOptions = {
 *   bootstrapServers: ["127.0.0.1:9092"],
 *   clientId: "sink-worker-2",
 *   topic: "tributary-control",
 *   replicationFactor: 3,
 *   onError: (e) => console.error(e.message),
 * };
 * ```
 */
export interface KafkaControlLogOptions extends KafkaConnectionOptions, ClusterStateOptions {
  /** The control topic's name (`config.storage.topic`). */
  readonly topic: string;
  /** Replication factor if the topic must be created; -1 or absent: the broker's default. */
  readonly replicationFactor?: number;
  /** Longest a tailing fetch waits for new records. Default 200. */
  readonly pollMaxWaitMs?: number;
  /** Pause after a failed fetch before the next. Default 1000. */
  readonly retryBackoffMs?: number;
  /** Receives read failures (the log keeps retrying) and what listeners throw. Default `console.error`. */
  readonly onError?: (error: Error) => void;
  /** Aborts opening (the catch-up read of the topic). */
  readonly signal?: AbortSignal;
}

/**
 * The topic configs the control topic must have.
 *
 * @example
 * ```ts
 * import { CONTROL_TOPIC_CONFIGS } from "./kafka_control_log.ts";
 * console.log(CONTROL_TOPIC_CONFIGS["cleanup.policy"]); // "compact"
 * ```
 */
export const CONTROL_TOPIC_CONFIGS: Readonly<Record<string, string>> = Object.freeze({
  "cleanup.policy": "compact",
  "message.timestamp.type": "LogAppendTime",
});

/**
 * Checks a described topic is usable as the control topic; returns the
 * problems (empty when fine).
 *
 * @example
 * ```ts
 * import { controlTopicProblems } from "./kafka_control_log.ts";
 * const problems = controlTopicProblems({
 *   name: "c",
 *   topicId: "x",
 *   partitions: [{ partition: 0, leader: 1, replicas: [1], isr: [1] }],
 *   configs: { "cleanup.policy": "delete", "message.timestamp.type": "LogAppendTime" },
 * });
 * console.log(problems); // ['cleanup.policy is "delete", not "compact"']
 * ```
 */
export function controlTopicProblems(topic: TopicDescription): string[] {
  const problems: string[] = [];
  if (topic.partitions.length !== 1) {
    problems.push(`it has ${topic.partitions.length} partitions, not 1`);
  }
  for (const [name, wanted] of Object.entries(CONTROL_TOPIC_CONFIGS)) {
    const actual = topic.configs[name];
    if (actual !== wanted) problems.push(`${name} is ${JSON.stringify(actual)}, not "${wanted}"`);
  }
  return problems;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/** Maps a consumed record to the fold's input; a key that is not UTF-8 can never parse. */
function toLogRecord(record: ConsumerRecord): LogRecord {
  let key: string;
  try {
    key = record.key === null ? "" : strictDecoder.decode(record.key);
  } catch {
    key = `\u0000not-utf8:${
      Array.from(record.key!, (b) => b.toString(16).padStart(2, "0")).join("")
    }`;
  }
  return { offset: record.offset, timestamp: record.timestamp, key, value: record.value };
}

function errorOf(action: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`Cannot ${action}: ${reason}`, { cause: error });
}

async function ensureTopic(options: KafkaControlLogOptions): Promise<void> {
  const admin = await createKafkaAdmin({
    ...options,
    clientId: `${options.clientId}-control-admin`,
  });
  try {
    const rf = options.replicationFactor;
    await admin.createTopic({
      name: options.topic,
      partitions: 1,
      ...(rf === undefined || rf === -1 ? {} : { replicationFactor: rf }),
      configs: CONTROL_TOPIC_CONFIGS,
    });
    const [described] = await admin.describeTopics([options.topic]);
    const problems = controlTopicProblems(described);
    if (problems.length > 0) {
      throw new Error(
        `${problems.join("; ")} (alter the topic, or point config.storage.topic at a new one)`,
      );
    }
  } finally {
    await admin.close().catch(() => {});
  }
}

/**
 * Opens the control log: ensures the topic, reads it from the beginning to
 * its end offset at this moment (folding as it goes), then tails it in the
 * background. Rejects with "Cannot open control topic <t>: <reason>".
 *
 * @example
 * ```ts ignore
 * import { openKafkaControlLog } from "./kafka_control_log.ts";
 * import { encodeControlRecord } from "./records.ts";
 * const log = await openKafkaControlLog({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "w1", topic: "tributary-control",
 * });
 * const offset = await log.append([encodeControlRecord({ type: "connector", name: "x", value: null })]);
 * await log.waitForOffset(offset);
 * await log.close();
 * ```
 */
export async function openKafkaControlLog(
  options: KafkaControlLogOptions,
): Promise<KafkaControlLog> {
  const action = `open control topic ${options.topic}`;
  let reader: KafkaPartitionReader | undefined;
  let producer: KafkaProducer | undefined;
  try {
    options.signal?.throwIfAborted();
    await ensureTopic(options);
    reader = await createKafkaPartitionReader({
      ...options,
      clientId: `${options.clientId}-control-reader`,
      partitions: [{ topic: options.topic, partition: 0, offset: "earliest" }],
      fetchMaxWaitMs: Math.min(options.pollMaxWaitMs ?? 200, 500),
    });
    producer = await createKafkaProducer({
      ...options,
      clientId: `${options.clientId}-control-writer`,
    });
    const folder = new LogFolder(
      new ClusterState({ onUnreadable: options.onUnreadable }),
      options.onError,
    );
    const ends = await reader.endOffsets();
    while (!reader.caughtUp(ends)) {
      options.signal?.throwIfAborted();
      folder.deliver((await reader.poll(500)).map(toLogRecord));
    }
    return new KafkaControlLog(options, reader, producer, folder);
  } catch (error) {
    await reader?.close().catch(() => {});
    await producer?.close().catch(() => {});
    throw errorOf(action, error);
  }
}

/**
 * The Kafka-backed control log; create it with {@linkcode openKafkaControlLog}.
 *
 * @example
 * ```ts ignore
 * import { openKafkaControlLog } from "./kafka_control_log.ts";
 * const log = await openKafkaControlLog({ bootstrapServers: ["127.0.0.1:9092"], clientId: "w", topic: "c" });
 * const off = log.onChange(({ state }) => console.log(state.liveMembers("source")));
 * off();
 * await log.close();
 * ```
 */
export class KafkaControlLog implements ControlLog {
  readonly #topic: string;
  readonly #reader: KafkaPartitionReader;
  readonly #producer: KafkaProducer;
  readonly #folder: LogFolder;
  readonly #onError: (error: Error) => void;
  readonly #pollMaxWaitMs: number;
  readonly #retryBackoffMs: number;
  readonly #stopped = new AbortController();
  readonly #loop: Promise<void>;
  #closing: Promise<void> | undefined;

  /** Starts tailing; use {@linkcode openKafkaControlLog}, which also catches up first. */
  constructor(
    options: KafkaControlLogOptions,
    reader: KafkaPartitionReader,
    producer: KafkaProducer,
    folder: LogFolder,
  ) {
    this.#topic = options.topic;
    this.#reader = reader;
    this.#producer = producer;
    this.#folder = folder;
    this.#onError = options.onError ?? ((e) => console.error(e));
    this.#pollMaxWaitMs = options.pollMaxWaitMs ?? 200;
    this.#retryBackoffMs = options.retryBackoffMs ?? 1000;
    this.#loop = this.#tail();
  }

  async #tail(): Promise<void> {
    const stopped = this.#stopped.signal;
    while (!stopped.aborted) {
      try {
        const records = await this.#reader.poll(this.#pollMaxWaitMs);
        if (stopped.aborted) return;
        this.#folder.deliver(records.map(toLogRecord));
      } catch (error) {
        if (stopped.aborted) return;
        this.#onError(errorOf(`read control topic ${this.#topic}`, error));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#retryBackoffMs);
          stopped.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve();
          }, { once: true });
        });
      }
    }
  }

  /** See `ControlLog.append`. */
  async append(records: readonly EncodedControlRecord[]): Promise<bigint> {
    if (this.#stopped.signal.aborted) {
      throw new Error("Cannot append control records: the control log is closed");
    }
    if (records.length === 0) throw new Error("Cannot append control records: the batch is empty");
    try {
      const metadata = await this.#producer.send(records.map((r) => ({
        topic: this.#topic,
        partition: 0,
        key: encoder.encode(r.key),
        value: r.value,
      })));
      return metadata.at(-1)!.offset;
    } catch (error) {
      throw errorOf("append control records", error);
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

  /** See `ControlLog.close`: stops tailing, closes the reader and the producer. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#stopped.abort();
      this.#folder.close();
      const readerClosed = this.#reader.close(); // also ends a poll in flight
      await this.#loop;
      await Promise.allSettled([readerClosed, this.#producer.close()]);
    })();
    return this.#closing;
  }
}
