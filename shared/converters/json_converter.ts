/**
 * `JsonConverter`: Kafka Connect's `org.apache.kafka.connect.json.JsonConverter`,
 * byte for byte.
 *
 * With `schemas.enable=true` (the default) a value is written in an
 * envelope, `{"schema":<schema>,"payload":<value>}`, with the schema in Kafka
 * Connect's JSON form (`./json_schema.ts`); with `false` only the value is
 * written, and reading infers a schemaless value (objects become `Map`s,
 * integers int64, other numbers float64). A null value with a null schema is
 * a tombstone: null bytes.
 *
 * Configuration (Kafka Connect's, plus one extension):
 *
 * | key | default | meaning |
 * |---|---|---|
 * | `schemas.enable` | `true` | write and expect the envelope |
 * | `schemas.cache.size` | `1000` | schemas read that are kept parsed, by JSON text (the oldest goes first); schemas written are cached per schema object, as long as it lives |
 * | `decimal.format` | `BASE64` | Decimal as base64 bytes, or `NUMERIC` JSON numbers |
 * | `replace.null.with.default` | `true` | a null with a schema default is written (and read) as the default |
 * | `schema.content` | — | with `schemas.enable`, read every message as a bare payload of this JSON schema |
 * | `floating.format` | `jdk17` | Tributary's: float64/float32 digits as JDK 17 writes them, or `shortest` as JDK 19+ do (`./java_floating.ts`) |
 *
 * Values are written as Jackson writes them: float64 `1.0` (never `1`),
 * `1.0E10`, float32 through `Float.toString`, NaN and infinities as strings,
 * bytes in base64, int64 exactly (a `bigint` beyond 2^53), string-keyed
 * maps as objects and other maps as `[[key,value],...]`, struct fields in
 * schema order, strings escaped as Jackson does (`./json_text.ts`). Reading
 * keeps every digit (int64 beyond 2^53 becomes a `bigint`, Decimal numbers
 * keep their scale) and converts as leniently as Kafka Connect (a string in
 * an int32 field reads as 0, a float is truncated, ...), with its errors.
 *
 * Speed: the schema's JSON is written once per schema object; a string value
 * with a string schema takes a fast path (one cached prefix, one quoting
 * check, one UTF-8 encoding), and reading such a message skips the generic
 * parser. Schemas read are cached by their JSON text. Written bytes come
 * from a slab pool (`./utf8_pool.ts`): a result may be a view sharing its
 * `buffer` with other results, so use `byteOffset`/`byteLength`.
 *
 * @example
 * ```ts
 * import { JsonConverter } from "./json_converter.ts";
 * import { Schemas } from "../connect/schema_builder.ts";
 * const converter = new JsonConverter();
 * converter.configure({}, false);
 * const bytes = converter.fromConnectData("topic", Schemas.STRING, "foo")!;
 * console.log(new TextDecoder().decode(bytes)); // '{"schema":{"type":"string","optional":false},"payload":"foo"}'
 * console.log(converter.toConnectData("topic", bytes)); // { schema: { type: "string", optional: false }, value: "foo" }
 * ```
 * @module
 */
import { DataError } from "../connect/errors.ts";
import {
  BigDecimal,
  Decimal,
  LogicalDate,
  LogicalTime,
  LogicalTimestamp,
} from "../connect/logical_types.ts";
import type { Header } from "../connect/record.ts";
import { type Schema, type SchemaAndValue, schemaTypeName } from "../connect/schema.ts";
import { Schemas } from "../connect/schema_builder.ts";
import { Struct } from "../connect/struct.ts";
import {
  describeValueType,
  inferSchemaType,
  isInt64,
  isPlainObject,
  mapEntries,
  schemaEquals,
} from "../connect/values.ts";
import { decodeBase64, encodeBase64 } from "./base64.ts";
import type { Converter } from "./converter.ts";
import { ConverterConfigReader } from "./converter_config.ts";
import { formatJavaDouble, formatJavaFloat, type JavaFloatingFormat } from "./java_floating.ts";
import {
  decimalValue,
  doubleValue,
  floatValue,
  intValue,
  isInt,
  isIntegral,
  isNumber,
  JsonFloat,
  type JsonNode,
  longValue,
  nodeType,
} from "./json_node.ts";
import { parseJson, parseJsonEnvelope } from "./json_parser.ts";
import { readJsonSchema, writeJsonSchema } from "./json_schema.ts";
import { asciiNeedsJsonEscape, quoteJsonString } from "./json_text.ts";
import { StrictUtf8Decoder } from "./utf8_decoder.ts";
import { Utf8Pool } from "./utf8_pool.ts";

/**
 * Kafka Connect's error when `schemas.enable` is true and a message is not an
 * envelope.
 *
 * @example
 * ```ts
 * import { ENVELOPE_ERROR_MESSAGE } from "./json_converter.ts";
 * console.log(ENVELOPE_ERROR_MESSAGE.startsWith("JsonConverter with schemas.enable")); // true
 * ```
 */
export const ENVELOPE_ERROR_MESSAGE =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';

const NULL_RESULT: SchemaAndValue = Object.freeze({ schema: null, value: null });
const encoder = new TextEncoder();
const decoder = new StrictUtf8Decoder();

/** Envelope prefixes of the two plain string schemas, for the read fast path. */
const STRING_ENVELOPES: readonly [Uint8Array, Schema][] = [
  [encoder.encode('{"schema":{"type":"string","optional":false},"payload":'), Schemas.STRING],
  [
    encoder.encode('{"schema":{"type":"string","optional":true},"payload":'),
    Schemas.OPTIONAL_STRING,
  ],
];

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length <= prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** The value of a non-fatal UTF-8 decode up to the first invalid byte. */
function validUtf8Prefix(bytes: Uint8Array): string {
  let lo = 0;
  let hi = bytes.length;
  // Binary search the longest decodable prefix (invalid input is rare).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // A prefix may end inside a valid multi-byte character; back off to a boundary.
  let end = lo;
  while (end > 0) {
    try {
      return decoder.decode(bytes.subarray(0, end));
    } catch {
      end--;
    }
  }
  return "";
}

/** Whether a logical-type name is one JsonConverter converts. */
function isLogical(name: string | undefined): boolean {
  return name === Decimal.LOGICAL_NAME || name === LogicalDate.LOGICAL_NAME ||
    name === LogicalTime.LOGICAL_NAME || name === LogicalTimestamp.LOGICAL_NAME;
}

/**
 * Number text whose value `JSON.parse` may round across an integer (16 or
 * more digits, a point anywhere among them) or beyond 2^53 (a positive
 * exponent of 15 or more): read into an integer field, Jackson's exact
 * truncation could differ. A float64 field reads the same double either way.
 */
const LOSSY_FOR_INTEGERS = /\d(?:\.?\d){15}|[eE]\+?(?:1[5-9]|[2-9]\d|\d{3})/;

/** `JSON.parse` output is as good as the exact parser below this length (Jackson's limits). */
const NATIVE_PARSE_LIMIT = 1000;

/** An object node: a `Map` from the exact parser, a plain object from `JSON.parse`. */
type ObjectNode = Map<string, unknown> | Record<string, unknown>;

function isObjectNode(node: unknown): node is ObjectNode {
  return node instanceof Map ||
    (typeof node === "object" && node !== null && !Array.isArray(node) &&
      !(node instanceof JsonFloat));
}

function objectEntries(node: ObjectNode): Iterable<[string, unknown]> {
  return node instanceof Map ? node : Object.entries(node);
}

function objectGet(node: ObjectNode, key: string): unknown {
  if (node instanceof Map) return node.get(key);
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

/**
 * How values of this schema read from `JSON.parse` output: `"no"` when not
 * exactly as from the exact parser — schemaless values and maps (`JSON.parse`
 * moves integer-like keys first), logical types (they look at how a number
 * was written), float32 (rounding through a double could differ) —
 * `"integers"` when exactly unless integer fields get lossy number text,
 * `"yes"` otherwise.
 */
type NativeParse = "no" | "integers" | "yes";

function nativeParse(schema: Schema | null | undefined): NativeParse {
  if (schema == null) return "no";
  if (isLogical(schema.name ?? undefined)) return "no";
  switch (schema.type) {
    case "float32":
    case "map":
      return "no";
    case "int8":
    case "int16":
    case "int32":
    case "int64":
      return "integers";
    case "array":
      return nativeParse(schema.valueSchema);
    case "struct": {
      let result: NativeParse = "yes";
      for (const field of schema.fields ?? []) {
        const r = nativeParse(field.schema);
        if (r === "no") return "no";
        if (r === "integers") result = "integers";
      }
      return result;
    }
    default:
      return "yes";
  }
}

/** Thrown when `JSON.parse` output cannot be converted exactly: use the exact parser. */
const RETRY_EXACT = Symbol("retry with the exact parser");

/** Per-schema facts computed once: the envelope prefix of the string fast path. */
interface StringPath {
  /** Text before the quoted payload, or undefined when the fast path does not apply. */
  readonly prefix: string | undefined;
  /** Text after it. */
  readonly suffix: string;
  /** `prefix` and the opening quote, as UTF-8. */
  readonly prefixBytes: Uint8Array;
  /** The closing quote and `suffix`, as UTF-8. */
  readonly suffixBytes: Uint8Array;
}

const utf8 = new TextEncoder();

function stringPath(prefix: string | undefined, suffix: string): StringPath {
  return {
    prefix,
    suffix,
    prefixBytes: utf8.encode((prefix ?? "") + '"'),
    suffixBytes: utf8.encode('"' + suffix),
  };
}

const NO_STRING_PATH = stringPath(undefined, "");

/**
 * Kafka Connect's JSON converter; see the module documentation.
 *
 * @example
 * ```ts
 * import { JsonConverter } from "./json_converter.ts";
 * const converter = new JsonConverter();
 * converter.configure({ "schemas.enable": "false" }, false);
 * const bytes = converter.fromConnectData("t", null, new Map<string, unknown>([["a", 1.5], ["b", [1n, null]]]));
 * console.log(new TextDecoder().decode(bytes!)); // '{"a":1.5,"b":[1,null]}'
 * console.log(converter.toConnectData("t", bytes).value); // Map(2) { "a" => 1.5, "b" => [ 1, null ] }
 * ```
 */
export class JsonConverter implements Converter {
  /** Kafka Connect's class name. */
  static readonly className: string = "org.apache.kafka.connect.json.JsonConverter";

  #schemasEnabled = true;
  #decimalNumeric = false;
  #replaceNullWithDefault = true;
  #floatingFormat: JavaFloatingFormat = "jdk17";
  #cacheSize = 1000;
  #fixedSchema: Schema | null = null;
  #schemaJson = new WeakMap<Schema, string>();
  #stringPaths = new WeakMap<Schema, StringPath>();
  #fieldKeys = new WeakMap<Schema, string[]>();
  #schemasRead = new Map<string, Schema | null>();
  #lastSchema: Schema | null = null;
  #lastPath: StringPath = NO_STRING_PATH;
  readonly #pool = new Utf8Pool();
  #lastSchemaText: string | undefined;
  #nativeParse = new WeakMap<Schema, NativeParse>();

  /**
   * Configures the converter (see the module documentation for the keys).
   * Throws a `ConfigError` listing every invalid value.
   */
  configure(config: Record<string, string>, _isKey: boolean): void {
    const reader = new ConverterConfigReader(config);
    const schemasEnabled = reader.boolean("schemas.enable", true);
    const cacheSize = reader.int("schemas.cache.size", 1000);
    const decimalFormat = reader.choice("decimal.format", ["NUMERIC", "BASE64"], "BASE64");
    const replace = reader.boolean("replace.null.with.default", true);
    const floating = reader.choice("floating.format", ["jdk17", "shortest"], "jdk17");
    const schemaContent = config["schema.content"];
    reader.done("configure JsonConverter");
    this.#schemasEnabled = schemasEnabled;
    this.#cacheSize = Math.max(0, cacheSize);
    this.#decimalNumeric = decimalFormat === "NUMERIC";
    this.#replaceNullWithDefault = replace;
    this.#floatingFormat = floating;
    this.#schemaJson = new WeakMap();
    this.#stringPaths = new WeakMap();
    this.#fieldKeys = new WeakMap();
    this.#schemasRead = new Map();
    this.#lastSchema = null;
    this.#lastSchemaText = undefined;
    this.#nativeParse = new WeakMap();
    this.#fixedSchema = null;
    if (schemaContent != null && schemaContent !== "") {
      try {
        this.#fixedSchema = this.#readSchema(parseJson(schemaContent));
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new DataError(
          `Cannot configure JsonConverter: invalid schema.content (${reason})`,
          { cause: err },
        );
      }
    }
  }

  /**
   * Serialises a value: an envelope with `schemas.enable`, else the bare
   * JSON value; null bytes for a null value without a schema. Throws a
   * `DataError` (Kafka Connect's messages) for a value its schema rejects.
   */
  fromConnectData(
    _topic: string,
    schema: Schema | null,
    value: unknown,
    _headers?: readonly Header[],
  ): Uint8Array | null {
    if (schema == null) {
      if (value == null) return null;
      const payload = this.#toJson(null, value);
      return this.#pool.encode(
        this.#schemasEnabled ? '{"schema":null,"payload":' + payload + "}" : payload,
      );
    }
    if (typeof value === "string") {
      let path: StringPath | undefined;
      if (schema === this.#lastSchema) {
        path = this.#lastPath;
      } else {
        path = this.#stringPaths.get(schema);
        if (path === undefined) this.#stringPaths.set(schema, path = this.#stringPath(schema));
        this.#lastSchema = schema;
        this.#lastPath = path;
      }
      if (path.prefix !== undefined) {
        // Most text is ASCII with nothing to escape: encode it between the
        // envelope's bytes in one step; else quote it exactly.
        return this.#pool.encodeAsciiFramed(
          path.prefixBytes,
          value,
          path.suffixBytes,
          asciiNeedsJsonEscape,
        ) ?? this.#pool.encode(path.prefix + quoteJsonString(value) + path.suffix);
      }
    }
    const payload = this.#toJson(schema, value);
    return this.#pool.encode(
      this.#schemasEnabled
        ? '{"schema":' + this.schemaToJson(schema) + ',"payload":' + payload + "}"
        : payload,
    );
  }

  /**
   * Deserialises bytes: `{schema: null, value: null}` for null bytes.
   * Throws a `DataError` (Kafka Connect's messages) for invalid JSON, a
   * missing envelope, an invalid schema, or a payload its schema rejects.
   */
  toConnectData(_topic: string, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes == null) return NULL_RESULT;
    if (this.#schemasEnabled && this.#fixedSchema === null) {
      const fast = this.#readStringEnvelope(bytes);
      if (fast !== undefined) return fast;
    }
    let text: string;
    let truncated = false;
    try {
      text = decoder.decode(bytes);
    } catch {
      // Jackson only fails on bad UTF-8 it actually reads; content after the
      // first value is never read, so parse what decodes and see.
      text = validUtf8Prefix(bytes);
      truncated = true;
    }
    try {
      if (!this.#schemasEnabled || this.#fixedSchema !== null) {
        const schema = this.#schemasEnabled ? this.#fixedSchema : null;
        if (!truncated) {
          const native = this.#parseNative(text, schema);
          if (native !== undefined) {
            const value = this.#toConnectOrRetry(schema, native);
            if (value !== RETRY_EXACT) return { schema, value };
          }
        }
        return { schema, value: this.#toConnect(schema, parseJson(text)) };
      }
      if (!truncated && this.#lastSchemaText !== undefined) {
        const known = this.#readKnownEnvelope(text, this.#lastSchemaText);
        if (known !== undefined) return known;
      }
      const envelope = parseJsonEnvelope(text, this.#lastSchemaText);
      if (!envelope.isEnvelope) throw new DataError(ENVELOPE_ERROR_MESSAGE);
      const schema = this.#schemaFromText(envelope.schemaText!);
      this.#lastSchemaText = envelope.schemaText;
      return { schema, value: this.#toConnect(schema, envelope.payload) };
    } catch (err) {
      if (err instanceof SyntaxError) {
        throw new DataError(
          "Converting byte[] to Kafka Connect data failed due to serialization error: ",
          { cause: truncated ? new SyntaxError("Cannot parse JSON: invalid UTF-8") : err },
        );
      }
      throw err;
    }
  }

  /**
   * The JSON text of a schema, as it appears in envelopes (Kafka Connect's
   * `asJsonSchema`), cached per schema object.
   *
   * @example
   * ```ts
   * import { JsonConverter } from "./json_converter.ts";
   * import { Schemas } from "../connect/schema_builder.ts";
   * console.log(new JsonConverter().schemaToJson(Schemas.FLOAT32)); // '{"type":"float","optional":false}'
   * ```
   */
  schemaToJson(schema: Schema): string {
    return writeJsonSchema(schema, (s, v) => this.#toJson(s, v), this.#schemaJson);
  }

  /**
   * The schema a JSON text describes, or null for `null` (Kafka Connect's
   * `asConnectSchema`), cached by text. Throws a `DataError`.
   *
   * @example
   * ```ts
   * import { JsonConverter } from "./json_converter.ts";
   * console.log(new JsonConverter().schemaFromJson('{"type":"double","optional":true}'));
   * // { type: "float64", optional: true }
   * ```
   */
  schemaFromJson(text: string): Schema | null {
    try {
      return this.#schemaFromText(text);
    } catch (err) {
      if (err instanceof SyntaxError) {
        throw new DataError(`Cannot read schema: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }

  #stringPath(schema: Schema): StringPath {
    if (schema.type !== "string" || isLogical(schema.name)) return NO_STRING_PATH;
    return this.#schemasEnabled
      ? stringPath('{"schema":' + this.schemaToJson(schema) + ',"payload":', "}")
      : stringPath("", "");
  }

  #readStringEnvelope(bytes: Uint8Array): SchemaAndValue | undefined {
    const last = bytes.length - 1;
    if (bytes[last] !== 125) return undefined; // }
    for (const [prefix, schema] of STRING_ENVELOPES) {
      if (!startsWith(bytes, prefix) || bytes[prefix.length] !== 34) continue; // "
      try {
        const start = prefix.length + 1;
        const end = last - 1;
        // No quote, backslash or control character inside: the string is the
        // bytes themselves (UTF-8 checked by the decoder).
        if (end >= start && bytes[end] === 34 && !asciiNeedsJsonEscape(bytes, start, end)) {
          return { schema, value: decoder.decode(bytes.subarray(start, end)) };
        }
        const value = JSON.parse(decoder.decode(bytes.subarray(prefix.length, last)));
        if (typeof value === "string") return { schema, value };
      } catch {
        // Not this simple shape: the generic path decides (and reports errors).
      }
      return undefined;
    }
    return undefined;
  }

  /**
   * `JSON.parse` of `text` when it reads exactly as the exact parser would
   * (short, no lossy numbers, a schema that does not care how numbers were
   * written, strict JSON); undefined to use the exact parser.
   */
  #parseNative(text: string, schema: Schema | null): unknown {
    if (schema === null || text.length >= NATIVE_PARSE_LIMIT) return undefined;
    let mode = this.#nativeParse.get(schema);
    if (mode === undefined) this.#nativeParse.set(schema, mode = nativeParse(schema));
    if (mode === "no" || (mode === "integers" && LOSSY_FOR_INTEGERS.test(text))) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  /**
   * Kafka Connect's own layout, `{"schema":S,"payload":P}`, with the schema
   * text of the previous message: the payload alone is parsed.
   */
  #readKnownEnvelope(text: string, schemaText: string): SchemaAndValue | undefined {
    const end = text.length - 1;
    const start = 10 + schemaText.length + 11;
    // slice + === compares like memcmp; startsWith is several times slower here.
    if (
      end <= start || text.charCodeAt(end) !== 125 || text.slice(0, 10) !== '{"schema":' ||
      text.slice(10, 10 + schemaText.length) !== schemaText ||
      text.slice(10 + schemaText.length, start) !== ',"payload":'
    ) {
      return undefined;
    }
    const schema = this.#schemasRead.get(schemaText);
    if (schema == null) return undefined;
    const payload = this.#parseNative(text.slice(start, end), schema);
    if (payload === undefined) return undefined;
    const value = this.#toConnectOrRetry(schema, payload);
    return value === RETRY_EXACT ? undefined : { schema, value };
  }

  #toConnectOrRetry(schema: Schema | null, node: unknown): unknown {
    try {
      return this.#toConnect(schema, node);
    } catch (err) {
      if (err === RETRY_EXACT) return RETRY_EXACT;
      throw err;
    }
  }

  #schemaFromText(text: string): Schema | null {
    const cache = this.#schemasRead;
    let schema = cache.get(text);
    if (schema !== undefined || cache.has(text)) return schema!;
    schema = this.#readSchema(parseJson(text));
    if (this.#cacheSize > 0) {
      if (cache.size >= this.#cacheSize) cache.delete(cache.keys().next().value!);
      cache.set(text, schema);
    }
    return schema;
  }

  #readSchema(node: JsonNode | undefined): Schema | null {
    return readJsonSchema(node, (schema, value) => this.#toConnect(schema, value));
  }

  // ---- Connect data to JSON text (Kafka Connect's convertToJson) ----

  #toJson(schema: Schema | null, value: unknown): string {
    if (value == null) {
      if (schema == null) return "null";
      if (schema.defaultValue != null && this.#replaceNullWithDefault) {
        return this.#toJson(schema, schema.defaultValue);
      }
      if (schema.optional) return "null";
      throw new DataError(
        "Conversion error: null value for field that is required and has no default value",
      );
    }
    if (schema !== null && schema.name != null && isLogical(schema.name)) {
      return this.#logicalToJson(schema, value);
    }
    const type = schema === null ? inferSchemaType(value) : schema.type;
    switch (type) {
      case null:
        throw new DataError(
          `Value of type ${describeValueType(value)} does not have corresponding schema type.`,
        );
      case "int8":
        return this.#integer(value, -128, 127, type);
      case "int16":
        return this.#integer(value, -32768, 32767, type);
      case "int32":
        return this.#integer(value, -2147483648, 2147483647, type);
      case "int64":
        if (typeof value === "bigint" && isInt64(value)) return value.toString();
        if (typeof value === "number" && isInt64(value)) {
          return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
        }
        if (schema === null && typeof value === "number") return this.#double(value);
        throw this.#invalidType(schema, value);
      case "float32":
        if (typeof value !== "number") throw this.#invalidType(schema, value);
        return this.#number(formatJavaFloat(Math.fround(value), this.#floatingFormat));
      case "float64":
        if (typeof value !== "number") throw this.#invalidType(schema, value);
        return this.#double(value);
      case "boolean":
        if (typeof value !== "boolean") throw this.#invalidType(schema, value);
        return value ? "true" : "false";
      case "string":
        if (typeof value !== "string") throw this.#invalidType(schema, value);
        return quoteJsonString(value);
      case "bytes":
        if (!(value instanceof Uint8Array)) {
          throw new DataError(`Invalid type for bytes type: ${describeValueType(value)}`);
        }
        return '"' + encodeBase64(value) + '"';
      case "array": {
        if (!Array.isArray(value)) throw this.#invalidType(schema, value);
        const elementSchema = schema === null ? null : schema.valueSchema ?? null;
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ",";
          out += this.#toJson(elementSchema, value[i]);
        }
        return out + "]";
      }
      case "map":
        if (!(value instanceof Map) && !isPlainObject(value)) {
          throw this.#invalidType(schema, value);
        }
        return this.#mapToJson(schema, value);
      case "struct":
        return this.#structToJson(schema, value);
    }
  }

  #invalidType(schema: Schema | null, value: unknown): DataError {
    const type = schema === null ? "unknown schema" : schemaTypeName(schema.type);
    return new DataError(`Invalid type for ${type}: ${describeValueType(value)}`);
  }

  #integer(value: unknown, min: number, max: number, type: Schema["type"]): string {
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
      return String(value);
    }
    throw new DataError(`Invalid type for ${schemaTypeName(type)}: ${describeValueType(value)}`);
  }

  #double(value: number): string {
    return this.#number(formatJavaDouble(value, this.#floatingFormat));
  }

  /** Jackson writes NaN and the infinities as strings. */
  #number(text: string): string {
    const c = text.charCodeAt(text.length - 1);
    return c >= 48 && c <= 57 ? text : '"' + text + '"';
  }

  #mapToJson(
    schema: Schema | null,
    value: Map<unknown, unknown> | Record<string, unknown>,
  ): string {
    const keySchema = schema === null ? null : schema.keySchema ?? null;
    const valueSchema = schema === null ? null : schema.valueSchema ?? null;
    let objectMode: boolean;
    if (schema === null) {
      objectMode = true;
      if (value instanceof Map) {
        for (const key of value.keys()) {
          if (typeof key !== "string") {
            objectMode = false;
            break;
          }
        }
      }
    } else {
      objectMode = keySchema?.type === "string";
    }
    if (!objectMode) {
      const parts: string[] = [];
      for (const [k, v] of mapEntries(value)) {
        parts.push("[" + this.#toJson(keySchema, k) + "," + this.#toJson(valueSchema, v) + "]");
      }
      return "[" + parts.join(",") + "]";
    }
    const entries: [string, string][] = [];
    let renamed = false;
    for (const [k, v] of mapEntries(value)) {
      let keyText: string;
      if (typeof k === "string") {
        keyText = k;
      } else {
        // A null key: its JSON is null (or the default), written as text.
        const json = this.#toJson(keySchema, k);
        keyText = json.startsWith('"') ? JSON.parse(json) : json;
        renamed = true;
      }
      entries.push([keyText, this.#toJson(valueSchema, v)]);
    }
    // Two keys with the same text (only possible with a null key) keep the
    // first one's place and the last one's value, as a JSON object would.
    const unique = renamed ? [...new Map(entries)] : entries;
    return "{" + unique.map(([k, v]) => quoteJsonString(k) + ":" + v).join(",") + "}";
  }

  #structToJson(schema: Schema | null, value: unknown): string {
    if (!(value instanceof Struct)) throw this.#invalidType(schema, value);
    if (schema === null || (value.schema !== schema && !schemaEquals(value.schema, schema))) {
      throw new DataError("Mismatching schema.");
    }
    const fields = schema.fields ?? [];
    let keys = this.#fieldKeys.get(schema);
    if (keys === undefined) {
      keys = fields.map((f, i) => (i === 0 ? "{" : ",") + quoteJsonString(f.name) + ":");
      this.#fieldKeys.set(schema, keys);
    }
    if (fields.length === 0) return "{}";
    let out = "";
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      out += keys[i] + this.#toJson(field.schema, value.getWithoutDefault(field));
    }
    return out + "}";
  }

  #logicalToJson(schema: Schema, value: unknown): string {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        if (!(value instanceof BigDecimal)) {
          throw new DataError(
            `Invalid type for Decimal, expected BigDecimal but was ${describeValueType(value)}`,
          );
        }
        return this.#decimalNumeric
          ? value.toString()
          : '"' + encodeBase64(Decimal.fromLogical(schema, value)) + '"';
      case LogicalDate.LOGICAL_NAME:
        return String(LogicalDate.fromLogical(schema, this.#date(value, "Date")));
      case LogicalTime.LOGICAL_NAME:
        return String(LogicalTime.fromLogical(schema, this.#date(value, "Time")));
      default:
        return String(LogicalTimestamp.fromLogical(schema, this.#date(value, "Timestamp")));
    }
  }

  #date(value: unknown, what: string): Date {
    if (!(value instanceof Date)) {
      throw new DataError(
        `Invalid type for ${what}, expected Date but was ${describeValueType(value)}`,
      );
    }
    return value;
  }

  // ---- JSON tree to Connect data (Kafka Connect's convertToConnect) ----

  #toConnect(schema: Schema | null, node: unknown): unknown {
    if (schema === null) return this.#schemaless(node);
    if (node == null) {
      if (schema.defaultValue != null && this.#replaceNullWithDefault) return schema.defaultValue;
      if (schema.optional) return null;
      throw new DataError(`Invalid null value for required ${schemaTypeName(schema.type)} field`);
    }
    if (schema.name != null && isLogical(schema.name)) {
      return this.#logicalToConnect(schema, node as JsonNode);
    }
    const n = node as JsonNode;
    switch (schema.type) {
      case "boolean":
        return node === true;
      case "int8":
        return (intValue(n) << 24) >> 24;
      case "int16":
        return (intValue(n) << 16) >> 16;
      case "int32":
        return intValue(n);
      case "int64":
        return longValue(n);
      case "float32":
        return floatValue(n);
      case "float64":
        return doubleValue(n);
      case "string":
        return typeof node === "string" ? node : null;
      case "bytes":
        if (typeof node !== "string") return null;
        try {
          return decodeBase64(node);
        } catch (err) {
          throw new DataError("Invalid bytes field", { cause: err });
        }
      case "array": {
        const elementSchema = schema.valueSchema ?? null;
        if (!Array.isArray(node) && isObjectNode(node) && !(node instanceof Map)) {
          throw RETRY_EXACT; // an object's values in written order: JSON.parse may reorder
        }
        const elements = Array.isArray(node) ? node : node instanceof Map ? [...node.values()] : [];
        return elements.map((e) => this.#toConnect(elementSchema, e));
      }
      case "map":
        return this.#mapToConnect(schema, node);
      case "struct": {
        if (!isObjectNode(node)) {
          throw new DataError(
            `Structs should be encoded as JSON objects, but found ${nodeType(n)}`,
          );
        }
        const struct = new Struct(schema);
        for (const field of schema.fields ?? []) {
          struct.put(field, this.#toConnect(field.schema, objectGet(node, field.name)));
        }
        return struct;
      }
    }
  }

  #schemaless(node: unknown): unknown {
    if (node == null) return null;
    switch (typeof node) {
      case "boolean":
      case "string":
        return node;
      case "number":
        return Number.isInteger(node) ? longValue(node) : doubleValue(node);
      case "bigint":
        return longValue(node);
    }
    if (node instanceof JsonFloat) return doubleValue(node);
    if (Array.isArray(node)) return node.map((e) => this.#schemaless(e));
    const map = new Map<string, unknown>();
    for (const [k, v] of objectEntries(node as ObjectNode)) map.set(k, this.#schemaless(v));
    return map;
  }

  #mapToConnect(schema: Schema, node: unknown): Map<unknown, unknown> {
    const keySchema = schema.keySchema ?? null;
    const valueSchema = schema.valueSchema ?? null;
    const result = new Map<unknown, unknown>();
    if (keySchema === null || keySchema.type === "string") {
      if (!isObjectNode(node)) {
        throw new DataError(
          `Maps with string fields should be encoded as JSON objects, but found ${
            nodeType(node as JsonNode)
          }`,
        );
      }
      for (const [k, v] of objectEntries(node)) result.set(k, this.#toConnect(valueSchema, v));
      return result;
    }
    if (!Array.isArray(node)) {
      throw new DataError(
        `Maps with non-string fields should be encoded as JSON array of tuples, but found ${
          nodeType(node as JsonNode)
        }`,
      );
    }
    for (const entry of node) {
      if (!Array.isArray(entry)) {
        throw new DataError(
          `Found invalid map entry instead of array tuple: ${nodeType(entry as JsonNode)}`,
        );
      }
      if (entry.length !== 2) {
        throw new DataError(
          `Found invalid map entry, expected length 2 but found :${entry.length}`,
        );
      }
      result.set(
        this.#toConnect(keySchema, entry[0]),
        this.#toConnect(valueSchema, entry[1]),
      );
    }
    return result;
  }

  #logicalToConnect(schema: Schema, node: JsonNode): unknown {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        if (isNumber(node)) return decimalValue(node);
        if (typeof node === "string") {
          try {
            return Decimal.toLogical(schema, decodeBase64(node));
          } catch (err) {
            throw new DataError("Invalid bytes for Decimal field", { cause: err });
          }
        }
        throw new DataError(
          `Invalid type for Decimal, underlying representation should be numeric or bytes but was ${
            nodeType(node)
          }`,
        );
      case LogicalDate.LOGICAL_NAME:
        if (!isInt(node)) {
          throw new DataError(
            `Invalid type for Date, underlying representation should be integer but was ${
              nodeType(node)
            }`,
          );
        }
        return LogicalDate.toLogical(schema, node);
      case LogicalTime.LOGICAL_NAME:
        if (!isInt(node)) {
          throw new DataError(
            `Invalid type for Time, underlying representation should be integer but was ${
              nodeType(node)
            }`,
          );
        }
        return LogicalTime.toLogical(schema, node);
      default:
        if (!isIntegral(node)) {
          throw new DataError(
            `Invalid type for Timestamp, underlying representation should be integral but was ${
              nodeType(node)
            }`,
          );
        }
        return LogicalTimestamp.toLogical(schema, longValue(node));
    }
  }
}
