/**
 * The `Converter` interface: how record keys and values become bytes for
 * Kafka and back, as Kafka Connect's `org.apache.kafka.connect.storage.Converter`.
 *
 * A worker creates one converter for keys and one for values per connector
 * (see `./converters.ts`), calls `configure` once, then converts every record
 * with `fromConnectData` (source side) or `toConnectData` (sink side).
 *
 * @example
 * ```ts
 * import type { Converter } from "./converter.ts";
 * import { StringConverter } from "./string_converter.ts";
 * const converter: Converter = new StringConverter();
 * converter.configure({}, false);
 * const bytes = converter.fromConnectData("topic", null, "foo");
 * console.log(converter.toConnectData("topic", bytes).value); // "foo"
 * ```
 * @module
 */
import type { Header } from "../connect/record.ts";
import type { Schema, SchemaAndValue } from "../connect/schema.ts";

/**
 * Converts between Connect data (a schema and a value) and bytes.
 * Implementations throw a `DataError` for data they cannot convert.
 *
 * @example
 * ```ts
 * import type { Converter } from "./converter.ts";
 * import type { Schema, SchemaAndValue } from "../connect/schema.ts";
 * import { Schemas } from "../connect/schema_builder.ts";
 * class UpperCaseConverter implements Converter {
 *   configure(_config: Record<string, string>, _isKey: boolean): void {}
 *   fromConnectData(_topic: string, _schema: Schema | null, value: unknown): Uint8Array | null {
 *     return value == null ? null : new TextEncoder().encode(String(value).toUpperCase());
 *   }
 *   toConnectData(_topic: string, bytes: Uint8Array | null): SchemaAndValue {
 *     return { schema: Schemas.OPTIONAL_STRING, value: bytes && new TextDecoder().decode(bytes) };
 *   }
 * }
 * ```
 */
export interface Converter {
  /**
   * Configures the converter, once, before any conversion.
   *
   * @param config the converter's own properties, without the
   *   `key.converter.`/`value.converter.` prefix.
   * @param isKey whether it converts record keys (else values).
   */
  configure(config: Record<string, string>, isKey: boolean): void;

  /**
   * Serialises a value (with its schema, which may be null) for `topic`.
   * Returns null for a null value where the format has no null (a tombstone).
   */
  fromConnectData(
    topic: string,
    schema: Schema | null,
    value: unknown,
    headers?: readonly Header[],
  ): Uint8Array | null;

  /** Deserialises bytes read from `topic` (null for a tombstone). */
  toConnectData(topic: string, bytes: Uint8Array | null): SchemaAndValue;
}
