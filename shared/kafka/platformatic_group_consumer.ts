/**
 * `KafkaGroupConsumer`: a consumer-group member (classic protocol, eager
 * round-robin assignment) with manual commits of explicit offsets.
 *
 * Group membership (join, sync, heartbeats, automatic rejoin) is the
 * library's; fetching is the seam's (`platformatic_fetcher.ts`). The library
 * reports each completed (re)join with the new assignment; `poll()` turns the
 * difference into `onPartitionsRevoked` then `onPartitionsAssigned` calls,
 * positions new partitions at the group's committed offset (or per
 * `autoOffsetReset`), and only then fetches.
 *
 * Limitation (library): the library rejoins on its own from its heartbeat
 * timer, so revocation is reported after the rebalance completed, not before
 * it starts; a sink that commits in `onPartitionsRevoked` still commits (the
 * classic coordinator accepts commits from any current member), but the new
 * owner may already have started from the previous commit: at-least-once.
 *
 * @example
 * ```ts ignore
 * import { createKafkaGroupConsumer } from "./platformatic_group_consumer.ts";
 * const consumer = await createKafkaGroupConsumer({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "c", groupId: "g", topics: ["t"],
 * });
 * const records = await consumer.poll(1000);
 * await consumer.close();
 * ```
 * @module
 */
import type { Admin, GroupAssignment } from "@platformatic/kafka";
import { describeServers, toBaseOptions } from "./client_options.ts";
import { verifyConnection } from "./connection_check.ts";
import { isCoordinatorUnavailable, KafkaClientError } from "./errors.ts";
import { toFetcherConfig } from "./fetch_config.ts";
import { plt } from "./platformatic_loader.ts";
import { type LibConsumer, PartitionFetcher, tpKey } from "./platformatic_fetcher.ts";
import { diffAssignments, matchTopics } from "./subscription.ts";
import type {
  ConsumerRecord,
  KafkaGroupConsumer,
  KafkaGroupConsumerOptions,
  PartitionStart,
  RebalanceListener,
  TopicPartition,
  TopicPartitionOffset,
} from "./types.ts";

/**
 * Group defaults.
 *
 * @example
 * ```ts
 * import { GROUP_DEFAULTS } from "./platformatic_group_consumer.ts";
 * console.log(GROUP_DEFAULTS.autoOffsetReset); // "earliest"
 * ```
 */
export const GROUP_DEFAULTS = {
  autoOffsetReset: "earliest",
  sessionTimeoutMs: 45000,
  heartbeatIntervalMs: 3000,
  rebalanceTimeoutMs: 60000,
  topicRefreshIntervalMs: 30000,
} as const;

/**
 * Creates a group member, checks the cluster is reachable and joins the group
 * (the first `poll()` reports the assignment to the listener).
 *
 * @example
 * ```ts ignore
 * import { createKafkaGroupConsumer } from "./platformatic_group_consumer.ts";
 * const consumer = await createKafkaGroupConsumer({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "sink-0", groupId: "connect-sink",
 *   topicPattern: /^orders-.*$/, isolationLevel: "read_committed",
 *   listener: { onPartitionsRevoked: async (tps) => { await flushAndCommit(tps); } },
 * });
 * ```
 */
export async function createKafkaGroupConsumer(
  options: KafkaGroupConsumerOptions,
): Promise<KafkaGroupConsumer> {
  if ((options.topics === undefined) === (options.topicPattern === undefined)) {
    throw new KafkaClientError(
      "configure the Kafka consumer",
      "give exactly one of topics and topicPattern",
    );
  }
  if (!options.groupId) {
    throw new KafkaClientError("configure the Kafka consumer", "groupId is empty");
  }
  const base = toBaseOptions(options);
  const config = toFetcherConfig(
    options,
    options.autoOffsetReset ?? GROUP_DEFAULTS.autoOffsetReset,
  );
  const lib: LibConsumer = new plt.Consumer({
    ...base,
    groupId: options.groupId,
    autocommit: false,
    sessionTimeout: options.sessionTimeoutMs ?? GROUP_DEFAULTS.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs ?? GROUP_DEFAULTS.heartbeatIntervalMs,
    rebalanceTimeout: options.rebalanceTimeoutMs ?? GROUP_DEFAULTS.rebalanceTimeoutMs,
    isolationLevel: config.isolationLevel === "read_committed" ? 1 : 0,
    ...(options.groupInstanceId ? { groupInstanceId: options.groupInstanceId } : {}),
  });
  const admin = options.topicPattern ? new plt.Admin(base) : undefined;
  const consumer = new PlatformaticGroupConsumer(
    lib,
    admin,
    new PartitionFetcher(lib, config),
    options,
  );
  try {
    await verifyConnection(lib, options);
    await consumer.start();
  } catch (error) {
    await consumer.close().catch(() => {});
    throw error;
  }
  return consumer;
}

/**
 * The group member {@linkcode createKafkaGroupConsumer} builds (it checks the
 * connection and calls `start` first). Exported so tests can drive it with a
 * double of the library's consumer.
 *
 * @example
 * ```ts ignore
 * import { PlatformaticGroupConsumer } from "./platformatic_group_consumer.ts";
 * const consumer = new PlatformaticGroupConsumer(lib, undefined, fetcher, {
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "c", groupId: "g", topics: ["t"],
 * });
 * await consumer.start();
 * ```
 */
export class PlatformaticGroupConsumer implements KafkaGroupConsumer {
  readonly groupId: string;
  readonly #lib: LibConsumer;
  readonly #admin: Admin | undefined;
  readonly #fetcher: PartitionFetcher;
  readonly #options: KafkaGroupConsumerOptions;
  readonly #listener: RebalanceListener;
  readonly #where: string;
  #subscription: string[] = [];
  #assigned: TopicPartition[] = [];
  #pending: GroupAssignment[] | undefined;
  #groupError: unknown;
  #nextTopicRefresh = 0;
  /** The last join failed only because the coordinator was unavailable: poll joins again. */
  #joinPending = false;
  #closed = false;

  constructor(
    lib: LibConsumer,
    admin: Admin | undefined,
    fetcher: PartitionFetcher,
    options: KafkaGroupConsumerOptions,
  ) {
    this.groupId = options.groupId;
    this.#lib = lib;
    this.#admin = admin;
    this.#fetcher = fetcher;
    this.#options = options;
    this.#listener = options.listener ?? {};
    this.#where = describeServers(options);
    lib.on("consumer:group:join", (payload) => {
      this.#pending = payload.assignments ?? [];
    });
    // The library emits 'error' when a background rejoin fails; without a
    // listener Node's EventEmitter would throw it out of a timer.
    lib.on("error", (error: unknown) => {
      this.#groupError ??= error;
    });
  }

  async start(): Promise<void> {
    const topics = this.#options.topics ? [...this.#options.topics] : await this.#matchingTopics();
    await this.#subscribe(topics);
  }

  async poll(maxWaitMs = 1000): Promise<ConsumerRecord[]> {
    if (this.#closed) throw new KafkaClientError("poll", "the consumer is closed");
    const deadline = Date.now() + maxWaitMs;
    if (this.#groupError !== undefined) {
      const error = this.#groupError;
      this.#groupError = undefined;
      if (!isCoordinatorUnavailable(error)) {
        throw KafkaClientError.wrap(
          `stay in consumer group ${this.groupId} at ${this.#where}`,
          error,
        );
      }
      this.#coordinatorUnavailable(error);
    }
    if (this.#joinPending) await this.#join();
    if (this.#options.topicPattern && Date.now() >= this.#nextTopicRefresh) {
      const topics = await this.#matchingTopics();
      if (topics.join("\u0000") !== this.#subscription.join("\u0000")) {
        await this.#subscribe(topics);
      }
    }
    await this.#applyAssignment();
    return this.#fetcher.poll(Math.max(0, deadline - Date.now()));
  }

  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    try {
      await this.#lib.commit({
        offsets: offsets.map(({ topic, partition, offset }) => ({
          topic,
          partition,
          offset,
          leaderEpoch: -1,
        })),
      });
    } catch (error) {
      throw KafkaClientError.wrap(
        `commit offsets of consumer group ${this.groupId} at ${this.#where}`,
        error,
      );
    }
  }

  async committed(
    partitions: readonly TopicPartition[],
  ): Promise<Array<TopicPartition & { offset: bigint | null }>> {
    const found = await this.#committedOffsets(partitions);
    return partitions.map((tp) => ({
      topic: tp.topic,
      partition: tp.partition,
      offset: found.get(tpKey(tp)) ?? null,
    }));
  }

  assignment(): TopicPartition[] {
    return this.#assigned.map((tp) => ({ ...tp }));
  }

  subscription(): string[] {
    return [...this.#subscription];
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

  paused(): TopicPartition[] {
    return this.#fetcher.paused();
  }

  async close(options: { leaveGroup?: boolean } = {}): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (options.leaveGroup === false && this.#options.groupInstanceId) {
      // The library leaves the group on close unless it has no member id:
      // forget it, so the static member stays for its successor.
      (this.#lib as unknown as { memberId: string | null }).memberId = null;
    }
    let listenerError: unknown;
    if (this.#assigned.length > 0) {
      try {
        await this.#listener.onPartitionsRevoked?.(this.assignment());
      } catch (error) {
        listenerError = error;
      }
    }
    this.#assigned = [];
    await this.#fetcher.close();
    await this.#lib.close(true).catch(() => {});
    await this.#admin?.close().catch(() => {});
    if (listenerError !== undefined) {
      throw KafkaClientError.wrap(
        "run onPartitionsRevoked while closing the consumer",
        listenerError,
      );
    }
  }

  async #subscribe(topics: string[]): Promise<void> {
    for (const topic of this.#subscription) {
      if (!topics.includes(topic)) this.#lib.topics.untrack(topic);
    }
    for (const topic of topics) {
      if (!this.#subscription.includes(topic)) this.#lib.topics.track(topic);
    }
    this.#subscription = [...topics];
    await this.#join();
  }

  /**
   * Joins the group. When the broker only says the coordinator is
   * unavailable (its partition is still being created, elected or loaded,
   * which can outlast the library's retries on a loaded broker), the join is
   * left pending and `poll` tries again, as the Java consumer keeps
   * rediscovering the coordinator for as long as it runs. Any other failure
   * throws.
   */
  async #join(): Promise<void> {
    this.#joinPending = false;
    try {
      await this.#lib.joinGroup({});
    } catch (error) {
      if (this.#closed || !isCoordinatorUnavailable(error)) {
        throw KafkaClientError.wrap(`join consumer group ${this.groupId} at ${this.#where}`, error);
      }
      this.#coordinatorUnavailable(error);
    }
  }

  #coordinatorUnavailable(error: unknown): void {
    this.#joinPending = true;
    this.#options.onCoordinatorUnavailable?.(
      KafkaClientError.wrap(
        `join consumer group ${this.groupId} at ${this.#where} yet (retrying)`,
        error,
      ),
    );
  }

  async #matchingTopics(): Promise<string[]> {
    const pattern = this.#options.topicPattern!;
    this.#nextTopicRefresh = Date.now() +
      (this.#options.topicRefreshIntervalMs ?? GROUP_DEFAULTS.topicRefreshIntervalMs);
    try {
      return matchTopics(await this.#admin!.listTopics({ includeInternals: false }), pattern);
    } catch (error) {
      throw KafkaClientError.wrap(`list topics matching ${pattern} at ${this.#where}`, error);
    }
  }

  async #applyAssignment(): Promise<void> {
    const next = this.#pending;
    if (next === undefined) return;
    this.#pending = undefined;
    const target: TopicPartition[] = next.flatMap(({ topic, partitions }) =>
      partitions.map((partition) => ({ topic, partition }))
    );
    const { revoked, assigned } = diffAssignments(this.#assigned, target);
    if (revoked.length > 0) {
      this.#fetcher.remove(revoked);
      this.#assigned = this.#assigned.filter((tp) => !revoked.some((r) => tpKey(r) === tpKey(tp)));
      await this.#listener.onPartitionsRevoked?.(revoked);
    }
    if (assigned.length > 0) {
      const committed = await this.#committedOffsets(assigned);
      const policy = this.#options.autoOffsetReset ?? GROUP_DEFAULTS.autoOffsetReset;
      const starts: PartitionStart[] = assigned.map((tp) => {
        const offset = committed.get(tpKey(tp));
        if (offset !== undefined) return { ...tp, offset };
        if (policy === "none") {
          throw new KafkaClientError(
            `start consuming ${tp.topic}-${tp.partition}`,
            `consumer group ${this.groupId} has no committed offset and autoOffsetReset is "none"`,
          );
        }
        return { ...tp, offset: policy };
      });
      await this.#fetcher.assign(starts);
      this.#assigned = [...this.#assigned, ...assigned];
      await this.#listener.onPartitionsAssigned?.(assigned);
    }
  }

  async #committedOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, bigint>> {
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of partitions) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    }
    const found = new Map<string, bigint>();
    if (byTopic.size === 0) return found;
    try {
      const committed = await this.#lib.listCommittedOffsets({
        topics: [...byTopic].map(([topic, list]) => ({ topic, partitions: list })),
      });
      for (const [topic, offsets] of committed) {
        offsets.forEach((offset, partition) => {
          if (offset !== undefined && offset >= 0n) found.set(`${topic}\u0000${partition}`, offset);
        });
      }
    } catch (error) {
      throw KafkaClientError.wrap(
        `read committed offsets of consumer group ${this.groupId} at ${this.#where}`,
        error,
      );
    }
    return found;
  }
}
