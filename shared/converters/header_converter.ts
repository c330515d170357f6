/**
 * Header converters turn record header values into bytes and back, as Kafka
 * Connect's `HeaderConverter`. `SimpleHeaderConverter` is the default:
 * strings are written as UTF-8, bytes as they are, numbers and booleans as
 * their text, and arrays, maps and structs as JSON. On read every non-null
 * header is a UTF-8 string with an optional string schema (Kafka Connect
 * also infers numbers and booleans from the text; Tributary keeps the text,
 * which round-trips every value without guessing).
 *
 * @example
 * ```ts
 * import { SimpleHeaderConverter } from "./header_converter.ts";
 * const converter = new SimpleHeaderConverter();
 * const bytes = converter.fromConnectHeader("t", "trace", null, "abc");
 * console.log(converter.toConnectHeader("t", "trace", bytes).value); // "abc"
 * ```
 * @module
 */
import type { Schema, SchemaAndValue } from "../connect/schema.ts";

/** Converts one header value to bytes and back. */
export interface HeaderConverter {
  fromConnectHeader(
    topic: string,
    key: string,
    schema: Schema | null,
    value: unknown,
  ): Uint8Array | null;
  toConnectHeader(topic: string, key: string, bytes: Uint8Array | null): SchemaAndValue;
}

const OPTIONAL_STRING: Schema = Object.freeze({ type: "string", optional: true });
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return btoa(String.fromCharCode(...value));
  if (value instanceof Map) return Object.fromEntries(value);
  return value;
}

/**
 * The default header converter; see the module doc.
 *
 * @example
 * ```ts
 * import { SimpleHeaderConverter } from "./header_converter.ts";
 * const bytes = new SimpleHeaderConverter().fromConnectHeader("t", "n", null, 42);
 * console.log(new TextDecoder().decode(bytes!)); // "42"
 * ```
 */
export class SimpleHeaderConverter implements HeaderConverter {
  /** Kafka Connect's class name, for `header.converter`. */
  static readonly className = "org.apache.kafka.connect.storage.SimpleHeaderConverter";

  /** Writes a header value; see the module doc for the format. */
  fromConnectHeader(
    _topic: string,
    _key: string,
    _schema: Schema | null,
    value: unknown,
  ): Uint8Array | null {
    if (value === null || value === undefined) return null;
    if (value instanceof Uint8Array) return value;
    if (typeof value === "string") return encoder.encode(value);
    if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      return encoder.encode(String(value));
    }
    return encoder.encode(JSON.stringify(value, jsonReplacer));
  }

  /** Reads a header value as an optional string (null stays null). */
  toConnectHeader(_topic: string, _key: string, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null) return { schema: null, value: null };
    return { schema: OPTIONAL_STRING, value: decoder.decode(bytes) };
  }
}
