/**
 * Base64 as Kafka Connect's JsonConverter writes and reads BYTES (Jackson's
 * default "MIME-NO-LINEFEEDS" variant): the standard alphabet with `=`
 * padding. Reading is as strict as Jackson: padding is required, white space
 * may only separate 4-character units, and any other character is an error.
 *
 * @example
 * ```ts
 * import { decodeBase64, encodeBase64 } from "./base64.ts";
 * console.log(encodeBase64(new Uint8Array([0, 255]))); // "AP8="
 * console.log(decodeBase64("AP8=")); // Uint8Array(2) [ 0, 255 ]
 * ```
 * @module
 */

const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  VALUES["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
}

/**
 * Standard base64 with padding.
 *
 * @example
 * ```ts
 * import { encodeBase64 } from "./base64.ts";
 * console.log(encodeBase64(new TextEncoder().encode("hi"))); // "aGk="
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  return bytes.toBase64();
}

function invalid(text: string, index: number, detail: string): SyntaxError {
  const c = text.charCodeAt(index);
  return new SyntaxError(
    `Cannot decode base64: ${detail} '${text[index]}' (code 0x${c.toString(16)}) at index ${index}`,
  );
}

function sextet(text: string, index: number): number {
  const c = text.charCodeAt(index);
  const v = c < 128 ? VALUES[c] : -1;
  if (v < 0) throw invalid(text, index, "illegal character");
  return v;
}

/**
 * Decodes base64 as Jackson does; throws a `SyntaxError` for anything
 * Jackson rejects.
 *
 * @example
 * ```ts
 * import { decodeBase64 } from "./base64.ts";
 * console.log(decodeBase64("AQID AQ==")); // Uint8Array(4) [ 1, 2, 3, 1 ]
 * try {
 *   decodeBase64("AQ");
 * } catch (err) {
 *   console.log((err as Error).message); // "Cannot decode base64: the input ends without padding"
 * }
 * ```
 */
export function decodeBase64(text: string): Uint8Array {
  if (CANONICAL.test(text)) return Uint8Array.fromBase64(text);
  const out: number[] = [];
  const eof = () => new SyntaxError("Cannot decode base64: the input ends without padding");
  let i = 0;
  while (true) {
    while (i < text.length && text.charCodeAt(i) <= 32) i++;
    if (i >= text.length) break;
    const a = sextet(text, i++);
    if (i >= text.length) throw eof();
    const b = sextet(text, i++);
    if (i >= text.length) throw eof();
    if (text[i] === "=") {
      i++;
      if (i >= text.length) throw eof();
      if (text[i] !== "=") throw invalid(text, i, "expected padding character '=', got");
      i++;
      out.push(((a << 6) | b) >> 4);
      continue;
    }
    const c = sextet(text, i++);
    if (i >= text.length) throw eof();
    if (text[i] === "=") {
      i++;
      const bits = (((a << 6) | b) << 6 | c) >> 2;
      out.push(bits >> 8, bits & 255);
      continue;
    }
    const d = sextet(text, i++);
    const bits = (((a << 6 | b) << 6 | c) << 6) | d;
    out.push(bits >> 16, (bits >> 8) & 255, bits & 255);
  }
  return Uint8Array.from(out);
}
