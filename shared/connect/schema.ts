/**
 * Kafka Connect's data schemas: the type system every record, converter and
 * connector shares.
 *
 * This module holds the shapes only (plus two small helpers). Build schemas
 * with `SchemaBuilder` and the `Schemas` constants (`./schema_builder.ts`),
 * make struct values with `Struct` (`./struct.ts`), check values with
 * `validateValue` (`./values.ts`) and use the logical types (`Decimal`,
 * `LogicalDate`, `LogicalTime`, `LogicalTimestamp`) from `./logical_types.ts`.
 *
 * @example
 * ```ts
 * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
 * const user = SchemaBuilder.struct().name("User")
 *   .field("id", Schemas.INT32)
 *   .field("name", Schemas.OPTIONAL_STRING)
 *   .build();
 * console.log(user.fields?.map((f) => f.name)); // ["id", "name"]
 * ```
 * @module
 */

/**
 * The schema types of Kafka Connect (`Schema.Type`), lower-cased.
 *
 * @example
 * ```ts
 * import type { SchemaType } from "./schema.ts";
 * const type: SchemaType = "int64";
 * ```
 */
export type SchemaType =
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "float32"
  | "float64"
  | "boolean"
  | "string"
  | "bytes"
  | "array"
  | "map"
  | "struct";

/**
 * A named field of a struct schema.
 *
 * @example
 * ```ts
 * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
 * const schema = SchemaBuilder.struct().field("id", Schemas.INT32).build();
 * const field = schema.fields![0];
 * console.log(field.name, field.index, field.schema.type); // "id" 0 "int32"
 * ```
 */
export interface Field {
  /** The field's name. */
  readonly name: string;
  /** Its position in the struct, from 0. */
  readonly index: number;
  /** The field's schema. */
  readonly schema: Schema;
}

/**
 * An immutable schema, as Kafka Connect's `Schema`.
 *
 * Values by type: int8/16/32 and float32/64 are `number`; int64 is `number`
 * when it is a safe integer and `bigint` otherwise; boolean is `boolean`;
 * string is `string`; bytes is `Uint8Array`; array is `unknown[]`; map is
 * `Map<unknown, unknown>`; struct is `Struct`. Logical types (named by
 * `name`, see `./logical_types.ts`) use `BigDecimal` (Decimal) and `Date`
 * (Date, Time, Timestamp).
 *
 * An absent (or `null`) `defaultValue`, `name`, `version`, `doc` or
 * `parameters` means "not set", as `null` does in Kafka Connect.
 *
 * @example
 * ```ts
 * import type { Schema } from "./schema.ts";
 * const count: Schema = { type: "int32", optional: true, defaultValue: 0, name: "Count" };
 * ```
 */
export interface Schema {
  /** The type of values this schema describes. */
  readonly type: SchemaType;
  /** Whether `null` is a valid value. */
  readonly optional: boolean;
  /** Value used in place of `null` (converters replace a null with it). */
  readonly defaultValue?: unknown;
  /** Name, e.g. a record name or a logical type's name. */
  readonly name?: string;
  /** Version of the named schema. */
  readonly version?: number;
  /** Documentation. */
  readonly doc?: string;
  /** Free-form parameters, e.g. a Decimal's `scale`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Element schema of an array. */
  readonly valueSchema?: Schema;
  /** Key schema of a map (its value schema is `valueSchema`). */
  readonly keySchema?: Schema;
  /** Fields of a struct, in order. */
  readonly fields?: readonly Field[];
}

/**
 * A schema together with a value of it, as returned by converters.
 *
 * @example
 * ```ts
 * import type { SchemaAndValue } from "./schema.ts";
 * import { Schemas } from "./schema_builder.ts";
 * const sv: SchemaAndValue = { schema: Schemas.OPTIONAL_STRING, value: "foo" };
 * const tombstone: SchemaAndValue = { schema: null, value: null };
 * ```
 */
export interface SchemaAndValue {
  readonly schema: Schema | null;
  readonly value: unknown;
}

/**
 * Kafka Connect's name of a schema type (`Schema.Type.toString()`), as used
 * in its error messages: `"INT32"`, `"FLOAT64"`, `"STRUCT"`, ...
 *
 * @example
 * ```ts
 * import { schemaTypeName } from "./schema.ts";
 * console.log(schemaTypeName("float64")); // "FLOAT64"
 * ```
 */
export function schemaTypeName(type: SchemaType): string {
  return type.toUpperCase();
}

/**
 * A short description of a schema, as Kafka Connect's
 * `ConnectSchema.toString()`: `Schema{INT32}` or `Schema{User:STRUCT}`.
 *
 * @example
 * ```ts
 * import { schemaToString } from "./schema.ts";
 * console.log(schemaToString({ type: "struct", optional: false, name: "User" }));
 * // "Schema{User:STRUCT}"
 * ```
 */
export function schemaToString(schema: Schema): string {
  const type = schemaTypeName(schema.type);
  return schema.name != null ? `Schema{${schema.name}:${type}}` : `Schema{${type}}`;
}
