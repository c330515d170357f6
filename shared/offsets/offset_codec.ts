/**
 * Kafka Connect's source offset records: key `["<connector>",{partition}]`,
 * value `{offset}`, both JSON without schemas, a null value deleting the
 * partition's offset. Tools that read `connect-offsets` read ours.
 *
 * @example
 * ```ts
 * import { decodeOffsetKey, encodeOffsetKey } from "./offset_codec.ts";
 * const key = encodeOffsetKey("fs", { filename: "/tmp/in.txt" });
 * console.log(new TextDecoder().decode(key)); // ["fs",{"filename":"/tmp/in.txt"}]
 * console.log(decodeOffsetKey(key)?.connector); // "fs"
 * ```
 * @module
 */
import type { OffsetMap, OffsetValue } from "../connect/record.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encodes an offsets-topic key.
 *
 * @example
 * ```ts
 * import { encodeOffsetKey } from "./offset_codec.ts";
 * encodeOffsetKey("fs", { filename: "a" }); // bytes of ["fs",{"filename":"a"}]
 * ```
 */
export function encodeOffsetKey(connector: string, partition: OffsetMap): Uint8Array {
  return encoder.encode(JSON.stringify([connector, partition]));
}

/**
 * Encodes an offset value, or null (a tombstone) to delete it.
 *
 * @example
 * ```ts
 * import { encodeOffsetValue } from "./offset_codec.ts";
 * encodeOffsetValue({ position: 30 }); // bytes of {"position":30}
 * ```
 */
export function encodeOffsetValue(offset: OffsetMap | null): Uint8Array | null {
  return offset === null ? null : encoder.encode(JSON.stringify(offset));
}

function isOffsetMap(value: unknown): value is OffsetMap {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.values(value).every((v: OffsetValue) =>
    v === null || ["string", "number", "boolean"].includes(typeof v)
  );
}

/**
 * Decodes a key; null if it is not Kafka Connect's `[connector, partition]`
 * form (such records are skipped, not fatal).
 *
 * @example
 * ```ts
 * import { decodeOffsetKey } from "./offset_codec.ts";
 * decodeOffsetKey(new TextEncoder().encode('["fs",{"filename":"a"}]'));
 * // { connector: "fs", partition: { filename: "a" } }
 * ```
 */
export function decodeOffsetKey(
  bytes: Uint8Array | null,
): { connector: string; partition: OffsetMap } | null {
  if (bytes === null) return null;
  try {
    const parsed = JSON.parse(decoder.decode(bytes));
    if (
      Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === "string" &&
      isOffsetMap(parsed[1])
    ) {
      return { connector: parsed[0], partition: parsed[1] };
    }
  } catch {
    // not JSON: not an offset key
  }
  return null;
}

/**
 * Decodes an offset value: the map, null for a tombstone, or undefined if
 * the bytes are not an offset map.
 *
 * @example
 * ```ts
 * import { decodeOffsetValue } from "./offset_codec.ts";
 * decodeOffsetValue(null); // null
 * ```
 */
export function decodeOffsetValue(bytes: Uint8Array | null): OffsetMap | null | undefined {
  if (bytes === null) return null;
  try {
    const parsed = JSON.parse(decoder.decode(bytes));
    return isOffsetMap(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
