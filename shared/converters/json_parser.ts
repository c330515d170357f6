/**
 * A JSON parser that loses nothing (see `./json_node.ts` for the tree) and
 * accepts what Kafka Connect's Jackson setup accepts:
 *
 * - strict JSON, except that numbers may have leading zeros (`007`);
 * - only the first value is read: trailing content is ignored, except that
 *   a number at the top level must be followed by white space or the end;
 * - nesting deeper than 1000 and numbers longer than 1000 characters are
 *   rejected (Jackson's `StreamReadConstraints` defaults);
 * - empty (or all white space) input is a missing value: `undefined`.
 *
 * {@linkcode parseJsonEnvelope} reads a `{"schema":...,"payload":...}`
 * envelope without building the schema's tree: it returns the schema's
 * source text instead, for a cache keyed by that text (and skips a schema
 * text it is told it has already seen).
 *
 * @example
 * ```ts
 * import { parseJson } from "./json_parser.ts";
 * const node = parseJson('{"id": 9007199254740993, "price": 12.340, "tags": ["a"]}');
 * console.log(node); // Map(3) { "id" => 9007199254740993n, "price" => JsonFloat { text: "12.340" }, "tags" => [ "a" ] }
 * ```
 * @module
 */
import { JsonFloat, type JsonNode, type JsonObject } from "./json_node.ts";

/** Jackson's `StreamReadConstraints` defaults. */
const MAX_DEPTH = 1000;
const MAX_NUMBER_LENGTH = 1000;

/**
 * Invalid JSON, with the offset (in UTF-16 code units) where it was found.
 *
 * @example
 * ```ts
 * import { JsonParseError, parseJson } from "./json_parser.ts";
 * try {
 *   parseJson('{"a":}');
 * } catch (err) {
 *   console.log(err instanceof JsonParseError, (err as JsonParseError).offset); // true 5
 * }
 * ```
 */
export class JsonParseError extends SyntaxError {
  /** Where in the text the problem is. */
  readonly offset: number;
  /** @param message what is wrong; @param offset where. */
  constructor(message: string, offset: number) {
    super(`Cannot parse JSON: ${message} at offset ${offset}`);
    this.name = "JsonParseError";
    this.offset = offset;
  }
}

/**
 * A top-level value read by {@linkcode parseJsonEnvelope}.
 *
 * @example
 * ```ts
 * import { parseJsonEnvelope } from "./json_parser.ts";
 * const envelope = parseJsonEnvelope('{"schema":{"type":"int32"},"payload":1}');
 * console.log(envelope.schemaText, envelope.payload, envelope.isEnvelope); // '{"type":"int32"}' 1 true
 * ```
 */
export interface JsonEnvelope {
  /** Whether the value is an object with exactly the keys `schema` and `payload`. */
  readonly isEnvelope: boolean;
  /** Source text of the `schema` value (the last one, if repeated). */
  readonly schemaText: string | undefined;
  /** The `payload` value. */
  readonly payload: JsonNode | undefined;
}

class Parser {
  readonly text: string;
  pos = 0;
  depth = 0;

  constructor(text: string) {
    this.text = text;
  }

  fail(message: string, at = this.pos): never {
    throw new JsonParseError(message, at);
  }

  unexpected(): never {
    if (this.pos >= this.text.length) this.fail("unexpected end of input");
    const c = this.text[this.pos];
    this.fail(`unexpected character '${c}' (code ${c.charCodeAt(0)})`);
  }

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      pos++;
    }
    this.pos = pos;
  }

  /** Reads one value; `build` false only checks it (returns null). */
  value(build: boolean): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 34: // "
        return this.string(build);
      case 123: // {
        return this.object(build);
      case 91: // [
        return this.array(build);
      case 116: // t
        return this.literal("true", true);
      case 102: // f
        return this.literal("false", false);
      case 110: // n
        return this.literal("null", null);
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.number(build);
        return this.unexpected();
    }
  }

  literal<T extends JsonNode>(word: string, value: T): T {
    const text = this.text;
    const start = this.pos;
    let end = start;
    while (end < text.length && isTokenChar(text.charCodeAt(end))) end++;
    if (text.slice(start, end) !== word) {
      this.fail(`unrecognized token '${text.slice(start, end)}'`, start);
    }
    this.pos = end;
    return value;
  }

  number(build: boolean): JsonNode {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 45) pos++;
    const intStart = pos;
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (pos === intStart) this.fail("expected a digit after '-'", pos);
    let integral = true;
    if (text.charCodeAt(pos) === 46) {
      integral = false;
      const fracStart = ++pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fracStart) this.fail("decimal point not followed by a digit", pos);
    }
    const e = text.charCodeAt(pos);
    if (e === 101 || e === 69) {
      integral = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 43 || sign === 45) pos++;
      const expStart = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === expStart) this.fail("exponent indicator not followed by a digit", pos);
    }
    if (pos - start > MAX_NUMBER_LENGTH) {
      this.fail(`number longer than ${MAX_NUMBER_LENGTH} characters`, start);
    }
    this.pos = pos;
    if (!build) return null;
    const literal = text.slice(start, pos);
    if (!integral) return new JsonFloat(literal);
    if (pos - intStart <= 15) {
      const n = Number(literal);
      return n === 0 ? 0 : n; // "-0" is the integer 0
    }
    const big = BigInt(literal);
    return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
  }

  string(build: boolean): string {
    const text = this.text;
    const length = text.length;
    const start = this.pos + 1;
    let i = start;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      if (c === 92) break;
      if (c < 32) this.fail("unescaped control character in string", i);
      i++;
    }
    if (i >= length) this.fail("unterminated string", this.pos);
    // Escapes: find the real end, then let JSON.parse decode (same rules).
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) break;
      else i++;
    }
    if (i >= length) this.fail("unterminated string", this.pos);
    const literal = text.slice(start - 1, i + 1);
    this.pos = i + 1;
    if (!build) {
      // Still validate escapes and control characters.
      if (/\\(?:[^"\\/bfnrtu]|u(?![0-9a-fA-F]{4}))/.test(literal)) {
        this.fail("invalid escape in string", start);
      }
      // deno-lint-ignore no-control-regex
      if (/[\u0000-\u001f]/.test(literal)) {
        this.fail("unescaped control character in string", start);
      }
      return "";
    }
    try {
      return JSON.parse(literal) as string;
    } catch {
      return this.fail("invalid string (bad escape or unescaped control character)", start);
    }
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    this.pos++;
    this.skipWhitespace();
  }

  object(build: boolean): JsonNode {
    this.enter();
    const map: JsonObject | null = build ? new Map() : null;
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      this.depth--;
      return map;
    }
    while (true) {
      if (this.text.charCodeAt(this.pos) !== 34) this.unexpected();
      const key = this.string(true);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 58) this.unexpected();
      this.pos++;
      this.skipWhitespace();
      const value = this.value(build);
      map?.set(key, value);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) {
        this.skipWhitespace();
        continue;
      }
      if (c === 125) break;
      this.pos--;
      this.unexpected();
    }
    this.depth--;
    return map;
  }

  array(build: boolean): JsonNode {
    this.enter();
    const list: JsonNode[] | null = build ? [] : null;
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      this.depth--;
      return list;
    }
    while (true) {
      const value = this.value(build);
      list?.push(value);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) {
        this.skipWhitespace();
        continue;
      }
      if (c === 93) break;
      this.pos--;
      this.unexpected();
    }
    this.depth--;
    return list;
  }

  /** After a top-level number, Jackson wants white space or the end. */
  checkRootNumberEnd(start: number): void {
    const c = this.text.charCodeAt(start);
    if ((c === 45 || isDigit(c)) && this.pos < this.text.length) {
      const next = this.text.charCodeAt(this.pos);
      if (next !== 32 && next !== 10 && next !== 13 && next !== 9) {
        this.fail("expected space separating root-level values");
      }
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters Jackson reads as part of a bare token (`truex` is one token). */
function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36 ||
    c >= 128;
}

/**
 * Parses the first JSON value of `text` (see the module documentation for
 * what is accepted); `undefined` when the text is empty or white space.
 * Throws a {@linkcode JsonParseError}.
 *
 * @example
 * ```ts
 * import { parseJson } from "./json_parser.ts";
 * console.log(parseJson("[007, -0, 1e2] trailing"), parseJson("  ")); // [ 7, 0, JsonFloat { text: "1e2" } ] undefined
 * ```
 */
export function parseJson(text: string): JsonNode | undefined {
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.pos >= text.length) return undefined;
  const start = parser.pos;
  const value = parser.value(true);
  parser.checkRootNumberEnd(start);
  return value;
}

/**
 * Parses the first JSON value of `text` as a possible Kafka Connect
 * envelope: when it is an object, the `schema` member is checked but not
 * built, and its source text is returned instead. When the `schema` member
 * starts with `knownSchemaText` (the complete JSON text of a schema seen
 * before), it is skipped without scanning. Throws a
 * {@linkcode JsonParseError}.
 *
 * @example
 * ```ts
 * import { parseJsonEnvelope } from "./json_parser.ts";
 * console.log(parseJsonEnvelope('{"a":1}').isEnvelope); // false
 * ```
 */
export function parseJsonEnvelope(text: string, knownSchemaText?: string): JsonEnvelope {
  const parser = new Parser(text);
  parser.skipWhitespace();
  if (parser.pos >= text.length || text.charCodeAt(parser.pos) !== 123) {
    if (parser.pos < text.length) {
      const start = parser.pos;
      parser.value(false);
      parser.checkRootNumberEnd(start);
    }
    return { isEnvelope: false, schemaText: undefined, payload: undefined };
  }
  parser.enter();
  const keys = new Set<string>();
  let schemaText: string | undefined;
  let payload: JsonNode | undefined;
  if (text.charCodeAt(parser.pos) === 125) {
    parser.pos++;
  } else {
    while (true) {
      if (text.charCodeAt(parser.pos) !== 34) parser.unexpected();
      const key = parser.string(true);
      parser.skipWhitespace();
      if (text.charCodeAt(parser.pos) !== 58) parser.unexpected();
      parser.pos++;
      parser.skipWhitespace();
      keys.add(key);
      if (key === "schema") {
        const start = parser.pos;
        if (
          knownSchemaText !== undefined &&
          text.slice(start, start + knownSchemaText.length) === knownSchemaText
        ) {
          // The same schema as before (a complete JSON value): no need to scan it.
          parser.pos += knownSchemaText.length;
          schemaText = knownSchemaText;
        } else {
          parser.value(false);
          schemaText = text.slice(start, parser.pos);
        }
      } else if (key === "payload") {
        payload = parser.value(true);
      } else {
        parser.value(false);
      }
      parser.skipWhitespace();
      const c = text.charCodeAt(parser.pos);
      parser.pos++;
      if (c === 44) {
        parser.skipWhitespace();
        continue;
      }
      if (c === 125) break;
      parser.pos--;
      parser.unexpected();
    }
  }
  const isEnvelope = keys.size === 2 && keys.has("schema") && keys.has("payload");
  return {
    isEnvelope,
    schemaText: isEnvelope ? schemaText : undefined,
    payload: isEnvelope ? payload : undefined,
  };
}
