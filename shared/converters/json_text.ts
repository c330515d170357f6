/**
 * Writing JSON strings exactly as Jackson's UTF-8 generator does, so that
 * the bytes match Kafka Connect's: `"` and `\` are escaped, control
 * characters use `\b \t \n \f \r` or `\u00XX` (upper-case hex), and every
 * UTF-16 surrogate — paired or not — is written as a `\uXXXX` escape
 * (`😀` becomes `\uD83D\uDE00`). Everything else, including `/`, DEL and
 * U+2028, is written as is.
 *
 * @example
 * ```ts
 * import { quoteJsonString } from "./json_text.ts";
 * console.log(quoteJsonString('say "hi"\n'), quoteJsonString("😀")); // "\"say \\\"hi\\\"\\n\"" "\"\\uD83D\\uDE00\""
 * ```
 * @module
 */

// deno-lint-ignore no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
// deno-lint-ignore no-control-regex
const NEEDS_MANUAL = /[\u0000-\u001f\ud800-\udfff]/;
const HEX = "0123456789ABCDEF";
const SHORT_ESCAPES: Record<number, string> = {
  8: "\\b",
  9: "\\t",
  10: "\\n",
  12: "\\f",
  13: "\\r",
  34: '\\"',
  92: "\\\\",
};

function unicodeEscape(code: number): string {
  return "\\u" + HEX[code >>> 12] + HEX[(code >>> 8) & 15] + HEX[(code >>> 4) & 15] +
    HEX[code & 15];
}

/**
 * The JSON string literal of `value`, as Jackson writes it (see the module
 * documentation). The result is pure ASCII plus BMP characters, so it
 * encodes to UTF-8 without replacement characters.
 *
 * @example
 * ```ts
 * import { quoteJsonString } from "./json_text.ts";
 * console.log(quoteJsonString("a\u0001b")); // "\"a\\u0001b\""
 * ```
 */
export function quoteJsonString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return '"' + value + '"';
  // Only quotes and backslashes: JSON.stringify escapes them the same way.
  if (!NEEDS_MANUAL.test(value)) return JSON.stringify(value);
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let escape: string | undefined;
    if (c < 32 || c === 34 || c === 92) escape = SHORT_ESCAPES[c] ?? unicodeEscape(c);
    else if (c >= 0xd800 && c <= 0xdfff) escape = unicodeEscape(c);
    if (escape !== undefined) {
      out += value.slice(start, i) + escape;
      start = i + 1;
    }
  }
  return out + value.slice(start) + '"';
}

/** A 32-bit view of the last buffer scanned by {@linkcode asciiNeedsJsonEscape}. */
let words: Uint32Array = new Uint32Array(0);
let wordsOf: ArrayBufferLike | null = null;

function isEscaped(c: number): boolean {
  return c < 0x20 || c === 0x22 || c === 0x5c;
}

/**
 * Whether the bytes `bytes[start, end)` hold a character that a JSON string
 * must escape: `"`, `\` or a control character (below 0x20). Exact for any
 * bytes: those of 0x80 and above (UTF-8 sequences) never count.
 * Scans four bytes at a time (text lines are often a kilobyte, where a
 * RegExp costs several times more than encoding them).
 *
 * @example
 * ```ts
 * import { asciiNeedsJsonEscape } from "./json_text.ts";
 * const bytes = new TextEncoder().encode('plain text, then "quoted"');
 * console.log(asciiNeedsJsonEscape(bytes, 0, 11), asciiNeedsJsonEscape(bytes, 0, bytes.length)); // false true
 * ```
 */
export function asciiNeedsJsonEscape(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  // Byte-wise up to a 4-byte boundary of the underlying buffer.
  const base = bytes.byteOffset;
  while (i < end && ((base + i) & 3) !== 0) {
    if (isEscaped(bytes[i])) return true;
    i++;
  }
  if (end - i >= 16) {
    const buffer = bytes.buffer;
    if (wordsOf !== buffer) {
      words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
      wordsOf = buffer;
    }
    const w = words;
    const first = (base + i) >>> 2;
    const last = (base + end) >>> 2;
    for (let k = first; k < last; k++) {
      const x = w[k];
      // Any byte below 0x20, equal to 0x22 or equal to 0x5c sets its top bit
      // here (the classic "has less than" / "has zero" word tricks, exact as
      // a yes/no answer for any bytes).
      const q = x ^ 0x22222222;
      const b = x ^ 0x5c5c5c5c;
      if (
        ((((x - 0x20202020) & ~x) | ((q - 0x01010101) & ~q) | ((b - 0x01010101) & ~b)) &
          0x80808080) !== 0
      ) {
        return true;
      }
    }
    i = (last << 2) - base;
  }
  for (; i < end; i++) if (isEscaped(bytes[i])) return true;
  return false;
}
