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
