/**
 * Kafka Connect's data schemas: the type system every record, converter and
 * connector shares.
 *
 * @example
 * ```ts
 * import { SchemaBuilder, Schemas } from "./schema.ts";
 * const user = SchemaBuilder.struct().name("User")
 *   .field("id", Schemas.INT32)
 *   .field("name", Schemas.OPTIONAL_STRING)
 *   .build();
 * console.log(user.fields?.map((f) => f.name)); // ["id", "name"]
 * ```
 * @module
 */

/** The schema types of Kafka Connect (`Schema.Type`), lower-cased. */
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

/** A named field of a struct schema. */
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
 * `Map<unknown, unknown>`; struct is `Struct`.
 */
export interface Schema {
  readonly type: SchemaType;
  readonly optional: boolean;
  readonly defaultValue?: unknown;
  readonly name?: string;
  readonly version?: number;
  readonly doc?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  /** Element schema of an array. */
  readonly valueSchema?: Schema;
  /** Key schema of a map (its value schema is `valueSchema`). */
  readonly keySchema?: Schema;
  /** Fields of a struct, in order. */
  readonly fields?: readonly Field[];
}

/** A schema together with a value of it, as returned by converters. */
export interface SchemaAndValue {
  readonly schema: Schema | null;
  readonly value: unknown;
}
