/**
 * Building schemas: the fluent {@linkcode SchemaBuilder} (Kafka Connect's
 * `SchemaBuilder`) and the {@linkcode Schemas} constants (Kafka Connect's
 * `Schema.INT32_SCHEMA`, `Schema.OPTIONAL_STRING_SCHEMA`, ...).
 *
 * Built schemas are frozen plain objects implementing `Schema`; only the
 * properties that were set are present.
 *
 * @example
 * ```ts
 * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
 * const order = SchemaBuilder.struct().name("com.example.Order").version(2)
 *   .field("id", Schemas.INT64)
 *   .field("price", SchemaBuilder.decimal(2))
 *   .field("tags", SchemaBuilder.array(Schemas.STRING).optional())
 *   .build();
 * console.log(order.fields?.map((f) => `${f.name}:${f.schema.type}`));
 * // ["id:int64", "price:bytes", "tags:array"]
 * ```
 * @module
 */
import { DataError } from "./errors.ts";
import { Decimal, LogicalDate, LogicalTime, LogicalTimestamp } from "./logical_types.ts";
import { type Field, type Schema, type SchemaType, schemaTypeName } from "./schema.ts";
import { validateValue } from "./values.ts";

/**
 * A `DataError` thrown when a schema cannot be built, as Kafka Connect's
 * `SchemaBuilderException` (its messages are Kafka Connect's).
 *
 * @example
 * ```ts
 * import { SchemaBuilder, SchemaBuilderError } from "./schema_builder.ts";
 * try {
 *   SchemaBuilder.int32().name("a").name("b");
 * } catch (err) {
 *   console.log(err instanceof SchemaBuilderError, (err as Error).message);
 *   // true "Invalid SchemaBuilder call: name has already been set."
 * }
 * ```
 */
export class SchemaBuilderError extends DataError {}

function checkCanSet(what: string, current: unknown, next: unknown): void {
  if (current != null && current !== next) {
    throw new SchemaBuilderError(`Invalid SchemaBuilder call: ${what} has already been set.`);
  }
}

/**
 * A fluent builder of {@linkcode Schema}s, as Kafka Connect's
 * `SchemaBuilder`: start from a type (`SchemaBuilder.int32()`,
 * `SchemaBuilder.struct()`, ...), set what you need, then `build()`. Each
 * property can be set once (setting the same value again is allowed).
 * Wherever a schema is expected, a builder may be passed; it is built.
 *
 * @example
 * ```ts
 * import { SchemaBuilder } from "./schema_builder.ts";
 * const count = SchemaBuilder.int32().optional().defaultValue(0).name("Count")
 *   .doc("How many").parameter("unit", "items").build();
 * console.log(count); // { type: "int32", optional: true, defaultValue: 0, name: "Count", doc: "How many", parameters: { unit: "items" } }
 * ```
 */
export class SchemaBuilder {
  readonly #type: SchemaType;
  #optional: boolean | undefined;
  #defaultValue: unknown = null;
  #name: string | undefined;
  #version: number | undefined;
  #doc: string | undefined;
  #parameters: Record<string, string> | undefined;
  readonly #fields: Map<string, Field> | undefined;
  #keySchema: Schema | undefined;
  #valueSchema: Schema | undefined;

  /** A builder of a schema of this type. */
  constructor(type: SchemaType) {
    if (type == null) throw new SchemaBuilderError("type cannot be null");
    this.#type = type;
    if (type === "struct") this.#fields = new Map();
  }

  /** A builder of this type (same as the constructor). */
  static type(type: SchemaType): SchemaBuilder {
    return new SchemaBuilder(type);
  }
  /** An int8 schema builder. */
  static int8(): SchemaBuilder {
    return new SchemaBuilder("int8");
  }
  /** An int16 schema builder. */
  static int16(): SchemaBuilder {
    return new SchemaBuilder("int16");
  }
  /** An int32 schema builder. */
  static int32(): SchemaBuilder {
    return new SchemaBuilder("int32");
  }
  /** An int64 schema builder. */
  static int64(): SchemaBuilder {
    return new SchemaBuilder("int64");
  }
  /** A float32 schema builder. */
  static float32(): SchemaBuilder {
    return new SchemaBuilder("float32");
  }
  /** A float64 schema builder. */
  static float64(): SchemaBuilder {
    return new SchemaBuilder("float64");
  }
  /** A boolean schema builder. */
  static bool(): SchemaBuilder {
    return new SchemaBuilder("boolean");
  }
  /** A string schema builder. */
  static string(): SchemaBuilder {
    return new SchemaBuilder("string");
  }
  /** A bytes schema builder. */
  static bytes(): SchemaBuilder {
    return new SchemaBuilder("bytes");
  }
  /** A struct schema builder; add fields with {@linkcode SchemaBuilder.field}. */
  static struct(): SchemaBuilder {
    return new SchemaBuilder("struct");
  }

  /** An array schema builder with this element schema. */
  static array(valueSchema: Schema | SchemaBuilder): SchemaBuilder {
    if (valueSchema == null) throw new SchemaBuilderError("valueSchema cannot be null.");
    const builder = new SchemaBuilder("array");
    builder.#valueSchema = asSchema(valueSchema);
    return builder;
  }

  /** A map schema builder with these key and value schemas. */
  static map(
    keySchema: Schema | SchemaBuilder,
    valueSchema: Schema | SchemaBuilder,
  ): SchemaBuilder {
    if (keySchema == null) throw new SchemaBuilderError("keySchema cannot be null.");
    if (valueSchema == null) throw new SchemaBuilderError("valueSchema cannot be null.");
    const builder = new SchemaBuilder("map");
    builder.#keySchema = asSchema(keySchema);
    builder.#valueSchema = asSchema(valueSchema);
    return builder;
  }

  /** A Decimal logical type builder (Kafka Connect's `Decimal.builder(scale)`). */
  static decimal(scale: number): SchemaBuilder {
    if (!Number.isInteger(scale)) {
      throw new SchemaBuilderError(`Cannot build Decimal schema: scale ${scale} is not an integer`);
    }
    return SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME)
      .parameter(Decimal.SCALE_FIELD, String(scale)).version(1);
  }
  /** A Date logical type builder (int32 days). */
  static date(): SchemaBuilder {
    return SchemaBuilder.int32().name(LogicalDate.LOGICAL_NAME).version(1);
  }
  /** A Time logical type builder (int32 milliseconds of the day). */
  static time(): SchemaBuilder {
    return SchemaBuilder.int32().name(LogicalTime.LOGICAL_NAME).version(1);
  }
  /** A Timestamp logical type builder (int64 epoch milliseconds). */
  static timestamp(): SchemaBuilder {
    return SchemaBuilder.int64().name(LogicalTimestamp.LOGICAL_NAME).version(1);
  }

  /** Makes the schema optional (null is a valid value). */
  optional(): this {
    checkCanSet("optional", this.#optional, true);
    this.#optional = true;
    return this;
  }

  /** Makes the schema required (the default). */
  required(): this {
    checkCanSet("optional", this.#optional, false);
    this.#optional = false;
    return this;
  }

  /**
   * Sets the default value, which must be valid for the schema built so far.
   * As in Kafka Connect, a struct schema cannot have a default.
   */
  defaultValue(value: unknown): this {
    checkCanSet("default", this.#defaultValue, value);
    try {
      if (this.#type === "struct" && value != null) {
        throw new DataError("Struct schemas do not match.");
      }
      validateValue(this.build(), value);
    } catch (err) {
      throw new SchemaBuilderError("Invalid default value", { cause: err });
    }
    this.#defaultValue = value ?? null;
    return this;
  }

  /** Sets the name (e.g. a record name or a logical type's name). */
  name(name: string): this {
    checkCanSet("name", this.#name, name);
    this.#name = name;
    return this;
  }

  /** Sets the version. */
  version(version: number): this {
    checkCanSet("version", this.#version, version);
    this.#version = version;
    return this;
  }

  /** Sets the documentation. */
  doc(doc: string): this {
    checkCanSet("doc", this.#doc, doc);
    this.#doc = doc;
    return this;
  }

  /** Adds (or replaces) one parameter; parameters keep insertion order. */
  parameter(name: string, value: string): this {
    (this.#parameters ??= {})[name] = value;
    return this;
  }

  /** Adds (or replaces) parameters; an empty object adds nothing. */
  parameters(parameters: Readonly<Record<string, string>>): this {
    for (const [k, v] of Object.entries(parameters)) this.parameter(k, v);
    return this;
  }

  /** Appends a field to a struct schema. */
  field(name: string, schema: Schema | SchemaBuilder): this {
    if (this.#fields === undefined) {
      throw new SchemaBuilderError(`Cannot create fields on type ${schemaTypeName(this.#type)}`);
    }
    if (name == null || name === "") throw new SchemaBuilderError("fieldName cannot be null.");
    if (schema == null) {
      throw new SchemaBuilderError(`fieldSchema for field ${name} cannot be null.`);
    }
    if (this.#fields.has(name)) {
      throw new SchemaBuilderError(`Cannot create field because of field name duplication ${name}`);
    }
    this.#fields.set(
      name,
      Object.freeze({ name, index: this.#fields.size, schema: asSchema(schema) }),
    );
    return this;
  }

  /** Builds the (frozen) schema. The builder can go on being used. */
  build(): Schema {
    const schema: {
      -readonly [K in keyof Schema]: Schema[K];
    } = { type: this.#type, optional: this.#optional ?? false };
    if (this.#defaultValue != null) schema.defaultValue = this.#defaultValue;
    if (this.#name != null) schema.name = this.#name;
    if (this.#version != null) schema.version = this.#version;
    if (this.#doc != null) schema.doc = this.#doc;
    if (this.#parameters !== undefined) schema.parameters = Object.freeze({ ...this.#parameters });
    if (this.#keySchema !== undefined) schema.keySchema = this.#keySchema;
    if (this.#valueSchema !== undefined) schema.valueSchema = this.#valueSchema;
    if (this.#fields !== undefined) schema.fields = Object.freeze([...this.#fields.values()]);
    return Object.freeze(schema);
  }
}

function asSchema(schema: Schema | SchemaBuilder): Schema {
  return schema instanceof SchemaBuilder ? schema.build() : schema;
}

function primitive(type: SchemaType, optional: boolean): Schema {
  return Object.freeze({ type, optional });
}

/**
 * The plain schemas of every primitive type, required and optional (Kafka
 * Connect's `Schema.INT8_SCHEMA` ... `Schema.OPTIONAL_BYTES_SCHEMA`).
 *
 * @example
 * ```ts
 * import { Schemas } from "./schema_builder.ts";
 * console.log(Schemas.STRING, Schemas.OPTIONAL_INT64);
 * // { type: "string", optional: false } { type: "int64", optional: true }
 * ```
 */
export const Schemas = Object.freeze({
  INT8: primitive("int8", false),
  INT16: primitive("int16", false),
  INT32: primitive("int32", false),
  INT64: primitive("int64", false),
  FLOAT32: primitive("float32", false),
  FLOAT64: primitive("float64", false),
  BOOLEAN: primitive("boolean", false),
  STRING: primitive("string", false),
  BYTES: primitive("bytes", false),
  OPTIONAL_INT8: primitive("int8", true),
  OPTIONAL_INT16: primitive("int16", true),
  OPTIONAL_INT32: primitive("int32", true),
  OPTIONAL_INT64: primitive("int64", true),
  OPTIONAL_FLOAT32: primitive("float32", true),
  OPTIONAL_FLOAT64: primitive("float64", true),
  OPTIONAL_BOOLEAN: primitive("boolean", true),
  OPTIONAL_STRING: primitive("string", true),
  OPTIONAL_BYTES: primitive("bytes", true),
});
