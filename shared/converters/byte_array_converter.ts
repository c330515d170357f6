/**
 * `ByteArrayConverter`: Kafka Connect's
 * `org.apache.kafka.connect.converters.ByteArrayConverter`, which passes
 * bytes through untouched. Only a null or BYTES schema is accepted, and
 * only byte values (a `Uint8Array`, or an `ArrayBuffer`/typed array, read
 * as its bytes); reading gives an optional BYTES schema and the same bytes.
 *
 * @example
 * ```ts
 * import { ByteArrayConverter } from "./byte_array_converter.ts";
 * import { Schemas } from "../connect/schema_builder.ts";
 * const converter = new ByteArrayConverter();
 * converter.configure({}, false);
 * console.log(converter.fromConnectData("t", null, new Uint8Array([1, 2]))); // Uint8Array(2) [ 1, 2 ]
 * try {
 *   converter.fromConnectData("t", Schemas.STRING, "x");
 * } catch (err) {
 *   console.log((err as Error).message); // "Invalid schema type for ByteArrayConverter: STRING"
 * }
 * ```
 * @module
 */
import { DataError } from "../connect/errors.ts";
import type { Header } from "../connect/record.ts";
import { type Schema, type SchemaAndValue, schemaTypeName } from "../connect/schema.ts";
import { Schemas } from "../connect/schema_builder.ts";
import { describeValueType } from "../connect/values.ts";
import type { Converter } from "./converter.ts";

/**
 * Kafka Connect's pass-through bytes converter; see the module documentation.
 *
 * @example
 * ```ts
 * import { ByteArrayConverter } from "./byte_array_converter.ts";
 * const bytes = new Uint8Array([7]);
 * console.log(new ByteArrayConverter().toConnectData("t", bytes).value === bytes); // true
 * ```
 */
export class ByteArrayConverter implements Converter {
  /** Kafka Connect's class name. */
  static readonly className: string = "org.apache.kafka.connect.converters.ByteArrayConverter";

  /** Nothing to configure. */
  configure(_config: Record<string, string>, _isKey: boolean): void {}

  /** The value's bytes (not copied when it is a `Uint8Array`); null for null. */
  fromConnectData(
    _topic: string,
    schema: Schema | null,
    value: unknown,
    _headers?: readonly Header[],
  ): Uint8Array | null {
    if (schema != null && schema.type !== "bytes") {
      throw new DataError(
        `Invalid schema type for ByteArrayConverter: ${schemaTypeName(schema.type)}`,
      );
    }
    if (value == null) return null;
    if (value instanceof Uint8Array) return value;
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    if (ArrayBuffer.isView(value)) {
      return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    }
    throw new DataError(
      `ByteArrayConverter is not compatible with objects of type ${describeValueType(value)}`,
    );
  }

  /** The same bytes, with an optional BYTES schema. */
  toConnectData(_topic: string, bytes: Uint8Array | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_BYTES, value: bytes };
  }
}
