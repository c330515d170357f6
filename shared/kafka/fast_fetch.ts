/**
 * The consumers' fast path: Fetch responses (versions 15–17) are parsed
 * like the library parses them, except that each partition's records are
 * decoded by `record_batch_decoder.ts` from one contiguous byte array
 * instead of the library's per-record `Reader` over a multi-chunk buffer
 * with BigInt varints. The response has the library's shape, so the
 * library's fetch sessions and error handling work unchanged, and the
 * fetcher (`platformatic_fetcher.ts`) reads it as before.
 *
 * Installed per consumer instance through `api_override.ts`; other Fetch
 * versions keep the library's parser.
 *
 * @example
 * ```ts ignore
 * import { installFastFetch } from "./fast_fetch.ts";
 * installFastFetch(libConsumer); // before its first fetch
 * ```
 * @module
 */
import { Buffer } from "node:buffer";
import { type LibApi, overrideApi } from "./api_override.ts";
import { plt } from "./platformatic_loader.ts";
import { decodeRecordBatches } from "./record_batch_decoder.ts";
import type { RawBatch, RawRecord } from "./record_decoder.ts";

const SUPPORTED_VERSIONS = new Set([15, 16, 17]);

// The library's reader, as far as this parser uses it.
interface Reader {
  readonly buffer: { slice(start: number, end: number): Uint8Array };
  readonly position: number;
  skip(n: number): void;
  readInt16(): number;
  readInt32(): number;
  readInt64(): bigint;
  readUUID(): string;
  readString(): string;
  readNullableString(): string | null;
  readUnsignedVarInt(): number;
  readArray<T>(fn: (r: Reader, i: number) => T, compact?: boolean, discard?: boolean): T[];
  readNullableArray<T>(fn: (r: Reader) => T): T[] | null;
}

type TaggedHandlers = Record<number, (r: Reader) => void>;
const readTagged = (plt as unknown as {
  readKnownTaggedFields(reader: Reader, handlers: TaggedHandlers): void;
}).readKnownTaggedFields;

/** The library's decoder, for compressed batches. */
function libraryBatch(bytes: Uint8Array): RawBatch {
  const lib = plt as unknown as {
    readRecordsBatch(reader: unknown): RawBatch & { records: RawRecord[] };
    Reader: { from(buffer: Buffer): unknown };
  };
  return lib.readRecordsBatch(
    lib.Reader.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  );
}

const CONTROL = 0x20;

/**
 * Decodes a partition's records as plain `Uint8Array` views (cheaper than
 * `Buffer` views); control records keep `Buffer` keys, which the library's
 * own read_committed filter reads with `readInt16BE`.
 */
function decodeFetched(slice: Uint8Array): RawBatch[] {
  const batches = decodeRecordBatches(
    new Uint8Array(slice.buffer, slice.byteOffset, slice.byteLength),
    libraryBatch,
  );
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    if ((batch.attributes & CONTROL) === 0) continue;
    batches[i] = {
      ...batch,
      records: batch.records.map((record) => ({
        ...record,
        key: record.key && Buffer.from(record.key.buffer, record.key.byteOffset, record.key.length),
      })),
    };
  }
  return batches;
}

function parseResponse(
  _correlationId: number,
  apiKey: number,
  apiVersion: number,
  reader: Reader,
): unknown {
  const errors: [string, [number, null]][] = [];
  const throttleTimeMs = reader.readInt32();
  const errorCode = reader.readInt16();
  if (errorCode !== 0) errors.push(["", [errorCode, null]]);
  const response = {
    throttleTimeMs,
    errorCode,
    sessionId: reader.readInt32(),
    nodeEndpoints: [] as unknown[],
    responses: reader.readArray((r, i) => ({
      topicId: r.readUUID(),
      partitions: r.readArray(
        (r, j) => {
          const partition = {
            partitionIndex: r.readInt32(),
            errorCode: r.readInt16(),
            highWatermark: r.readInt64(),
            lastStableOffset: r.readInt64(),
            logStartOffset: r.readInt64(),
            divergingEpoch: { epoch: -1, endOffset: -1n },
            currentLeader: { leaderId: -1, leaderEpoch: -1 },
            snapshotId: { endOffset: -1n, epoch: -1 },
            abortedTransactions: r.readNullableArray((r) => ({
              producerId: r.readInt64(),
              firstOffset: r.readInt64(),
            })),
            preferredReadReplica: r.readInt32(),
            records: [] as RawBatch[] | null,
          };
          if (partition.errorCode !== 0) {
            errors.push([`/responses/${i}/partitions/${j}`, [partition.errorCode, null]]);
          }
          // COMPACT_RECORDS: length + 1, 0 = null.
          let size = r.readUnsignedVarInt();
          if (size === 0) partition.records = null;
          if (size > 1) {
            size--;
            partition.records = decodeFetched(r.buffer.slice(r.position, r.position + size));
            r.skip(size);
          }
          readTagged(r, {
            0: (r) => {
              partition.divergingEpoch = { epoch: r.readInt32(), endOffset: r.readInt64() };
            },
            1: (r) => {
              partition.currentLeader = { leaderId: r.readInt32(), leaderEpoch: r.readInt32() };
            },
            2: (r) => {
              partition.snapshotId = { endOffset: r.readInt64(), epoch: r.readInt32() };
            },
          });
          return partition;
        },
        true,
        false,
      ),
    })),
  };
  readTagged(reader, {
    0: (r) => {
      response.nodeEndpoints = r.readArray((r) => ({
        nodeId: r.readInt32(),
        host: r.readString(),
        port: r.readInt32(),
        rack: r.readNullableString(),
      }));
    },
  });
  if (errors.length > 0) {
    throw new plt.ResponseError(apiKey, apiVersion, Object.fromEntries(errors), response);
  }
  return response;
}

/**
 * Makes the library consumer `lib` parse Fetch responses with the fast
 * decoder (versions 15–17; others unchanged). Returns false when the
 * library's API lookup cannot be wrapped.
 *
 * @example
 * ```ts ignore
 * import { installFastFetch } from "./fast_fetch.ts";
 * console.log(installFastFetch(lib)); // true
 * ```
 */
export function installFastFetch(lib: object): boolean {
  const apis = new Map<number, LibApi>();
  return overrideApi(lib, "Fetch", (original) => {
    if (!SUPPORTED_VERSIONS.has(original.version)) return original;
    let api = apis.get(original.version);
    if (api === undefined) {
      const module = (plt as unknown as Record<string, { createRequest?: unknown }>)[
        `fetchV${original.version}`
      ];
      if (typeof module?.createRequest !== "function") return original;
      api = plt.createAPI(
        1,
        original.version,
        module.createRequest as never,
        parseResponse as never,
      ) as unknown as LibApi;
      apis.set(original.version, api);
    }
    return api;
  });
}
