/**
 * `StringConverter`: Kafka Connect's `org.apache.kafka.connect.storage.StringConverter`.
 * It writes any value as its string form in `converter.encoding` (UTF-8 by
 * default; see `./charsets.ts`), ignoring the schema, and reads every
 * message as an optional string. A null value is null bytes and back.
 *
 * A value's string form follows Java's `toString()` where JavaScript can
 * tell: strings as they are, float64/float32 values as Java prints doubles
 * and floats when the schema says so (`1.0`), integers as digits, structs
 * as `Struct{a=1}`, arrays as `[a, b]`, maps as `{k=v}`, decimals as
 * `BigDecimal.toString()`. Bytes are written as `[1, 2]` and dates in ISO
 * 8601 (Java would print an object id and a local time). UTF-8 results may
 * be views of a shared slab (`./utf8_pool.ts`).
 *
 * @example
 * ```ts
 * import { StringConverter } from "./string_converter.ts";
 * import { Schemas } from "../connect/schema_builder.ts";
 * const converter = new StringConverter();
 * converter.configure({ "converter.encoding": "UTF-16BE" }, false);
 * console.log(converter.fromConnectData("t", Schemas.STRING, "hi")); // Uint8Array(4) [ 0, 104, 0, 105 ]
 * console.log(converter.toConnectData("t", new Uint8Array([0, 104]))); // { schema: { type: "string", optional: true }, value: "h" }
 * ```
 * @module
 */
import { BigDecimal } from "../connect/logical_types.ts";
import type { Header } from "../connect/record.ts";
import type { Schema, SchemaAndValue } from "../connect/schema.ts";
import { Schemas } from "../connect/schema_builder.ts";
import { isPlainObject } from "../connect/values.ts";
import { type Charset, charset, SUPPORTED_CHARSETS } from "./charsets.ts";
import type { Converter } from "./converter.ts";
import { ConverterConfigReader } from "./converter_config.ts";
import { formatJavaDouble, formatJavaFloat } from "./java_floating.ts";
import { Utf8Pool } from "./utf8_pool.ts";

/**
 * A value's string form, as Java's `toString()` would give it (see the
 * module documentation); `schema` tells floats from integers.
 *
 * @example
 * ```ts
 * import { javaToString } from "./string_converter.ts";
 * import { Schemas } from "../connect/schema_builder.ts";
 * console.log(javaToString(1, Schemas.FLOAT64), javaToString(1, null), javaToString([1, "a"], null)); // "1.0" "1" "[1, a]"
 * ```
 */
export function javaToString(value: unknown, schema: Schema | null): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      if (schema?.type === "float64") return formatJavaDouble(value);
      if (schema?.type === "float32") return formatJavaFloat(Math.fround(value));
      return Number.isSafeInteger(value) ? String(value) : formatJavaDouble(value);
    case "bigint":
    case "boolean":
      return String(value);
  }
  if (value instanceof Uint8Array) return `[${value.join(", ")}]`;
  if (Array.isArray(value)) {
    return `[${value.map((v) => javaToString(v, schema?.valueSchema ?? null)).join(", ")}]`;
  }
  if (value instanceof Map || isPlainObject(value)) {
    const entries = value instanceof Map ? [...value] : Object.entries(value);
    return `{${
      entries.map(([k, v]) =>
        `${javaToString(k, schema?.keySchema ?? null)}=${
          javaToString(v, schema?.valueSchema ?? null)
        }`
      ).join(", ")
    }}`;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof BigDecimal) return value.toString();
  return String(value);
}

/**
 * Kafka Connect's string converter; see the module documentation.
 *
 * @example
 * ```ts
 * import { StringConverter } from "./string_converter.ts";
 * const converter = new StringConverter();
 * converter.configure({}, true);
 * console.log(converter.fromConnectData("t", null, null)); // null
 * console.log(new TextDecoder().decode(converter.fromConnectData("t", null, 42)!)); // "42"
 * ```
 */
export class StringConverter implements Converter {
  /** Kafka Connect's class name. */
  static readonly className: string = "org.apache.kafka.connect.storage.StringConverter";

  #charset: Charset = charset("UTF-8")!;
  #pool: Utf8Pool | null = new Utf8Pool();

  /** Reads `converter.encoding` (a Java charset name; default UTF-8). */
  configure(config: Record<string, string>, _isKey: boolean): void {
    const reader = new ConverterConfigReader(config);
    const name = reader.string("converter.encoding") ?? "UTF-8";
    const found = charset(name);
    if (found === undefined) {
      reader.invalid(
        "converter.encoding",
        name,
        `unsupported encoding (supported: ${SUPPORTED_CHARSETS.join(", ")})`,
      );
    }
    reader.done("configure StringConverter");
    this.#charset = found!;
    this.#pool = found!.name === "UTF-8" ? new Utf8Pool() : null;
  }

  /** The value's string form, encoded; null for null. */
  fromConnectData(
    _topic: string,
    schema: Schema | null,
    value: unknown,
    _headers?: readonly Header[],
  ): Uint8Array | null {
    if (value == null) return null;
    const text = javaToString(value, schema);
    // Java writes "?" for an unpaired surrogate: only well-formed text takes the pool.
    return this.#pool !== null && text.isWellFormed()
      ? this.#pool.encode(text)
      : this.#charset.encode(text);
  }

  /** The decoded string, with an optional string schema. */
  toConnectData(_topic: string, bytes: Uint8Array | null): SchemaAndValue {
    return {
      schema: Schemas.OPTIONAL_STRING,
      value: bytes == null ? null : this.#charset.decode(bytes),
    };
  }
}
