/**
 * `KafkaProducer` on top of the library's `Producer`: idempotent, `acks=all`,
 * batched, optionally transactional.
 *
 * Hot path of `send(records)`: one metadata lookup (cached by the library),
 * one planning pass (`produce_planner.ts`), then one library `send` per
 * planned request, all dispatched at once (no per-record await). Keys,
 * values and header values are wrapped as `Buffer` views over the caller's
 * bytes, never copied; the library copies them once, into the request.
 *
 * @example
 * ```ts ignore
 * import { createKafkaProducer } from "./platformatic_producer.ts";
 * const producer = await createKafkaProducer({ bootstrapServers: ["127.0.0.1:9092"], clientId: "p" });
 * await producer.send([{ topic: "t", key: null, value: new Uint8Array([1]) }]);
 * await producer.close();
 * ```
 * @module
 */
import { Buffer } from "node:buffer";
import type { MessageToProduce, Producer, ProduceResult } from "@platformatic/kafka";
import { describeServers, toBaseOptions } from "./client_options.ts";
import { verifyConnection } from "./connection_check.ts";
import { KafkaClientError } from "./errors.ts";
import { installFastProduce, PendingBatch } from "./fast_produce.ts";
import { allowInFlightRequests } from "./inflight_requests.ts";
import { plt } from "./platformatic_loader.ts";
import { planProduce, type ProduceChunk, recordOffsets } from "./produce_planner.ts";
import type {
  KafkaProducer,
  KafkaProducerOptions,
  KafkaTransaction,
  ProducerRecord,
  RecordMetadata,
} from "./types.ts";

type Bytes = Buffer | null;
type LibProducer = Producer<Bytes, Bytes, Buffer, Bytes>;
type LibTransaction = Awaited<ReturnType<LibProducer["beginTransaction"]>>;
type LibMessage = MessageToProduce<Bytes, Bytes, Buffer, Bytes>;

/**
 * Defaults of the producer-specific options.
 *
 * @example
 * ```ts
 * import { PRODUCER_DEFAULTS } from "./platformatic_producer.ts";
 * console.log(PRODUCER_DEFAULTS.maxBatchBytes); // 1000000
 * ```
 */
export const PRODUCER_DEFAULTS = {
  transactionTimeoutMs: 60000,
  produceTimeoutMs: 30000,
  lingerMs: 0,
  maxBatchBytes: 1_000_000,
  maxRequestBytes: 8 * 1024 * 1024,
  maxInFlightRequests: 1,
} as const;

/**
 * Creates a producer and checks the cluster is reachable (fails within
 * `connectTimeoutMs` with "Cannot connect to Kafka at ...").
 *
 * @example
 * ```ts ignore
 * import { createKafkaProducer } from "./platformatic_producer.ts";
 * const producer = await createKafkaProducer({
 *   bootstrapServers: ["127.0.0.1:9092"], clientId: "p", transactionalId: "task-0",
 * });
 * const tx = await producer.beginTransaction();
 * await tx.send([{ topic: "t", key: null, value: new Uint8Array([1]) }]);
 * await tx.commit();
 * await producer.close();
 * ```
 */
export async function createKafkaProducer(options: KafkaProducerOptions): Promise<KafkaProducer> {
  const base = toBaseOptions(options);
  const transactional = options.transactionalId !== undefined;
  if (transactional && options.transactionalId === "") {
    throw new KafkaClientError("configure the Kafka producer", "transactionalId is empty");
  }
  const lib: LibProducer = new plt.Producer<Bytes, Bytes, Buffer, Bytes>({
    ...base,
    idempotent: true,
    acks: -1,
    // The library uses one `timeout` for the produce request's ack timeout and
    // for InitProducerId's transaction timeout: a transactional producer needs
    // the transaction timeout there (the library default of 5 s would abort
    // any transaction open longer than that).
    timeout: transactional
      ? options.transactionTimeoutMs ?? PRODUCER_DEFAULTS.transactionTimeoutMs
      : options.produceTimeoutMs ?? PRODUCER_DEFAULTS.produceTimeoutMs,
    ...(transactional ? { transactionalId: options.transactionalId } : {}),
    compression: options.compression ?? "none",
  });
  const inFlight = options.maxInFlightRequests ?? PRODUCER_DEFAULTS.maxInFlightRequests;
  if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 5) {
    await lib.close().catch(() => {});
    throw new KafkaClientError(
      "configure the Kafka producer",
      `maxInFlightRequests must be an integer from 1 to 5, got ${inFlight}`,
    );
  }
  // Transactions keep the library's one request at a time.
  if (!transactional) allowInFlightRequests(lib, inFlight);
  let fast = false;
  try {
    await verifyConnection(lib, options);
    // Our own record-batch encoding (see fast_produce.ts), uncompressed only.
    if ((options.compression ?? "none") === "none") fast = await installFastProduce(lib);
  } catch (error) {
    await lib.close().catch(() => {});
    throw error;
  }
  return new PlatformaticProducer(lib, options, fast);
}

interface Lingering {
  readonly records: readonly ProducerRecord[];
  resolve(value: RecordMetadata[]): void;
  reject(error: unknown): void;
}

class PlatformaticProducer implements KafkaProducer {
  readonly #lib: LibProducer;
  readonly #options: KafkaProducerOptions;
  readonly #limits: { maxBatchBytes: number; maxRequestBytes: number };
  readonly #lingerMs: number;
  readonly #sticky = new Map<string, number>();
  readonly #pending = new Set<Promise<unknown>>();
  #lingering: Lingering[] = [];
  #lingeringBytes = 0;
  #lingerTimer: ReturnType<typeof setTimeout> | undefined;
  #transaction: PlatformaticTransaction | undefined;
  #closed = false;
  readonly #fast: boolean;

  constructor(lib: LibProducer, options: KafkaProducerOptions, fast: boolean) {
    this.#lib = lib;
    this.#fast = fast;
    this.#options = options;
    this.#limits = {
      maxBatchBytes: options.maxBatchBytes ?? PRODUCER_DEFAULTS.maxBatchBytes,
      maxRequestBytes: options.maxRequestBytes ?? PRODUCER_DEFAULTS.maxRequestBytes,
    };
    this.#lingerMs = options.lingerMs ?? PRODUCER_DEFAULTS.lingerMs;
  }

  send(records: readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    if (this.#closed) return Promise.reject(closedError("produce"));
    if (this.#transaction) {
      return Promise.reject(
        new KafkaClientError("produce", "a transaction is open: send through the transaction"),
      );
    }
    if (records.length === 0) return Promise.resolve([]);
    if (this.#lingerMs <= 0) return this.#track(this.dispatch(records, undefined));
    return this.#track(
      new Promise<RecordMetadata[]>((resolve, reject) => {
        this.#lingering.push({ records, resolve, reject });
        for (const record of records) {
          this.#lingeringBytes += (record.value?.length ?? 0) + (record.key?.length ?? 0);
        }
        if (this.#lingeringBytes >= this.#limits.maxRequestBytes) {
          this.#flushLingering();
        } else if (this.#lingerTimer === undefined) {
          this.#lingerTimer = setTimeout(() => this.#flushLingering(), this.#lingerMs);
        }
      }),
    );
  }

  deliver(records: readonly ProducerRecord[]): Promise<void> {
    if (this.#closed || this.#transaction || records.length === 0 || this.#lingerMs > 0) {
      return this.send(records).then(() => {});
    }
    return this.#track(this.dispatch(records, undefined, false)).then(() => {});
  }

  async beginTransaction(): Promise<KafkaTransaction> {
    const transactionalId = this.#options.transactionalId;
    if (this.#closed) throw closedError("begin a transaction");
    if (transactionalId === undefined) {
      throw new KafkaClientError("begin a transaction", "the producer has no transactionalId");
    }
    if (this.#transaction) {
      throw new KafkaClientError("begin a transaction", "a transaction is already open");
    }
    await this.flush();
    try {
      const tx = await this.#lib.beginTransaction();
      this.#transaction = new PlatformaticTransaction(this, tx, transactionalId);
      return this.#transaction;
    } catch (error) {
      throw KafkaClientError.wrap(
        `begin a transaction (transactional id ${transactionalId})`,
        error,
      );
    }
  }

  async flush(): Promise<void> {
    this.#flushLingering();
    while (this.#pending.size > 0) {
      await Promise.allSettled([...this.#pending]);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    const open = this.#transaction;
    if (open) await open.abort().catch(() => {});
    await this.#lib.close(true).catch(() => {});
  }

  /** Ends the transaction bookkeeping (called by the transaction). */
  transactionEnded(tx: PlatformaticTransaction): void {
    if (this.#transaction === tx) this.#transaction = undefined;
  }

  /**
   * Plans and sends records, through `tx` when given; with `metadata` false
   * the result is empty (no per-record metadata is built).
   */
  async dispatch(
    records: readonly ProducerRecord[],
    tx: LibTransaction | undefined,
    metadata = true,
  ): Promise<RecordMetadata[]> {
    const topics = topicsOf(records);
    const action = `produce to ${topics.join(", ")} at ${describeServers(this.#options)}`;
    try {
      const cluster = await this.#lib.metadata({ topics });
      const counts = new Map<string, number>();
      for (const topic of topics) {
        counts.set(topic, cluster.topics.get(topic)?.partitionsCount ?? 0);
      }
      const plan = planProduce(records, counts, this.#limits, this.#sticky);
      const now = Date.now();
      const nowBig = BigInt(now);
      const results = new Array<RecordMetadata>(metadata ? records.length : 0);
      await Promise.all(plan.chunks.map(async (chunk) => {
        const messages = this.#fast
          ? toBatchMessages(chunk, records, plan.partitions, now)
          : toMessages(chunk, records, plan.partitions, nowBig);
        const produced: ProduceResult = tx
          ? await tx.send({ messages })
          : await this.#lib.send({ messages });
        if (!metadata) return;
        const offsets = recordOffsets(chunk, records, plan.partitions, produced.offsets ?? []);
        for (let i = 0; i < chunk.indexes.length; i++) {
          const index = chunk.indexes[i];
          const record = records[index];
          results[index] = {
            topic: record.topic,
            partition: plan.partitions[index],
            offset: offsets[i],
            timestamp: record.timestamp ?? now,
          };
        }
      }));
      return results;
    } catch (error) {
      throw KafkaClientError.wrap(action, error);
    }
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#pending.add(promise);
    const forget = () => this.#pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  #flushLingering(): void {
    clearTimeout(this.#lingerTimer);
    this.#lingerTimer = undefined;
    const batch = this.#lingering;
    if (batch.length === 0) return;
    this.#lingering = [];
    this.#lingeringBytes = 0;
    const all = batch.length === 1 ? batch[0].records : batch.flatMap((entry) => entry.records);
    this.dispatch(all, undefined).then(
      (metadata) => {
        let start = 0;
        for (const entry of batch) {
          entry.resolve(metadata.slice(start, start + entry.records.length));
          start += entry.records.length;
        }
      },
      (error) => {
        for (const entry of batch) entry.reject(error);
      },
    );
  }
}

class PlatformaticTransaction implements KafkaTransaction {
  readonly transactionalId: string;
  readonly #producer: PlatformaticProducer;
  readonly #tx: LibTransaction;
  readonly #pending = new Set<Promise<unknown>>();
  #sent = false;
  #ended = false;

  constructor(producer: PlatformaticProducer, tx: LibTransaction, transactionalId: string) {
    this.#producer = producer;
    this.#tx = tx;
    this.transactionalId = transactionalId;
  }

  send(records: readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    if (this.#ended) {
      return Promise.reject(
        new KafkaClientError("produce in the transaction", "the transaction has ended"),
      );
    }
    if (records.length === 0) return Promise.resolve([]);
    this.#sent = true;
    const promise = this.#producer.dispatch(records, this.#tx);
    this.#pending.add(promise);
    const forget = () => this.#pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  commit(): Promise<void> {
    return this.#end(true);
  }

  abort(): Promise<void> {
    return this.#end(false);
  }

  async #end(commit: boolean): Promise<void> {
    const action = `${
      commit ? "commit" : "abort"
    } the transaction (transactional id ${this.transactionalId})`;
    if (this.#ended) throw new KafkaClientError(action, "the transaction has already ended");
    const sends = await Promise.allSettled([...this.#pending]);
    const failed = sends.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (commit && failed) {
      throw new KafkaClientError(action, "a send in the transaction failed; abort it instead", {
        cause: failed.reason,
      });
    }
    try {
      if (!this.#sent) {
        // Nothing was written: no partition joined the transaction, so there
        // is nothing for the broker to end (EndTxn would be refused).
        await this.#tx.cancel();
      } else if (commit) {
        await this.#tx.commit();
      } else {
        await this.#tx.abort();
      }
    } catch (error) {
      throw KafkaClientError.wrap(action, error);
    }
    this.#ended = true;
    this.#producer.transactionEnded(this);
  }
}

function topicsOf(records: readonly ProducerRecord[]): string[] {
  let last = "";
  const topics = new Set<string>();
  for (const record of records) {
    if (record.topic !== last) {
      last = record.topic;
      topics.add(last);
    }
  }
  return [...topics];
}

function toMessages(
  chunk: ProduceChunk,
  records: readonly ProducerRecord[],
  partitions: readonly number[],
  now: bigint,
): LibMessage[] {
  const messages = new Array<LibMessage>(chunk.indexes.length);
  for (let i = 0; i < chunk.indexes.length; i++) {
    const index = chunk.indexes[i];
    const record = records[index];
    const message: LibMessage = {
      topic: record.topic,
      partition: partitions[index],
      key: asBuffer(record.key),
      value: asBuffer(record.value),
      timestamp: record.timestamp === undefined ? now : BigInt(record.timestamp),
    };
    if (record.headers && record.headers.length > 0) {
      // Distinct Buffer objects as Map keys keep repeated header keys.
      const headers = new Map<Buffer, Bytes>();
      for (const header of record.headers) {
        headers.set(Buffer.from(header.key, "utf8"), asBuffer(header.value));
      }
      message.headers = headers;
    }
    messages[i] = message;
  }
  return messages;
}

/**
 * One message per partition of the chunk, its value a {@linkcode PendingBatch}
 * of that partition's records in chunk order (the fast path).
 */
function toBatchMessages(
  chunk: ProduceChunk,
  records: readonly ProducerRecord[],
  partitions: readonly number[],
  now: number,
): LibMessage[] {
  const indexes = chunk.indexes;
  const first = indexes[0];
  let single = true;
  for (let i = 1; i < indexes.length; i++) {
    const index = indexes[i];
    if (partitions[index] !== partitions[first] || records[index].topic !== records[first].topic) {
      single = false;
      break;
    }
  }
  const batchOf = (list: ProducerRecord[], record: ProducerRecord, partition: number) =>
    ({
      topic: record.topic,
      partition,
      key: null,
      value: new PendingBatch(list, now) as unknown as Buffer,
    }) satisfies LibMessage;
  if (single) {
    const list = indexes.length === records.length ? records as ProducerRecord[] : indexes.map((
      i,
    ) => records[i]);
    return [batchOf(list, records[first], partitions[first])];
  }
  const groups = new Map<
    string,
    { record: ProducerRecord; partition: number; list: ProducerRecord[] }
  >();
  for (const index of indexes) {
    const record = records[index];
    const key = `${record.topic}\u0000${partitions[index]}`;
    const group = groups.get(key);
    if (group) group.list.push(record);
    else groups.set(key, { record, partition: partitions[index], list: [record] });
  }
  return [...groups.values()].map((g) => batchOf(g.list, g.record, g.partition));
}

function asBuffer(bytes: Uint8Array | null | undefined): Bytes {
  if (bytes === null || bytes === undefined) return null;
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function closedError(action: string): KafkaClientError {
  return new KafkaClientError(action, "the producer is closed");
}
