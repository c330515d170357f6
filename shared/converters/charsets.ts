/**
 * Character sets as Java's `String.getBytes(charset)` and
 * `new String(bytes, charset)` use them, which is what Kafka Connect's
 * `StringConverter` (`converter.encoding`) does: UTF-8, UTF-16 (with a
 * byte-order mark), UTF-16BE, UTF-16LE, ISO-8859-1 and US-ASCII.
 *
 * Java's replacement rules are kept: encoding an unpaired surrogate (or, in
 * single-byte sets, any character the set lacks) writes `?` (U+FFFD in the
 * UTF-16 sets); decoding bad input gives U+FFFD, with Java's (not the Web's)
 * idea of how many bytes one U+FFFD replaces; a UTF-8 byte-order mark is
 * kept, as Java keeps it.
 *
 * @example
 * ```ts
 * import { charset } from "./charsets.ts";
 * const latin1 = charset("iso-8859-1")!;
 * console.log(latin1.encode("é😀"), latin1.decode(new Uint8Array([0xe9]))); // Uint8Array(2) [ 233, 63 ] "é"
 * ```
 * @module
 */
import { StrictUtf8Decoder } from "./utf8_decoder.ts";

/**
 * Encodes strings to bytes and back.
 *
 * @example
 * ```ts
 * import { charset, type Charset } from "./charsets.ts";
 * const utf16: Charset = charset("UTF-16")!;
 * console.log(utf16.name, utf16.encode("a")); // "UTF-16" Uint8Array(4) [ 254, 255, 0, 97 ]
 * ```
 */
export interface Charset {
  /** Java's canonical name, e.g. `UTF-8`. */
  readonly name: string;
  /** Encodes as Java's `String.getBytes`. */
  encode(text: string): Uint8Array;
  /** Decodes as Java's `new String(bytes, charset)`. */
  decode(bytes: Uint8Array): string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const encoder = new TextEncoder();
const strictUtf8 = new StrictUtf8Decoder({ ignoreBOM: true });
const utf16be = new TextDecoder("utf-16be", { ignoreBOM: true });
const utf16le = new TextDecoder("utf-16le", { ignoreBOM: true });

function isContinuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

/**
 * Java's UTF-8 decoding of invalid input: each malformed sequence becomes
 * one U+FFFD, its length decided as Java's decoder decides it.
 */
function decodeUtf8Replacing(bytes: Uint8Array): string {
  let out = "";
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b1 = bytes[i];
    if (b1 < 0x80) {
      out += String.fromCharCode(b1);
      i++;
    } else if (b1 >= 0xc2 && b1 <= 0xdf) {
      if (i + 1 >= n) {
        out += "\ufffd";
        i = n;
      } else if (!isContinuation(bytes[i + 1])) {
        out += "\ufffd";
        i++;
      } else {
        out += String.fromCharCode(((b1 & 0x1f) << 6) | (bytes[i + 1] & 0x3f));
        i += 2;
      }
    } else if (b1 >= 0xe0 && b1 <= 0xef) {
      const bad2 = (b: number) => (b1 === 0xe0 && (b & 0xe0) === 0x80) || !isContinuation(b);
      if (n - i < 3) {
        out += "\ufffd";
        i = n - i > 1 && bad2(bytes[i + 1]) ? i + 1 : n;
        continue;
      }
      const b2 = bytes[i + 1];
      const b3 = bytes[i + 2];
      if (bad2(b2) || !isContinuation(b3)) {
        out += "\ufffd";
        i += bad2(b2) ? 1 : 2;
        continue;
      }
      const c = ((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      out += c >= 0xd800 && c <= 0xdfff ? "\ufffd" : String.fromCharCode(c);
      i += 3;
    } else if (b1 >= 0xf0 && b1 <= 0xf7) {
      const bad2 = (b: number) =>
        b1 > 0xf4 || (b1 === 0xf0 && (b < 0x90 || b > 0xbf)) ||
        (b1 === 0xf4 && (b & 0xf0) !== 0x80) || !isContinuation(b);
      const remaining = n - i;
      if (remaining < 4) {
        out += "\ufffd";
        if (remaining > 1 && bad2(bytes[i + 1])) i += 1;
        else if (remaining > 2 && !isContinuation(bytes[i + 2])) i += 2;
        else i = n;
        continue;
      }
      const b2 = bytes[i + 1];
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      const cp = ((b1 & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((b3 & 0x3f) << 6) | (b4 & 0x3f);
      if (
        !isContinuation(b2) || !isContinuation(b3) || !isContinuation(b4) || cp < 0x10000 ||
        cp > 0x10ffff
      ) {
        out += "\ufffd";
        i += bad2(b2) ? 1 : !isContinuation(b3) ? 2 : 3;
        continue;
      }
      out += String.fromCodePoint(cp);
      i += 4;
    } else {
      out += "\ufffd";
      i++;
    }
  }
  return out;
}

const UTF_8: Charset = {
  name: "UTF-8",
  encode: (text) => encoder.encode(text.isWellFormed() ? text : text.replace(LONE_SURROGATE, "?")),
  decode(bytes) {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return decodeUtf8Replacing(bytes);
    }
  },
};

function encodeUtf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  const offset = bom ? 2 : 0;
  const out = new Uint8Array(offset + wellFormed.length * 2);
  const view = new DataView(out.buffer);
  if (bom && wellFormed.length > 0) view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < wellFormed.length; i++) {
    view.setUint16(offset + i * 2, wellFormed.charCodeAt(i), littleEndian);
  }
  return bom && wellFormed.length === 0 ? new Uint8Array(0) : out;
}

const UTF_16: Charset = {
  name: "UTF-16",
  encode: (text) => encodeUtf16(text, false, true),
  decode(bytes) {
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
      return utf16be.decode(bytes.subarray(2));
    }
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
      return utf16le.decode(bytes.subarray(2));
    }
    return utf16be.decode(bytes);
  },
};

const UTF_16BE: Charset = {
  name: "UTF-16BE",
  encode: (text) => encodeUtf16(text, false, false),
  decode: (bytes) => utf16be.decode(bytes),
};

const UTF_16LE: Charset = {
  name: "UTF-16LE",
  encode: (text) => encodeUtf16(text, true, false),
  decode: (bytes) => utf16le.decode(bytes),
};

function singleByte(name: string, max: number): Charset {
  return {
    name,
    encode(text) {
      const out: number[] = [];
      for (const ch of text) {
        const c = ch.codePointAt(0)!;
        out.push(c <= max ? c : 63);
      }
      return Uint8Array.from(out);
    },
    decode(bytes) {
      let out = "";
      for (let i = 0; i < bytes.length; i += 8192) {
        const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => b <= max ? b : 0xfffd);
        out += String.fromCharCode(...chunk);
      }
      return out;
    },
  };
}

const ISO_8859_1 = singleByte("ISO-8859-1", 0xff);
const US_ASCII = singleByte("US-ASCII", 0x7f);

const BY_NAME = new Map<string, Charset>();
for (
  const [charset, aliases] of [
    [UTF_8, ["UTF-8", "UTF8", "UNICODE-1-1-UTF-8"]],
    [UTF_16, ["UTF-16", "UTF16", "UTF_16", "UNICODE"]],
    [UTF_16BE, ["UTF-16BE", "UTF_16BE", "X-UTF-16BE", "ISO-10646-UCS-2", "UNICODEBIGUNMARKED"]],
    [UTF_16LE, ["UTF-16LE", "UTF_16LE", "X-UTF-16LE", "UNICODELITTLEUNMARKED"]],
    [ISO_8859_1, [
      "ISO-8859-1",
      "ISO8859-1",
      "ISO8859_1",
      "ISO_8859_1",
      "ISO_8859-1",
      "LATIN1",
      "L1",
      "8859_1",
      "CP819",
      "IBM819",
      "ISO-IR-100",
      "CSISOLATIN1",
    ]],
    [US_ASCII, [
      "US-ASCII",
      "ASCII",
      "US",
      "ISO646-US",
      "ASCII7",
      "646",
      "CP367",
      "IBM367",
      "DEFAULT",
    ]],
  ] as const
) {
  for (const alias of aliases) BY_NAME.set(alias, charset);
}

/**
 * The charsets supported, by canonical name.
 *
 * @example
 * ```ts
 * import { SUPPORTED_CHARSETS } from "./charsets.ts";
 * console.log(SUPPORTED_CHARSETS); // ["UTF-8", "UTF-16", "UTF-16BE", "UTF-16LE", "ISO-8859-1", "US-ASCII"]
 * ```
 */
export const SUPPORTED_CHARSETS: readonly string[] = [
  UTF_8.name,
  UTF_16.name,
  UTF_16BE.name,
  UTF_16LE.name,
  ISO_8859_1.name,
  US_ASCII.name,
];

/**
 * The charset with this Java name or alias (any case), or undefined.
 *
 * @example
 * ```ts
 * import { charset } from "./charsets.ts";
 * console.log(charset("utf8")?.name, charset("EBCDIC")); // "UTF-8" undefined
 * ```
 */
export function charset(name: string): Charset | undefined {
  return BY_NAME.get(name.trim().toUpperCase());
}
