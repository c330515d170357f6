/**
 * UTF-8 encoding of many small strings without allocating one `ArrayBuffer`
 * each (which costs more than the encoding itself): strings are encoded
 * into a shared slab and returned as views of it, as Node's `Buffer` pool
 * does. Larger strings get their own buffer.
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
   * @param slabSize bytes per slab (default 32 KiB); strings that could need
   *   more than a sixteenth of it are encoded on their own.
   */
  constructor(slabSize = 32 * 1024) {
    this.#slabSize = slabSize;
    this.#maxPooled = slabSize >> 4;
    this.#slab = new Uint8Array(slabSize);
  }

  /** The UTF-8 bytes of `text` (unpaired surrogates become U+FFFD). */
  encode(text: string): Uint8Array {
    const max = text.length * 3;
    if (max > this.#maxPooled) return encoder.encode(text);
    let offset = this.#offset;
    if (offset + max > this.#slabSize) {
      this.#slab = new Uint8Array(this.#slabSize);
      offset = 0;
    }
    const out = this.#slab.subarray(offset, offset + max);
    const { written } = encoder.encodeInto(text, out);
    this.#offset = (offset + written + 7) & ~7;
    return out.subarray(0, written);
  }
}
