/**
 * The fetch loop shared by the group consumer and the partition reader.
 *
 * It drives the library's low-level `Consumer.fetch()` itself instead of the
 * library's `MessagesStream`, because the seam needs what the stream does not
 * give: batches handed out on `poll()`, per-partition pause/resume and seek,
 * a correct `read_committed` filter and the `LogAppendTime` timestamp (see
 * `record_decoder.ts`), and offsets that only advance when records are
 * returned. One fetch per leader broker is in flight at a time, on a
 * connection pool of its own so long-polling fetches never delay heartbeats
 * or commits on the main connections. A fetch that outlives a `poll()` stays
 * in flight; its data is returned by the next `poll()` if the partition is
 * still assigned, unpaused and at the same position, and dropped otherwise.
 *
 * @example
 * ```ts ignore
 * const fetcher = new PartitionFetcher(libConsumer, config);
 * await fetcher.assign([{ topic: "t", partition: 0, offset: "earliest" }]);
 * const records = await fetcher.poll(1000);
 * await fetcher.close();
 * ```
 * @module
 */
import type { ConnectionPool, Consumer } from "@platformatic/kafka";
import { cancellableDelay } from "./deadline.ts";
import { errorCodes, KafkaClientError } from "./errors.ts";
import { installFastFetch } from "./fast_fetch.ts";
import { plt } from "./platformatic_loader.ts";
import { type AbortedTransaction, decodePartition, type RawBatch } from "./record_decoder.ts";
import type {
  ConsumerRecord,
  IsolationLevel,
  OffsetResetPolicy,
  PartitionStart,
  TopicPartition,
  TopicPartitionOffset,
} from "./types.ts";

/**
 * The library consumer type the seam uses (raw `Buffer` keys and values).
 *
 * @example
 * ```ts ignore
 * const lib: LibConsumer = new plt.Consumer({ clientId: "c", groupId: "g", bootstrapBrokers: ["h:9092"] });
 * ```
 */
export type LibConsumer = Consumer;

/**
 * Settings of a fetcher (defaults applied by the caller).
 *
 * @example
 * ```ts
 * import type { FetcherConfig } from "./platformatic_fetcher.ts";
 * const config: FetcherConfig = {
 *   isolationLevel: "read_committed", fetchMaxWaitMs: 500, fetchMinBytes: 1,
 *   fetchMaxBytes: 52428800, maxPartitionFetchBytes: 1048576, resetPolicy: "earliest",
 *   retryBackoffMs: 250, where: "127.0.0.1:9092", clientId: "c", connectTimeoutMs: 5000,
 *   requestTimeoutMs: 30000,
 * };
 * ```
 */
export interface FetcherConfig {
  readonly isolationLevel: IsolationLevel;
  readonly fetchMaxWaitMs: number;
  readonly fetchMinBytes: number;
  readonly fetchMaxBytes: number;
  readonly maxPartitionFetchBytes: number;
  readonly resetPolicy: OffsetResetPolicy;
  readonly retryBackoffMs: number;
  /** The bootstrap servers, for error messages. */
  readonly where: string;
  /** For the fetch connections. */
  readonly clientId: string;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/**
 * Fetch defaults (Java consumer defaults, except `fetchMaxWaitMs`).
 *
 * @example
 * ```ts
 * import { FETCH_DEFAULTS } from "./platformatic_fetcher.ts";
 * console.log(FETCH_DEFAULTS.maxPartitionFetchBytes); // 1048576
 * ```
 */
export const FETCH_DEFAULTS = {
  isolationLevel: "read_uncommitted",
  fetchMaxWaitMs: 500,
  fetchMinBytes: 1,
  fetchMaxBytes: 50 * 1024 * 1024,
  maxPartitionFetchBytes: 1024 * 1024,
} as const;

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  position: bigint | undefined;
  paused: boolean;
}

interface CompletedFetch {
  readonly response: FetchResponseLike;
  readonly requested: Map<string, bigint>;
  readonly topicNames: Map<string, string>;
}

interface FetchResponseLike {
  responses: {
    topicId: string;
    partitions: {
      partitionIndex: number;
      errorCode: number;
      abortedTransactions: AbortedTransaction[] | null;
      records?: RawBatch[] | null;
    }[];
  }[];
}

/** Partition errors after which a fresh metadata lookup and a retry usually succeed. */
const RETRIABLE_PARTITION_ERRORS = new Set([3, 5, 6, 56, 74, 78, 100]);
const OFFSET_OUT_OF_RANGE = 1;
const MAX_CONSECUTIVE_FAILURES = 5;

/**
 * Topic-partition map key.
 *
 * @example
 * ```ts
 * import { tpKey } from "./platformatic_fetcher.ts";
 * console.log(tpKey({ topic: "t", partition: 3 })); // "t\u00003"
 * ```
 */
export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}

/**
 * Fetches assigned partitions in batches; see the module doc.
 *
 * @example
 * ```ts ignore
 * const fetcher = new PartitionFetcher(lib, config);
 * await fetcher.assign([{ topic: "t", partition: 0, offset: 0n }]);
 * for (const r of await fetcher.poll(500)) console.log(r.offset);
 * ```
 */
export class PartitionFetcher {
  readonly #lib: LibConsumer;
  readonly #config: FetcherConfig;
  readonly #pool: ConnectionPool;
  readonly #partitions = new Map<string, PartitionState>();
  readonly #inflight = new Map<number, Promise<void>>();
  #completed: CompletedFetch[] = [];
  #failure: unknown;
  #failures = 0;
  #needsReset = new Set<string>();
  #wake: (() => void) | undefined;
  #closed = false;

  constructor(lib: LibConsumer, config: FetcherConfig) {
    this.#lib = lib;
    this.#config = config;
    // Our own record decoding of Fetch responses (see fast_fetch.ts).
    installFastFetch(lib);
    // A pool of its own: a fetch long-polls for up to fetchMaxWaitMs and a
    // broker answers one request per connection at a time.
    this.#pool = new plt.ConnectionPool(config.clientId, {
      connectTimeout: config.connectTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
    });
  }

  /** Adds partitions (replacing the position of ones already assigned), resolving symbolic starts. */
  async assign(starts: readonly PartitionStart[]): Promise<void> {
    const symbolic: PartitionStart[] = [];
    for (const start of starts) {
      if (!this.#lib.topics.has(start.topic)) this.#lib.topics.track(start.topic);
      const key = tpKey(start);
      const state = this.#partitions.get(key) ??
        { topic: start.topic, partition: start.partition, position: undefined, paused: false };
      this.#partitions.set(key, state);
      const offset = start.offset ?? "earliest";
      if (typeof offset === "bigint") {
        state.position = offset;
      } else {
        state.position = undefined;
        symbolic.push({ ...start, offset });
      }
    }
    const earliest = symbolic.filter((s) => s.offset === "earliest");
    const latest = symbolic.filter((s) => s.offset === "latest");
    await this.#resolve(earliest, -2n);
    await this.#resolve(latest, -1n);
    this.#wakeUp();
  }

  /** Stops fetching these partitions and forgets their positions. */
  remove(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      this.#partitions.delete(tpKey(tp));
      this.#needsReset.delete(tpKey(tp));
    }
    this.#wakeUp();
  }

  assignment(): TopicPartition[] {
    return [...this.#partitions.values()].map(({ topic, partition }) => ({ topic, partition }));
  }

  position(tp: TopicPartition): bigint | undefined {
    return this.#partitions.get(tpKey(tp))?.position;
  }

  seek(tp: TopicPartition, offset: bigint): void {
    const state = this.#partitions.get(tpKey(tp));
    if (!state) {
      throw new KafkaClientError(
        `seek ${tp.topic}-${tp.partition}`,
        "the partition is not assigned",
      );
    }
    if (offset < 0n) {
      throw new KafkaClientError(
        `seek ${tp.topic}-${tp.partition}`,
        `offset ${offset} is negative`,
      );
    }
    state.position = offset;
    this.#needsReset.delete(tpKey(tp));
    this.#wakeUp();
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      const state = this.#partitions.get(tpKey(tp));
      if (state) state.paused = true;
    }
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      const state = this.#partitions.get(tpKey(tp));
      if (state) state.paused = false;
    }
    this.#wakeUp();
  }

  paused(): TopicPartition[] {
    return [...this.#partitions.values()].filter((s) => s.paused).map(({ topic, partition }) => ({
      topic,
      partition,
    }));
  }

  /** End offsets of the assigned partitions (LSO under read_committed). */
  async endOffsets(): Promise<TopicPartitionOffset[]> {
    const partitions = this.assignment();
    const listed = await this.#listOffsets(partitions, -1n);
    return partitions.map((tp) => ({ ...tp, offset: listed.get(tpKey(tp)) ?? 0n }));
  }

  /**
   * Returns the next records, or `[]` once `maxWaitMs` passed without any.
   * Throws a `KafkaClientError` on a non-retriable fetch failure.
   */
  async poll(maxWaitMs: number): Promise<ConsumerRecord[]> {
    const deadline = Date.now() + Math.max(0, maxWaitMs);
    while (!this.#closed) {
      await this.#resetPending();
      const records = this.#drain();
      if (records.length > 0) {
        // Prefetch: the next fetch travels while the caller handles these.
        await this.#startFetches();
        return records;
      }
      if (this.#failure !== undefined) {
        const failure = this.#failure;
        this.#failure = undefined;
        throw KafkaClientError.wrap(`fetch records from Kafka at ${this.#config.where}`, failure);
      }
      await this.#startFetches();
      const remaining = deadline - Date.now();
      if (remaining <= 0) return [];
      await this.#waitForData(remaining);
      if (Date.now() >= deadline && this.#completed.length === 0) return [];
    }
    return [];
  }

  /** Stops fetching: closes the fetch connections and waits for in-flight fetches to settle. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#wakeUp();
    await new Promise<void>((resolve) => this.#pool.close(() => resolve()));
    await Promise.allSettled([...this.#inflight.values()]);
    this.#completed = [];
  }

  #drain(): ConsumerRecord[] {
    if (this.#completed.length === 0) return [];
    const completed = this.#completed;
    this.#completed = [];
    const out: ConsumerRecord[] = [];
    const readCommitted = this.#config.isolationLevel === "read_committed";
    for (const fetch of completed) {
      for (const topicResponse of fetch.response.responses) {
        const topic = fetch.topicNames.get(topicResponse.topicId);
        if (topic === undefined) continue;
        for (const p of topicResponse.partitions) {
          const key = `${topic}\u0000${p.partitionIndex}`;
          const requested = fetch.requested.get(key);
          const state = this.#partitions.get(key);
          // Not asked for in this request (fetch sessions may echo others),
          // revoked, paused, or moved by a seek since: drop.
          if (requested === undefined || !state || state.paused || state.position !== requested) {
            continue;
          }
          if (p.errorCode !== 0) {
            this.#partitionError(key, p.errorCode);
            continue;
          }
          const decoded = decodePartition({
            topic,
            partition: p.partitionIndex,
            fetchOffset: requested,
            readCommitted,
            abortedTransactions: p.abortedTransactions,
            batches: p.records,
          });
          state.position = decoded.nextOffset;
          for (const record of decoded.records) out.push(record);
        }
      }
    }
    return out;
  }

  #partitionError(key: string, code: number): void {
    if (code === OFFSET_OUT_OF_RANGE) {
      this.#needsReset.add(key);
    } else if (RETRIABLE_PARTITION_ERRORS.has(code)) {
      this.#lib.clearMetadata();
    } else {
      const state = this.#partitions.get(key);
      this.#failure ??= new Error(
        `${state?.topic}-${state?.partition}: broker error ${
          plt.protocolErrorsCodesById[code] ?? code
        }`,
      );
    }
  }

  async #resetPending(): Promise<void> {
    if (this.#needsReset.size === 0) return;
    const partitions = [...this.#needsReset].map((key) => this.#partitions.get(key))
      .filter((s): s is PartitionState => s !== undefined);
    this.#needsReset.clear();
    const policy = this.#config.resetPolicy;
    if (policy === "none") {
      this.#failure ??= new Error(
        `offset out of range for ${
          partitions.map((p) => `${p.topic}-${p.partition}`).join(", ")
        } ` +
          `and autoOffsetReset is "none"`,
      );
      return;
    }
    await this.#resolve(partitions, policy === "earliest" ? -2n : -1n);
  }

  async #resolve(partitions: readonly TopicPartition[], timestamp: bigint): Promise<void> {
    if (partitions.length === 0) return;
    const listed = await this.#listOffsets(partitions, timestamp);
    for (const tp of partitions) {
      const state = this.#partitions.get(tpKey(tp));
      const offset = listed.get(tpKey(tp));
      if (state && offset !== undefined) state.position = offset;
    }
  }

  async #listOffsets(
    partitions: readonly TopicPartition[],
    timestamp: bigint,
  ): Promise<Map<string, bigint>> {
    const result = new Map<string, bigint>();
    if (partitions.length === 0) return result;
    const byTopic: Record<string, number[]> = {};
    for (const { topic, partition } of partitions) (byTopic[topic] ??= []).push(partition);
    try {
      const offsets = await this.#lib.listOffsets({
        topics: Object.keys(byTopic),
        partitions: byTopic,
        timestamp,
        isolationLevel: this.#config.isolationLevel === "read_committed" ? 1 : 0,
      });
      for (const [topic, list] of offsets) {
        list.forEach((offset, partition) => {
          if (offset !== undefined) result.set(`${topic}\u0000${partition}`, offset);
        });
      }
    } catch (error) {
      throw KafkaClientError.wrap(
        `read offsets of ${Object.keys(byTopic).join(", ")} at ${this.#config.where}`,
        error,
      );
    }
    return result;
  }

  async #startFetches(): Promise<void> {
    const fetchable = [...this.#partitions.values()].filter((s) =>
      !s.paused && s.position !== undefined && !this.#needsReset.has(tpKey(s))
    );
    if (fetchable.length === 0) return;
    let metadata;
    try {
      metadata = await this.#lib.metadata({ topics: [...new Set(fetchable.map((s) => s.topic))] });
    } catch (error) {
      this.#failed(error);
      return;
    }
    const byNode = new Map<number, PartitionState[]>();
    for (const state of fetchable) {
      const leader = metadata.topics.get(state.topic)?.partitions[state.partition]?.leader;
      if (leader === undefined || leader < 0 || this.#inflight.has(leader)) continue;
      const list = byNode.get(leader) ?? [];
      list.push(state);
      byNode.set(leader, list);
    }
    for (const [node, states] of byNode) {
      const requested = new Map<string, bigint>();
      const topicNames = new Map<string, string>();
      const topics = new Map<string, { topicId: string; partitions: FetchPartition[] }>();
      for (const state of states) {
        const topicId = metadata.topics.get(state.topic)!.id;
        topicNames.set(topicId, state.topic);
        requested.set(tpKey(state), state.position!);
        const entry = topics.get(topicId) ?? { topicId, partitions: [] };
        entry.partitions.push({
          partition: state.partition,
          fetchOffset: state.position!,
          partitionMaxBytes: this.#config.maxPartitionFetchBytes,
          currentLeaderEpoch: -1,
          lastFetchedEpoch: -1,
        });
        topics.set(topicId, entry);
      }
      const request = this.#lib.fetch(
        {
          node,
          topics: [...topics.values()],
          maxWaitTime: this.#config.fetchMaxWaitMs,
          minBytes: this.#config.fetchMinBytes,
          maxBytes: this.#config.fetchMaxBytes,
          isolationLevel: this.#config.isolationLevel === "read_committed" ? 1 : 0,
          connectionPool: this.#pool,
        } as Parameters<LibConsumer["fetch"]>[0],
      ).then(
        (response) => {
          this.#failures = 0;
          this.#completed.push({
            response: response as unknown as FetchResponseLike,
            requested,
            topicNames,
          });
        },
        (error) => {
          const response = findResponse(error);
          if (response) {
            this.#failures = 0;
            this.#completed.push({ response, requested, topicNames });
          } else {
            this.#failed(error);
          }
        },
      ).finally(() => {
        this.#inflight.delete(node);
        this.#wakeUp();
      });
      this.#inflight.set(node, request);
    }
  }

  #failed(error: unknown): void {
    if (this.#closed) return;
    this.#lib.clearMetadata();
    const retriable = errorCodes(error).length === 0 &&
      (error as { canRetry?: boolean }).canRetry !== false;
    this.#failures++;
    if (!retriable || this.#failures >= MAX_CONSECUTIVE_FAILURES) {
      this.#failures = 0;
      this.#failure ??= error;
    }
  }

  async #waitForData(remaining: number): Promise<void> {
    const waits: Promise<unknown>[] = [...this.#inflight.values()];
    const delay = cancellableDelay(
      waits.length === 0 || this.#failures > 0
        ? Math.min(remaining, this.#config.retryBackoffMs)
        : remaining,
    );
    waits.push(delay.promise);
    waits.push(new Promise<void>((resolve) => (this.#wake = resolve)));
    try {
      await Promise.race(waits);
    } finally {
      delay.cancel();
      this.#wake = undefined;
    }
  }

  #wakeUp(): void {
    this.#wake?.();
  }
}

interface FetchPartition {
  partition: number;
  fetchOffset: bigint;
  partitionMaxBytes: number;
  currentLeaderEpoch: number;
  lastFetchedEpoch: number;
}

/** A fetch that failed on some partitions still carries the whole response. */
function findResponse(error: unknown, depth = 0): FetchResponseLike | undefined {
  if (!(error instanceof Error) || depth > 5) return undefined;
  const response = (error as { response?: unknown }).response;
  if (
    response && typeof response === "object" &&
    Array.isArray((response as FetchResponseLike).responses)
  ) {
    return response as FetchResponseLike;
  }
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const child of nested) {
      const found = findResponse(child, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
