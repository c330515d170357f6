/**
 * The producer's fast path: the library keeps doing everything around a
 * Produce request (idempotent producer id, metadata, connections, retries,
 * transactions), but sees one message per partition instead of one per
 * record. That message's value is a {@linkcode PendingBatch}; the Produce
 * API the library uses is replaced on this producer instance by one that
 * encodes each pending batch with `record_batch_encoder.ts` when the
 * request is written.
 *
 * Why: the library encodes every record with a `Writer`/`DynamicBuffer`, a
 * BigInt varint and a `Buffer.concat` (about 3.5 µs and several allocations
 * per record, synchronous on the event loop), and builds two `Map`s and a
 * message object per record before that. Profiles of the source worker put
 * most of its time and garbage there.
 *
 * Sequence numbers: the library counts one per message, so this module
 * keeps its own per partition (counting records), assigned when a request
 * is encoded, i.e. in the order requests reach the connection, and reset
 * whenever the producer id or epoch changes (the library re-initializes the
 * producer after a fatal sequence error). A retried request reuses its
 * encoding, hence its sequence, as long as the producer id is unchanged.
 *
 * How the API is replaced: `api_override.ts` wraps the library's API lookup
 * on the one producer instance, for `Produce` versions 9–11 (the flexible
 * ones it knows). When the lookup or a supported version is missing,
 * {@linkcode installFastProduce} returns false and the producer keeps the
 * library's own per-record path.
 *
 * @example
 * ```ts ignore
 * import { installFastProduce, PendingBatch } from "./fast_produce.ts";
 * if (await installFastProduce(lib)) {
 *   await lib.send({ messages: [{ topic: "t", partition: 0, value: new PendingBatch(records) }] });
 * }
 * ```
 * @module
 */
import { Buffer } from "node:buffer";
import { apiVersion, type LibApi, overrideApi } from "./api_override.ts";
import { crc32c } from "./crc32c.ts";
import { plt } from "./platformatic_loader.ts";
import { encodeRecordBatch } from "./record_batch_encoder.ts";
import type { ProducerRecord } from "./types.ts";

/**
 * The records of one partition in one request, encoded when the request is
 * written (and kept for a retry by the same producer id).
 *
 * @example
 * ```ts
 * import { PendingBatch } from "./fast_produce.ts";
 * const batch = new PendingBatch([{ topic: "t", key: null, value: new Uint8Array(1) }], Date.now());
 * console.log(batch.records.length); // 1
 * ```
 */
export class PendingBatch {
  /** The encoding, with the producer identity it was made for. */
  encoded: { producerId: bigint; producerEpoch: number; bytes: Buffer } | undefined;

  /** `now` is the timestamp of records without one. */
  constructor(readonly records: readonly ProducerRecord[], readonly now: number) {}
}

interface LibMessage {
  topic: string;
  partition: number;
  value: unknown;
}

interface ProduceOptions {
  producerId?: bigint;
  producerEpoch?: number;
  transactionalId?: string;
  compression?: string;
}

const SUPPORTED_VERSIONS = new Set([9, 10, 11]);
const MAX_SEQUENCE = 0x7fffffff;

/** Per-partition sequence numbers of one producer identity. */
class Sequences {
  #identity = "";
  readonly #next = new Map<string, number>();

  /** Takes `count` sequence numbers of `topic`-`partition` for the producer. */
  take(producerId: bigint, producerEpoch: number, key: string, count: number): number {
    const identity = `${producerId}:${producerEpoch}`;
    if (identity !== this.#identity) {
      this.#identity = identity;
      this.#next.clear();
    }
    const first = this.#next.get(key) ?? 0;
    const next = first + count;
    this.#next.set(key, next > MAX_SEQUENCE ? next - MAX_SEQUENCE - 1 : next);
    return first;
  }
}

function createRequest(sequences: Sequences) {
  return (acks: number, timeout: number, messages: LibMessage[], options: ProduceOptions = {}) => {
    const producerId = options.producerId ?? -1n;
    const producerEpoch = options.producerEpoch ?? -1;
    const idempotent = producerId >= 0n;
    const byTopic = new Map<string, LibMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic);
      if (list) list.push(message);
      else byTopic.set(message.topic, [message]);
    }
    const writer = plt.Writer.create()
      .appendString(options.transactionalId)
      .appendInt16(acks)
      .appendInt32(timeout)
      .appendArray([...byTopic], (w, [topic, list]) => {
        w.appendString(topic).appendArray(list, (w, message) => {
          const batch = message.value as PendingBatch;
          let encoded = batch.encoded;
          if (
            encoded === undefined || encoded.producerId !== producerId ||
            encoded.producerEpoch !== producerEpoch
          ) {
            const baseSequence = idempotent
              ? sequences.take(
                producerId,
                producerEpoch,
                `${topic}\u0000${message.partition}`,
                batch.records.length,
              )
              : -1;
            const bytes = encodeRecordBatch(batch.records, {
              producerId,
              producerEpoch,
              baseSequence,
              transactional: options.transactionalId !== undefined &&
                options.transactionalId !== null,
              now: batch.now,
            }, crc32c);
            encoded = batch.encoded = {
              producerId,
              producerEpoch,
              bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
            };
          }
          w.appendInt32(message.partition)
            .appendUnsignedVarInt(encoded.bytes.length + 1)
            .append(encoded.bytes);
        });
      })
      .appendTaggedFields();
    if (acks === 0) writer.context.noResponse = true;
    return writer;
  };
}

/**
 * Replaces the Produce API of one library producer with the fast one;
 * resolves true when the broker's Produce version is supported (the caller
 * must then send {@linkcode PendingBatch} values), false when the producer
 * keeps the library's path.
 *
 * @example
 * ```ts ignore
 * import { installFastProduce } from "./fast_produce.ts";
 * const fast = await installFastProduce(lib);
 * ```
 */
export async function installFastProduce(lib: object): Promise<boolean> {
  const version = await apiVersion(lib, "Produce");
  if (version === undefined || fastProduceApi(version, new Sequences()) === undefined) return false;
  // One sequence table per producer, whichever version a broker asks for.
  const sequences = new Sequences();
  const apis = new Map<number, LibApi | undefined>();
  return overrideApi(lib, "Produce", (original) => {
    if (!apis.has(original.version)) {
      apis.set(original.version, fastProduceApi(original.version, sequences));
    }
    return apis.get(original.version) ?? original;
  });
}

function fastProduceApi(version: number, sequences: Sequences): LibApi | undefined {
  if (!SUPPORTED_VERSIONS.has(version)) return undefined;
  const module = (plt as unknown as Record<string, { parseResponse?: unknown }>)[
    `produceV${version}`
  ];
  if (typeof module?.parseResponse !== "function") return undefined;
  return plt.createAPI(
    0,
    version,
    createRequest(sequences) as never,
    module.parseResponse as never,
  ) as unknown as LibApi;
}
