/**
 * The Kafka client seam's own interface: every type the workers see. Nothing
 * here mentions the underlying client library; `platformatic_client.ts` is the
 * one implementation, created through the factories re-exported by `mod.ts`.
 *
 * Conventions: offsets are `bigint`; timestamps are milliseconds since the
 * epoch as `number`; keys, values and header values are `Uint8Array | null`.
 *
 * @example
 * ```ts
 * import type { ProducerRecord } from "./types.ts";
 * const record: ProducerRecord = {
 *   topic: "lines",
 *   key: new TextEncoder().encode("k1"),
 *   value: new TextEncoder().encode("hello"),
 * };
 * ```
 * @module
 */

/**
 * How to reach the cluster; every client's options extend this.
 *
 * @example
 * ```ts
 * import type { KafkaConnectionOptions } from "./types.ts";
 * const options: KafkaConnectionOptions = {
 *   bootstrapServers: ["127.0.0.1:9092"],
 *   clientId: "source-worker-1",
 *   connectTimeoutMs: 3000,
 * };
 * ```
 */
export interface KafkaConnectionOptions {
  /** `host:port` pairs; the first reachable one is used to discover the cluster. */
  readonly bootstrapServers: readonly string[];
  /** Sent to the brokers with every request (shows in broker logs and quotas). */
  readonly clientId: string;
  /**
   * Bound on the initial connection check every factory performs, and on each
   * TCP connect. An unreachable cluster fails within about this time.
   * Default 5000.
   */
  readonly connectTimeoutMs?: number;
  /** Client-side timeout of one request/response exchange. Default 30000. */
  readonly requestTimeoutMs?: number;
  /** Retries of retriable failures inside the client. Default 3. */
  readonly retries?: number;
  /** Delay between those retries. Default 250. */
  readonly retryBackoffMs?: number;
  /** How long cached topic metadata (partition counts, leaders) is trusted. Default 5000. */
  readonly metadataMaxAgeMs?: number;
}

/**
 * A topic and one of its partitions.
 *
 * @example
 * ```ts
 * import type { TopicPartition } from "./types.ts";
 * const tp: TopicPartition = { topic: "lines", partition: 0 };
 * ```
 */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * A topic-partition with an offset. As a committed offset it is the offset of
 * the NEXT record to read (last processed offset + 1), as in Kafka.
 *
 * @example
 * ```ts
 * import type { TopicPartitionOffset } from "./types.ts";
 * const next: TopicPartitionOffset = { topic: "lines", partition: 0, offset: 42n };
 * ```
 */
export interface TopicPartitionOffset extends TopicPartition {
  readonly offset: bigint;
}

/**
 * One record header. Keys may repeat; order is kept.
 *
 * @example
 * ```ts
 * import type { RecordHeader } from "./types.ts";
 * const h: RecordHeader = { key: "trace", value: new Uint8Array([1, 2]) };
 * ```
 */
export interface RecordHeader {
  readonly key: string;
  readonly value: Uint8Array | null;
}

/**
 * A record to produce.
 *
 * @example
 * ```ts
 * import type { ProducerRecord } from "./types.ts";
 * const r: ProducerRecord = { topic: "t", partition: 2, key: null, value: new Uint8Array([1]) };
 * ```
 */
export interface ProducerRecord {
  readonly topic: string;
  /**
   * Target partition. When absent: records with a key go to
   * `murmur2(key) % partitions` (the same partition the Java client picks);
   * records without a key stick to one partition per topic per request,
   * rotating between requests (like Java's sticky partitioner).
   */
  readonly partition?: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers?: readonly RecordHeader[];
  /** Create time in ms since the epoch; default: when `send` was called. */
  readonly timestamp?: number;
}

/**
 * Where a produced record landed.
 *
 * @example
 * ```ts
 * import type { RecordMetadata } from "./types.ts";
 * const m: RecordMetadata = { topic: "t", partition: 0, offset: 7n, timestamp: Date.now() };
 * ```
 */
export interface RecordMetadata extends TopicPartitionOffset {
  /**
   * The create timestamp that was sent. For `LogAppendTime` topics the broker
   * replaces it; read the record back to see the broker's time.
   */
  readonly timestamp: number;
}

/**
 * Compression codecs accepted by `KafkaProducerOptions.compression`.
 *
 * @example
 * ```ts
 * import type { CompressionCodec } from "./types.ts";
 * const codec: CompressionCodec = "lz4";
 * ```
 */
export type CompressionCodec = "none" | "gzip" | "snappy" | "lz4";

/**
 * Producer options. The producer is always idempotent with `acks=all`.
 *
 * @example
 * ```ts
 * import type { KafkaProducerOptions } from "./types.ts";
 * const options: KafkaProducerOptions = {
 *   bootstrapServers: ["127.0.0.1:9092"],
 *   clientId: "source-task-0",
 *   lingerMs: 5,
 *   maxBatchBytes: 1_000_000,
 * };
 * ```
 */
export interface KafkaProducerOptions extends KafkaConnectionOptions {
  /**
   * Enables transactions (`beginTransaction`). The broker fences any older
   * producer with the same id when the first transaction begins.
   */
  readonly transactionalId?: string;
  /** Broker-side transaction timeout. Default 60000. */
  readonly transactionTimeoutMs?: number;
  /** How long the broker may wait for `acks=all` on a produce request. Default 30000. */
  readonly produceTimeoutMs?: number;
  /** Default `"none"`. */
  readonly compression?: CompressionCodec;
  /**
   * When > 0, records of `send` calls made within this many ms are coalesced
   * into the same produce requests. Default 0: each `send` is dispatched at
   * once (callers already hand over batches).
   */
  readonly lingerMs?: number;
  /**
   * Upper bound of one partition's record batch in one request (estimated
   * uncompressed bytes). Must stay under the topic's `max.message.bytes`
   * (broker default 1048588). Default 1000000.
   */
  readonly maxBatchBytes?: number;
  /** Upper bound of one produce request (estimated bytes). Default 8 MiB. */
  readonly maxRequestBytes?: number;
  /**
   * Produce requests in flight per broker connection, 1–5 (the broker keeps
   * the last 5 batches per producer for idempotence). Default 1: requests
   * to a broker are serialized, so records stay in call order even when a
   * request is retried. Above 1 (non-transactional producers only) large
   * records travel much faster, but after a failed request (leader change,
   * lost producer state) later requests may be written before its retry:
   * nothing is lost or duplicated by the broker, yet order across those
   * requests is not guaranteed.
   */
  readonly maxInFlightRequests?: number;
}

/**
 * An idempotent (`acks=all`) producer.
 *
 * @example
 * ```ts ignore
 * import { createKafkaProducer } from "./mod.ts";
 * const producer = await createKafkaProducer({ bootstrapServers: ["127.0.0.1:9092"], clientId: "p" });
 * const [meta] = await producer.send([{ topic: "t", key: null, value: new Uint8Array([1]) }]);
 * console.log(meta.partition, meta.offset);
 * await producer.close();
 * ```
 */
export interface KafkaProducer {
  /**
   * Sends many records; resolves with one metadata per record, in input order,
   * once all are acknowledged by all in-sync replicas. Rejects if any part
   * failed (then some records may have been written). Fails while a
   * transaction is open: use the transaction's `send`.
   */
  send(records: readonly ProducerRecord[]): Promise<RecordMetadata[]>;
  /**
   * Like {@linkcode KafkaProducer.send}, resolving once every record is
   * acknowledged but without per-record metadata: for callers that only
   * need the acknowledgement (a source task that does not override
   * `commitRecord`), it saves an object and an offset per record.
   */
  deliver(records: readonly ProducerRecord[]): Promise<void>;
  /** Starts a transaction; needs `transactionalId`. One open transaction at a time. */
  beginTransaction(): Promise<KafkaTransaction>;
  /** Dispatches records waiting for `lingerMs` and waits for every pending send. */
  flush(): Promise<void>;
  /** Flushes, then closes all connections. Idempotent. */
  close(): Promise<void>;
}

/**
 * An open transaction of a transactional producer.
 *
 * @example
 * ```ts ignore
 * const tx = await producer.beginTransaction();
 * try {
 *   await tx.send(records);
 *   await tx.commit();
 * } catch (error) {
 *   await tx.abort();
 *   throw error;
 * }
 * ```
 */
export interface KafkaTransaction {
  readonly transactionalId: string;
  /** Sends records inside the transaction (same contract as `KafkaProducer.send`). */
  send(records: readonly ProducerRecord[]): Promise<RecordMetadata[]>;
  /** Commits: the records become visible to `read_committed` readers. */
  commit(): Promise<void>;
  /** Aborts: `read_committed` readers never see the records. */
  abort(): Promise<void>;
}

/**
 * Timestamp semantics of a consumed record (the topic's `message.timestamp.type`).
 *
 * @example
 * ```ts
 * import type { TimestampType } from "./types.ts";
 * const t: TimestampType = "LogAppendTime";
 * ```
 */
export type TimestampType = "CreateTime" | "LogAppendTime";

/**
 * A consumed record. `key`, `value` and header values are views into the
 * fetched response buffer (no copies): copy them if you keep them for long.
 *
 * @example
 * ```ts
 * import type { ConsumerRecord } from "./types.ts";
 * function describe(r: ConsumerRecord): string {
 *   return `${r.topic}-${r.partition}@${r.offset} (${r.timestampType} ${r.timestamp})`;
 * }
 * ```
 */
export interface ConsumerRecord extends TopicPartitionOffset {
  readonly timestamp: number;
  readonly timestampType: TimestampType;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly RecordHeader[];
}

/**
 * Which records a reader sees: `read_committed` hides records of open and
 * aborted transactions.
 *
 * @example
 * ```ts
 * import type { IsolationLevel } from "./types.ts";
 * const level: IsolationLevel = "read_committed";
 * ```
 */
export type IsolationLevel = "read_uncommitted" | "read_committed";

/**
 * Fetch tuning shared by both consumer kinds.
 *
 * @example
 * ```ts
 * import type { FetchOptions } from "./types.ts";
 * const f: FetchOptions = { isolationLevel: "read_committed", fetchMaxWaitMs: 100 };
 * ```
 */
export interface FetchOptions {
  /** Default `"read_uncommitted"`. */
  readonly isolationLevel?: IsolationLevel;
  /** Longest the broker holds a fetch waiting for `fetchMinBytes`. Default 500. */
  readonly fetchMaxWaitMs?: number;
  /** Default 1. */
  readonly fetchMinBytes?: number;
  /** Per-response limit. Default 50 MiB. */
  readonly fetchMaxBytes?: number;
  /** Per-partition limit in one response. Default 1 MiB (at least one batch is always returned). */
  readonly maxPartitionFetchBytes?: number;
}

/**
 * Where a partition starts when it has no committed offset, or when its
 * offset is out of range (`auto.offset.reset`).
 *
 * @example
 * ```ts
 * import type { OffsetResetPolicy } from "./types.ts";
 * const policy: OffsetResetPolicy = "earliest";
 * ```
 */
export type OffsetResetPolicy = "earliest" | "latest" | "none";

/**
 * Rebalance callbacks. They run inside `poll()` (and `close()`), before any
 * record of a newly assigned partition is returned; `poll()` awaits them.
 *
 * @example
 * ```ts
 * import type { RebalanceListener } from "./types.ts";
 * const listener: RebalanceListener = {
 *   onPartitionsAssigned: (tps) => console.log("open", tps),
 *   onPartitionsRevoked: (tps) => console.log("close", tps),
 * };
 * ```
 */
export interface RebalanceListener {
  onPartitionsAssigned?(partitions: readonly TopicPartition[]): void | Promise<void>;
  onPartitionsRevoked?(partitions: readonly TopicPartition[]): void | Promise<void>;
}

/**
 * Options of a consumer-group member.
 *
 * @example
 * ```ts
 * import type { KafkaGroupConsumerOptions } from "./types.ts";
 * const options: KafkaGroupConsumerOptions = {
 *   bootstrapServers: ["127.0.0.1:9092"],
 *   clientId: "sink-task-0",
 *   groupId: "connect-my-sink",
 *   topics: ["orders"],
 *   isolationLevel: "read_committed",
 * };
 * ```
 */
export interface KafkaGroupConsumerOptions extends KafkaConnectionOptions, FetchOptions {
  readonly groupId: string;
  /** Topics to subscribe to. Give `topics` or `topicPattern`, not both. */
  readonly topics?: readonly string[];
  /**
   * Subscribe to every (non-internal) topic whose whole name matches. The
   * group protocol the client speaks has no server-side regex, so the seam
   * lists topics at start and every `topicRefreshIntervalMs` and rejoins the
   * group when the matching set changes.
   */
  readonly topicPattern?: RegExp;
  /** Default 30000. Only with `topicPattern`. */
  readonly topicRefreshIntervalMs?: number;
  /** Default `"earliest"`. */
  readonly autoOffsetReset?: OffsetResetPolicy;
  /** Default 45000. */
  readonly sessionTimeoutMs?: number;
  /** Default 3000. */
  readonly heartbeatIntervalMs?: number;
  /** Default 60000. */
  readonly rebalanceTimeoutMs?: number;
  /**
   * Static membership (`group.instance.id`): a member that joins with the id
   * of a dead one replaces it at once, without waiting for its session to
   * expire, and fences it. Default none (dynamic membership).
   */
  readonly groupInstanceId?: string;
  readonly listener?: RebalanceListener;
  /**
   * Called when joining (or rejoining) the group gave up for now because the
   * broker answers that the group coordinator is unavailable (its partition
   * of `__consumer_offsets` is being created, elected or loaded). The
   * consumer is not failed: the next `poll` joins again. Use it to log.
   */
  readonly onCoordinatorUnavailable?: (error: Error) => void;
}

/**
 * A consumer-group member with manual commits.
 *
 * @example
 * ```ts ignore
 * import { createKafkaGroupConsumer } from "./mod.ts";
 * const consumer = await createKafkaGroupConsumer({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "c", groupId: "g", topics: ["t"],
 * });
 * const records = await consumer.poll(1000);
 * const last = records.at(-1);
 * if (last) {
 *   await consumer.commit([{ topic: last.topic, partition: last.partition, offset: last.offset + 1n }]);
 * }
 * await consumer.close();
 * ```
 */
export interface KafkaGroupConsumer {
  readonly groupId: string;
  /**
   * Runs pending rebalance callbacks, then returns the next batch of records
   * (in offset order per partition), or an empty array after `maxWaitMs`
   * (default 1000) without data.
   */
  poll(maxWaitMs?: number): Promise<ConsumerRecord[]>;
  /** Commits explicit offsets (each = next offset to read) for the group. */
  commit(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  /** The group's committed offsets; `null` where nothing is committed. */
  committed(
    partitions: readonly TopicPartition[],
  ): Promise<Array<TopicPartition & { offset: bigint | null }>>;
  /** Partitions currently assigned to this member (as of the last `poll`). */
  assignment(): TopicPartition[];
  /** Topics currently subscribed to. */
  subscription(): string[];
  /** Next offset `poll` will return for the partition, if known. */
  position(partition: TopicPartition): bigint | undefined;
  /** Moves the next fetch position of an assigned partition. */
  seek(partition: TopicPartition, offset: bigint): void;
  /** Stops returning records of these partitions until resumed (membership stays). */
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  paused(): TopicPartition[];
  /**
   * Calls `onPartitionsRevoked` for the current assignment, leaves the group,
   * closes. With `leaveGroup: false` a static member (`groupInstanceId`)
   * closes without leaving: a successor joining with the same instance id
   * takes its partitions over without a group rebalance (otherwise the group
   * drops it after its session timeout).
   */
  close(options?: { leaveGroup?: boolean }): Promise<void>;
}

/**
 * Where an assigned partition starts reading.
 *
 * @example
 * ```ts
 * import type { PartitionStart } from "./types.ts";
 * const starts: PartitionStart[] = [
 *   { topic: "connect-offsets", partition: 0, offset: "earliest" },
 *   { topic: "connect-status", partition: 0, offset: 10n },
 * ];
 * ```
 */
export interface PartitionStart extends TopicPartition {
  /** Default `"earliest"`. */
  readonly offset?: bigint | "earliest" | "latest";
}

/**
 * Options of a group-less reader of explicit partitions.
 *
 * @example
 * ```ts
 * import type { KafkaPartitionReaderOptions } from "./types.ts";
 * const options: KafkaPartitionReaderOptions = {
 *   bootstrapServers: ["127.0.0.1:9092"],
 *   clientId: "config-reader",
 *   partitions: [{ topic: "connect-configs", partition: 0 }],
 * };
 * ```
 */
export interface KafkaPartitionReaderOptions extends KafkaConnectionOptions, FetchOptions {
  readonly partitions: readonly PartitionStart[];
}

/**
 * Reads given partitions without a consumer group (no commits, no
 * rebalances): e.g. a compacted internal topic from the beginning, then tail it.
 *
 * @example
 * ```ts ignore
 * import { createKafkaPartitionReader } from "./mod.ts";
 * const reader = await createKafkaPartitionReader({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "r",
 *   partitions: [{ topic: "connect-configs", partition: 0 }],
 * });
 * const end = await reader.endOffsets();
 * while (!reader.caughtUp(end)) {
 *   for (const record of await reader.poll(500)) console.log(record.offset);
 * }
 * await reader.close();
 * ```
 */
export interface KafkaPartitionReader {
  /** Next batch of records, or an empty array after `maxWaitMs` (default 1000). */
  poll(maxWaitMs?: number): Promise<ConsumerRecord[]>;
  /** Replaces the set of partitions read. */
  assign(partitions: readonly PartitionStart[]): Promise<void>;
  assignment(): TopicPartition[];
  /** Next offset `poll` will return for the partition, if known. */
  position(partition: TopicPartition): bigint | undefined;
  seek(partition: TopicPartition, offset: bigint): void;
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  /** Current end offsets (high watermark, or last stable offset under `read_committed`) of the assigned partitions. */
  endOffsets(): Promise<TopicPartitionOffset[]>;
  /** True when every assigned partition's position has reached the given end offsets. */
  caughtUp(endOffsets: readonly TopicPartitionOffset[]): boolean;
  close(): Promise<void>;
}

/**
 * A broker of the cluster.
 *
 * @example
 * ```ts
 * import type { BrokerInfo } from "./types.ts";
 * const b: BrokerInfo = { nodeId: 1, host: "127.0.0.1", port: 9092 };
 * ```
 */
export interface BrokerInfo {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

/**
 * What a connection check learns.
 *
 * @example
 * ```ts
 * import type { KafkaClusterInfo } from "./types.ts";
 * const info: KafkaClusterInfo = { clusterId: "abc", controllerId: 1, brokers: [] };
 * ```
 */
export interface KafkaClusterInfo {
  readonly clusterId: string;
  readonly controllerId: number;
  readonly brokers: readonly BrokerInfo[];
}

/**
 * A topic to create.
 *
 * @example
 * ```ts
 * import type { NewTopic } from "./types.ts";
 * const topic: NewTopic = {
 *   name: "connect-offsets",
 *   partitions: 25,
 *   replicationFactor: 3,
 *   configs: { "cleanup.policy": "compact" },
 * };
 * ```
 */
export interface NewTopic {
  readonly name: string;
  /** Default: the broker's `num.partitions`. */
  readonly partitions?: number;
  /** Default: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  readonly configs?: Readonly<Record<string, string>>;
}

/**
 * One partition of a described topic.
 *
 * @example
 * ```ts
 * import type { PartitionDescription } from "./types.ts";
 * const p: PartitionDescription = { partition: 0, leader: 1, replicas: [1], isr: [1] };
 * ```
 */
export interface PartitionDescription {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

/**
 * A described topic: partitions and effective configs (all of them, with
 * defaults resolved by the broker).
 *
 * @example
 * ```ts
 * import type { TopicDescription } from "./types.ts";
 * function isCompacted(t: TopicDescription): boolean {
 *   return (t.configs["cleanup.policy"] ?? "").split(",").includes("compact");
 * }
 * ```
 */
export interface TopicDescription {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: readonly PartitionDescription[];
  readonly configs: Readonly<Record<string, string | null>>;
}

/**
 * Administrative operations.
 *
 * @example
 * ```ts ignore
 * import { createKafkaAdmin } from "./mod.ts";
 * const admin = await createKafkaAdmin({ bootstrapServers: ["127.0.0.1:9092"], clientId: "a" });
 * await admin.createTopic({ name: "t", partitions: 3, replicationFactor: 1 });
 * console.log(await admin.endOffsets(["t"]));
 * await admin.close();
 * ```
 */
export interface KafkaAdmin {
  clusterInfo(): Promise<KafkaClusterInfo>;
  /** Creates the topic unless it exists. Resolves true if this call created it. */
  createTopic(topic: NewTopic): Promise<boolean>;
  /** Names of the non-internal topics. */
  listTopics(): Promise<string[]>;
  /** Fails naming the first topic that does not exist. */
  describeTopics(topics: readonly string[]): Promise<TopicDescription[]>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /**
   * Latest offsets (offset of the next record to be written). A string target
   * means every partition of that topic. `read_committed` gives the last
   * stable offset instead of the high watermark.
   */
  endOffsets(
    targets: readonly (string | TopicPartition)[],
    isolationLevel?: IsolationLevel,
  ): Promise<TopicPartitionOffset[]>;
  /** Earliest offsets still in the log (log start offsets). */
  beginningOffsets(targets: readonly (string | TopicPartition)[]): Promise<TopicPartitionOffset[]>;
  /** Committed offsets of a group (all partitions it committed, or only the given ones). */
  listConsumerGroupOffsets(
    groupId: string,
    partitions?: readonly TopicPartition[],
  ): Promise<TopicPartitionOffset[]>;
  /** Overwrites committed offsets; the group must have no active members. */
  alterConsumerGroupOffsets(
    groupId: string,
    offsets: readonly TopicPartitionOffset[],
  ): Promise<void>;
  /** Removes committed offsets; the group must not be consuming those topics. */
  deleteConsumerGroupOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<void>;
  /** Deletes an empty group and its offsets. Resolves false if it did not exist. */
  deleteConsumerGroup(groupId: string): Promise<boolean>;
  /** Ids of all consumer groups. */
  listConsumerGroups(): Promise<string[]>;
  close(): Promise<void>;
}
