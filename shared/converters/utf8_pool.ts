/**
 * UTF-8 encoding of many small strings without allocating one `ArrayBuffer`
 * each (which costs more than the encoding itself): strings are encoded
 * into a shared slab and returned as views of it, as Node's `Buffer` pool
 * does. Larger strings get their own buffer. {@linkcode Utf8Pool.encodeAsciiFramed}
 * writes a fixed prefix and suffix around the text in the same view, for
 * envelopes (JsonConverter's) without building a concatenated string.
 *
 * A returned array may therefore share its `buffer` with others: use it
 * through `byteOffset`/`byteLength` (as every Kafka client does), and do
 * not write into it.
 *
 * @example
 * ```ts
 * import { Utf8Pool } from "./utf8_pool.ts";
 * const pool = new Utf8Pool();
 * const a = pool.encode("héllo");
 * const b = pool.encode("world");
 * console.log(a.length, new TextDecoder().decode(b), a.buffer === b.buffer); // 6 "world" true
 * ```
 * @module
 */

const encoder = new TextEncoder();

/**
 * A slab allocator for UTF-8 encoded strings; see the module documentation.
 *
 * @example
 * ```ts
 * import { Utf8Pool } from "./utf8_pool.ts";
 * const bytes = new Utf8Pool(1024).encode("x".repeat(1000)); // larger than a slab allows: own buffer
 * console.log(bytes.byteOffset, bytes.buffer.byteLength); // 0 1000
 * ```
 */
export class Utf8Pool {
  readonly #slabSize: number;
  readonly #maxPooled: number;
  #slab: Uint8Array;
  #offset = 0;

  /**
   * @param slabSize bytes per slab (default 256 KiB, so 1 KB lines stay
   *   pooled); strings that could need more than a sixteenth of it are
   *   encoded on their own.
   */
  constructor(slabSize = 256 * 1024) {
    this.#slabSize = slabSize;
    this.#maxPooled = slabSize >> 4;
    this.#slab = new Uint8Array(slabSize);
  }

  /** The UTF-8 bytes of `text` (unpaired surrogates become U+FFFD). */
  encode(text: string): Uint8Array {
    const max = text.length * 3;
    if (max > this.#maxPooled) return encoder.encode(text);
    const offset = this.#reserve(max);
    const out = this.#slab.subarray(offset, offset + max);
    const { written } = encoder.encodeInto(text, out);
    this.#offset = (offset + written + 7) & ~7;
    return out.subarray(0, written);
  }

  /**
   * `prefix`, then `text` (which must be pure ASCII), then `suffix`, as one
   * view; null, with no space used, when `text` has a non-ASCII character or
   * `rejects(bytes, start, end)` refuses its bytes `bytes[start, end)`. One
   * native encoding call, no concatenated string: the fast path of
   * envelopes such as JsonConverter's, whose callers fall back to
   * {@linkcode Utf8Pool.encode} on null.
   *
   * @example
   * ```ts
   * import { Utf8Pool } from "./utf8_pool.ts";
   * const pool = new Utf8Pool();
   * const quote = new Uint8Array([34]);
   * const bytes = pool.encodeAsciiFramed(quote, "plain", quote)!;
   * console.log(new TextDecoder().decode(bytes)); // "\"plain\""
   * console.log(pool.encodeAsciiFramed(quote, "héllo", quote)); // null
   * ```
   */
  encodeAsciiFramed(
    prefix: Uint8Array,
    text: string,
    suffix: Uint8Array,
    rejects?: (bytes: Uint8Array, start: number, end: number) => boolean,
  ): Uint8Array | null {
    const n = text.length;
    const size = prefix.length + n + suffix.length;
    let slab: Uint8Array;
    let offset: number;
    const pooled = size <= this.#maxPooled;
    if (pooled) {
      offset = this.#reserve(size);
      slab = this.#slab;
    } else {
      slab = new Uint8Array(size);
      offset = 0;
    }
    const body = offset + prefix.length;
    // Exactly n bytes of room: every character fits only if all are ASCII.
    const { read, written } = encoder.encodeInto(text, slab.subarray(body, body + n));
    if (read !== n || written !== n) return null;
    if (rejects !== undefined && rejects(slab, body, body + n)) return null;
    copyInto(slab, prefix, offset);
    copyInto(slab, suffix, body + n);
    if (pooled) this.#offset = (offset + size + 7) & ~7;
    return slab.subarray(offset, offset + size);
  }

  /**
   * Where `size` bytes fit in the current slab (a fresh one when they do
   * not); the caller moves `#offset` past what it actually wrote.
   */
  #reserve(size: number): number {
    if (this.#offset + size > this.#slabSize) {
      this.#slab = new Uint8Array(this.#slabSize);
      this.#offset = 0;
    }
    return this.#offset;
  }
}

/** `target.set(source, at)`, by hand for the few bytes of an envelope (cheaper than the call). */
function copyInto(target: Uint8Array, source: Uint8Array, at: number): void {
  const n = source.length;
  if (n > 64) {
    target.set(source, at);
    return;
  }
  for (let i = 0; i < n; i++) target[at + i] = source[i];
}
