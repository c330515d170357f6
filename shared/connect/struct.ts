/**
 * `Struct`: a value of a struct schema, with its field values, as Kafka
 * Connect's `org.apache.kafka.connect.data.Struct`.
 *
 * @example
 * ```ts
 * import { Struct } from "./struct.ts";
 * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
 * const schema = SchemaBuilder.struct().name("User")
 *   .field("id", Schemas.INT32)
 *   .field("name", Schemas.OPTIONAL_STRING)
 *   .build();
 * const user = new Struct(schema).put("id", 1).put("name", "a");
 * user.validate();
 * console.log(user.get("id"), user.toString()); // 1 "Struct{id=1,name=a}"
 * ```
 * @module
 */
import { DataError } from "./errors.ts";
import { type Field, type Schema, schemaToString } from "./schema.ts";
import { schemaEquals, validateValue, valuesEqual } from "./values.ts";

const fieldsByName = new WeakMap<Schema, Map<string, Field>>();

/**
 * The field of a struct schema with this name, or undefined.
 *
 * @example
 * ```ts
 * import { fieldOf } from "./struct.ts";
 * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
 * const schema = SchemaBuilder.struct().field("id", Schemas.INT32).build();
 * console.log(fieldOf(schema, "id")?.index, fieldOf(schema, "nope")); // 0 undefined
 * ```
 */
export function fieldOf(schema: Schema, name: string): Field | undefined {
  let byName = fieldsByName.get(schema);
  if (byName === undefined) {
    byName = new Map((schema.fields ?? []).map((f) => [f.name, f]));
    fieldsByName.set(schema, byName);
  }
  return byName.get(name);
}

/**
 * A struct value: a struct schema and one value per field. `put` checks each
 * value against its field's schema; `validate` checks that every required
 * field is set.
 *
 * @example
 * ```ts
 * import { Struct } from "./struct.ts";
 * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
 * const schema = SchemaBuilder.struct().field("n", Schemas.INT64).build();
 * try {
 *   new Struct(schema).validate();
 * } catch (err) {
 *   console.log((err as Error).message);
 *   // 'Invalid value: null used for required field: "n", schema type: INT64'
 * }
 * ```
 */
export class Struct {
  /** The struct's schema. */
  readonly schema: Schema;
  readonly #values: unknown[];

  /** Creates an empty struct (every field null) of a struct schema. */
  constructor(schema: Schema) {
    if (schema.type !== "struct") {
      throw new DataError(`Not a struct schema: ${schemaToString(schema)}`);
    }
    this.schema = schema;
    this.#values = new Array((schema.fields ?? []).length).fill(null);
  }

  /**
   * The field with this name; throws a `DataError` if there is none.
   *
   * @example
   * ```ts
   * import { Struct } from "./struct.ts";
   * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
   * const s = new Struct(SchemaBuilder.struct().field("id", Schemas.INT32).build());
   * console.log(s.field("id").schema.type); // "int32"
   * ```
   */
  field(name: string): Field {
    const field = fieldOf(this.schema, name);
    if (field === undefined) throw new DataError(`${name} is not a valid field name`);
    return field;
  }

  /**
   * A field's value, or its schema's default value when the field is null.
   *
   * @example
   * ```ts
   * import { Struct } from "./struct.ts";
   * import { SchemaBuilder } from "./schema_builder.ts";
   * const schema = SchemaBuilder.struct()
   *   .field("n", SchemaBuilder.int32().optional().defaultValue(7).build()).build();
   * console.log(new Struct(schema).get("n")); // 7
   * ```
   */
  get(field: string | Field): unknown {
    const f = typeof field === "string" ? this.field(field) : field;
    const value = this.#values[f.index];
    return value === null ? f.schema.defaultValue ?? null : value;
  }

  /**
   * A field's value as set: null when unset, even if there is a default.
   *
   * @example
   * ```ts
   * import { Struct } from "./struct.ts";
   * import { SchemaBuilder } from "./schema_builder.ts";
   * const schema = SchemaBuilder.struct()
   *   .field("n", SchemaBuilder.int32().optional().defaultValue(7).build()).build();
   * console.log(new Struct(schema).getWithoutDefault("n")); // null
   * ```
   */
  getWithoutDefault(field: string | Field): unknown {
    const f = typeof field === "string" ? this.field(field) : field;
    return this.#values[f.index];
  }

  /**
   * Sets a field, after checking the value against the field's schema
   * (`undefined` is stored as null). Returns this struct, for chaining.
   *
   * A `Field` argument is trusted to belong to this struct's schema.
   *
   * @example
   * ```ts
   * import { Struct } from "./struct.ts";
   * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
   * const s = new Struct(SchemaBuilder.struct().field("id", Schemas.INT32).build());
   * s.put("id", 3);
   * try {
   *   s.put("id", "3");
   * } catch (err) {
   *   console.log((err as Error).message);
   *   // 'Invalid value for schema with type INT32: string for field: "id"'
   * }
   * ```
   */
  put(field: string | Field, value: unknown): this {
    const f = typeof field === "string" ? this.field(field) : field;
    validateValue(f.schema, value, f.name);
    this.#values[f.index] = value ?? null;
    return this;
  }

  /**
   * Checks every field: required fields without a value (and without a
   * default) fail, as do values that do not match their schema.
   *
   * @example
   * ```ts
   * import { Struct } from "./struct.ts";
   * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
   * new Struct(SchemaBuilder.struct().field("x", Schemas.OPTIONAL_STRING).build()).validate();
   * ```
   */
  validate(): void {
    for (const field of this.schema.fields ?? []) {
      const value = this.#values[field.index];
      if (value === null && (field.schema.optional || field.schema.defaultValue != null)) {
        continue;
      }
      validateValue(field.schema, value, field.name);
    }
  }

  /**
   * Whether `other` is a struct with an equal schema and equal values.
   *
   * @example
   * ```ts
   * import { Struct } from "./struct.ts";
   * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
   * const schema = SchemaBuilder.struct().field("id", Schemas.INT32).build();
   * console.log(new Struct(schema).put("id", 1).equals(new Struct(schema).put("id", 1))); // true
   * ```
   */
  equals(other: unknown): boolean {
    if (this === other) return true;
    if (!(other instanceof Struct) || !schemaEquals(this.schema, other.schema)) return false;
    const fields = this.schema.fields ?? [];
    return fields.every((f) => valuesEqual(this.#values[f.index], other.#values[f.index]));
  }

  /**
   * `Struct{name=value,...}` listing the non-null fields, as Kafka Connect's.
   *
   * @example
   * ```ts
   * import { Struct } from "./struct.ts";
   * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
   * const schema = SchemaBuilder.struct().field("a", Schemas.INT32)
   *   .field("b", Schemas.OPTIONAL_STRING).build();
   * console.log(new Struct(schema).put("a", 1).toString()); // "Struct{a=1}"
   * ```
   */
  toString(): string {
    const parts: string[] = [];
    for (const field of this.schema.fields ?? []) {
      const value = this.#values[field.index];
      if (value !== null) parts.push(`${field.name}=${describe(value)}`);
    }
    return `Struct{${parts.join(",")}}`;
  }
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `[${value.join(", ")}]`;
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${describe(k)}=${describe(v)}`).join(", ")}}`;
  }
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
