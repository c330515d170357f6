/**
 * Kafka's key partitioning: the 32-bit murmur2 hash the Java client's
 * `BuiltInPartitioner` uses, so a keyed record lands on the same partition as
 * it would from Kafka Connect on the JVM. Written with `Math.imul` (the
 * library's own version uses BigInt arithmetic and is far slower on the
 * produce hot path).
 *
 * @example
 * ```ts
 * import { partitionForKey } from "./murmur2.ts";
 * console.log(partitionForKey(new TextEncoder().encode("user-1"), 6)); // 0..5
 * ```
 * @module
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's `Utils.murmur2`: a signed 32-bit hash of the bytes.
 *
 * @example
 * ```ts
 * import { murmur2 } from "./murmur2.ts";
 * console.log(murmur2(new TextEncoder().encode("21"))); // -973932308
 * ```
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const blocks = length >> 2;
  for (let i = 0; i < blocks; i++) {
    const o = i << 2;
    let k = data[o] | (data[o + 1] << 8) | (data[o + 2] << 16) | (data[o + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = blocks << 2;
  const rest = length & 3;
  if (rest === 3) h ^= data[tail + 2] << 16;
  if (rest >= 2) h ^= data[tail + 1] << 8;
  if (rest >= 1) {
    h ^= data[tail];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * The Java client's partition for a key: `toPositive(murmur2(key)) % count`.
 *
 * @example
 * ```ts
 * import { partitionForKey } from "./murmur2.ts";
 * console.log(partitionForKey(new TextEncoder().encode("foobar"), 10));
 * ```
 */
export function partitionForKey(key: Uint8Array, partitionCount: number): number {
  return (murmur2(key) & 0x7fffffff) % partitionCount;
}
