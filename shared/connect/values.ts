/**
 * Checking values against schemas, and equality of schemas and values, as
 * Kafka Connect's `ConnectSchema.validateValue` and `equals` do.
 *
 * Accepted values by schema type: int8/int16/int32 — an integer `number` in
 * range; int64 — a `bigint` or an integer `number` in the signed 64-bit
 * range; float32/float64 — a `number`; boolean; string; bytes — a
 * `Uint8Array`; array — an `Array`; map — a `Map` or a plain object (string
 * keys); struct — a `Struct` with an equal schema. Logical types need their
 * own value class: `BigDecimal` for Decimal, `Date` for Date, Time and
 * Timestamp.
 *
 * @example
 * ```ts
 * import { validateValue } from "./values.ts";
 * import { Schemas } from "./schema_builder.ts";
 * validateValue(Schemas.INT32, 42); // ok
 * try {
 *   validateValue(Schemas.INT32, "42", "count");
 * } catch (err) {
 *   console.log((err as Error).message);
 *   // 'Invalid value for schema with type INT32: string for field: "count"'
 * }
 * ```
 * @module
 */
import { DataError } from "./errors.ts";
import {
  BigDecimal,
  Decimal,
  LogicalDate,
  LogicalTime,
  LogicalTimestamp,
} from "./logical_types.ts";
import { type Schema, type SchemaType, schemaTypeName } from "./schema.ts";
import { Struct } from "./struct.ts";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;

/**
 * Whether `value` is a plain object (`{...}` or `Object.create(null)`), which
 * map schemas accept as a string-keyed map.
 *
 * @example
 * ```ts
 * import { isPlainObject } from "./values.ts";
 * console.log(isPlainObject({ a: 1 }), isPlainObject(new Map())); // true false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A short name of a value's type for error messages: `string`, `number`,
 * `bigint`, `null`, `Array`, `Map`, `Uint8Array`, `Struct`, `object`, ...
 *
 * @example
 * ```ts
 * import { describeValueType } from "./values.ts";
 * console.log(describeValueType(new Uint8Array(1)), describeValueType([])); // "Uint8Array" "Array"
 * ```
 */
export function describeValueType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  if (Array.isArray(value)) return "Array";
  if (isPlainObject(value)) return "object";
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } })
    .constructor?.name;
  return typeof name === "string" && name !== "" ? name : "object";
}

/**
 * Whether `value` is an integer `number` in the signed 64-bit range, or a
 * `bigint` in that range: a valid int64.
 *
 * @example
 * ```ts
 * import { isInt64 } from "./values.ts";
 * console.log(isInt64(2n ** 63n - 1n), isInt64(1.5)); // true false
 * ```
 */
export function isInt64(value: unknown): value is number | bigint {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= -TWO_63 && value < TWO_63;
  }
  return typeof value === "bigint" && value >= INT64_MIN && value <= INT64_MAX;
}

/**
 * The schema type Kafka Connect infers for a value without a schema
 * (`ConnectSchema.schemaType`), or null when it has none. JavaScript numbers
 * are int64 when integral (within 64 bits), float64 otherwise; a `bigint`
 * beyond 64 bits has none.
 *
 * @example
 * ```ts
 * import { inferSchemaType } from "./values.ts";
 * console.log(inferSchemaType(1), inferSchemaType(1.5), inferSchemaType({})); // "int64" "float64" "map"
 * ```
 */
export function inferSchemaType(value: unknown): SchemaType | null {
  switch (typeof value) {
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    case "bigint":
      return isInt64(value) ? "int64" : null;
    case "number":
      return isInt64(value) ? "int64" : "float64";
    case "object":
      if (value === null) return null;
      if (value instanceof Uint8Array) return "bytes";
      if (Array.isArray(value)) return "array";
      if (value instanceof Map || isPlainObject(value)) return "map";
      if (value instanceof Struct) return "struct";
      return null;
    default:
      return null;
  }
}

function isIntIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Whether `value` has the JavaScript type a schema of this type (and
 * logical name) takes; nested values are not looked at.
 *
 * @example
 * ```ts
 * import { hasValueType } from "./values.ts";
 * import { Schemas } from "./schema_builder.ts";
 * console.log(hasValueType(Schemas.INT8, 200), hasValueType(Schemas.INT16, 200)); // false true
 * ```
 */
export function hasValueType(schema: Schema, value: unknown): boolean {
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return value instanceof BigDecimal;
    case LogicalDate.LOGICAL_NAME:
    case LogicalTime.LOGICAL_NAME:
    case LogicalTimestamp.LOGICAL_NAME:
      return value instanceof globalThis.Date;
  }
  switch (schema.type) {
    case "int8":
      return isIntIn(value, -128, 127);
    case "int16":
      return isIntIn(value, -32768, 32767);
    case "int32":
      return isIntIn(value, -2147483648, 2147483647);
    case "int64":
      return isInt64(value);
    case "float32":
    case "float64":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "bytes":
      return value instanceof Uint8Array;
    case "array":
      return Array.isArray(value);
    case "map":
      return value instanceof Map || isPlainObject(value);
    case "struct":
      return value instanceof Struct;
  }
}

/**
 * Entries of a map value: a `Map`'s entries, or a plain object's own
 * enumerable string-keyed properties.
 *
 * @example
 * ```ts
 * import { mapEntries } from "./values.ts";
 * console.log([...mapEntries({ a: 1 })]); // [["a", 1]]
 * ```
 */
export function mapEntries(value: Map<unknown, unknown> | Record<string, unknown>): Iterable<
  [unknown, unknown]
> {
  return value instanceof Map ? value.entries() : Object.entries(value);
}

/**
 * Checks that `value` is valid for `schema`, recursively (Kafka Connect's
 * `ConnectSchema.validateValue`). Throws a `DataError` naming the problem;
 * `field` names the struct field being checked, for the message.
 *
 * @example
 * ```ts
 * import { validateValue } from "./values.ts";
 * import { SchemaBuilder, Schemas } from "./schema_builder.ts";
 * validateValue(SchemaBuilder.array(Schemas.STRING).build(), ["a", "b"]);
 * try {
 *   validateValue(Schemas.STRING, null, "name");
 * } catch (err) {
 *   console.log((err as Error).message);
 *   // 'Invalid value: null used for required field: "name", schema type: STRING'
 * }
 * ```
 */
export function validateValue(schema: Schema, value: unknown, field?: string): void {
  check(schema, value, field === undefined ? "value" : `field: "${field}"`);
}

function check(schema: Schema, value: unknown, location: string): void {
  if (value == null) {
    if (!schema.optional) {
      throw new DataError(
        `Invalid value: null used for required ${location}, schema type: ${
          schemaTypeName(schema.type)
        }`,
      );
    }
    return;
  }
  if (!hasValueType(schema, value)) {
    const name = schema.name != null ? ` "${schema.name}"` : "";
    throw new DataError(
      `Invalid value for schema${name} with type ${schemaTypeName(schema.type)}: ${
        describeValueType(value)
      } for ${location}`,
    );
  }
  switch (schema.type) {
    case "struct": {
      const struct = value as Struct;
      if (!schemaEquals(struct.schema, schema)) {
        throw new DataError("Struct schemas do not match.");
      }
      struct.validate();
      break;
    }
    case "array": {
      const entryLocation = `element of array ${location}`;
      const elementSchema = requireSchema(schema.valueSchema, entryLocation);
      for (const element of value as unknown[]) check(elementSchema, element, entryLocation);
      break;
    }
    case "map": {
      const keyLocation = `key of map ${location}`;
      const valueLocation = `value of map ${location}`;
      const keySchema = requireSchema(schema.keySchema, keyLocation);
      const valueSchema = requireSchema(schema.valueSchema, valueLocation);
      for (const [k, v] of mapEntries(value as Map<unknown, unknown>)) {
        check(keySchema, k, keyLocation);
        check(valueSchema, v, valueLocation);
      }
      break;
    }
  }
}

function requireSchema(schema: Schema | undefined, location: string): Schema {
  if (schema == null) throw new DataError(`No schema defined for ${location}`);
  return schema;
}

const equalSchemas = new WeakMap<Schema, WeakSet<Schema>>();

/**
 * Whether two schemas are equal (Kafka Connect's `ConnectSchema.equals`):
 * same type, optionality, name, version, doc, parameters, default value,
 * fields, key and value schemas. Absent and null are the same.
 *
 * @example
 * ```ts
 * import { schemaEquals } from "./values.ts";
 * import { SchemaBuilder } from "./schema_builder.ts";
 * const a = SchemaBuilder.int32().name("n").build();
 * const b = SchemaBuilder.int32().name("n").build();
 * console.log(a === b, schemaEquals(a, b)); // false true
 * ```
 */
export function schemaEquals(a: Schema | null | undefined, b: Schema | null | undefined): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  if (equalSchemas.get(a)?.has(b)) return true;
  if (
    a.type !== b.type || a.optional !== b.optional || (a.name ?? null) !== (b.name ?? null) ||
    (a.version ?? null) !== (b.version ?? null) || (a.doc ?? null) !== (b.doc ?? null) ||
    !parametersEqual(a.parameters, b.parameters) ||
    !valuesEqual(a.defaultValue ?? null, b.defaultValue ?? null) ||
    !schemaEquals(a.keySchema, b.keySchema) || !schemaEquals(a.valueSchema, b.valueSchema) ||
    !fieldsEqual(a, b)
  ) {
    return false;
  }
  // Remember equal pairs of frozen (so immutable) schemas: a struct written
  // with an equal but distinct schema object is then checked once.
  if (Object.isFrozen(a) && Object.isFrozen(b)) {
    let set = equalSchemas.get(a);
    if (set === undefined) equalSchemas.set(a, set = new WeakSet());
    set.add(b);
  }
  return true;
}

function parametersEqual(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  if (a == null || b == null) return a == null && b == null;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function fieldsEqual(a: Schema, b: Schema): boolean {
  const fa = a.fields;
  const fb = b.fields;
  if (fa == null || fb == null) return (fa?.length ?? 0) === 0 && (fb?.length ?? 0) === 0;
  if (fa.length !== fb.length) return false;
  for (let i = 0; i < fa.length; i++) {
    if (
      fa[i].name !== fb[i].name || fa[i].index !== fb[i].index ||
      !schemaEquals(fa[i].schema, fb[i].schema)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Deep equality of Connect values (Kafka Connect's `Objects.deepEquals`):
 * numbers as `Object.is` (NaN equals NaN, 0 differs from -0), an int64 as
 * `number` equals the same `bigint`, bytes by content, arrays and maps by
 * entries, structs by schema and values, dates by time, decimals by value
 * and scale.
 *
 * @example
 * ```ts
 * import { valuesEqual } from "./values.ts";
 * console.log(valuesEqual(new Map([["a", [1n]]]), new Map([["a", [1]]]))); // true
 * ```
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a == null || b == null) return a == null && b == null;
  if (typeof a === "bigint" || typeof b === "bigint") {
    if (typeof a === "number") return Number.isInteger(a) && BigInt(a) === b;
    if (typeof b === "number") return Number.isInteger(b) && BigInt(b) === a;
    return false;
  }
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Struct) return a.equals(b);
  if (a instanceof BigDecimal) return a.equals(b);
  if (a instanceof globalThis.Date) {
    return b instanceof globalThis.Date && Object.is(a.getTime(), b.getTime());
  }
  if ((a instanceof Map || isPlainObject(a)) && (b instanceof Map || isPlainObject(b))) {
    return mapsEqual(toMap(a), toMap(b));
  }
  return false;
}

function toMap(value: Map<unknown, unknown> | Record<string, unknown>): Map<unknown, unknown> {
  return value instanceof Map ? value : new Map(Object.entries(value));
}

function mapsEqual(a: Map<unknown, unknown>, b: Map<unknown, unknown>): boolean {
  if (a.size !== b.size) return false;
  outer: for (const [key, value] of a) {
    if (b.has(key)) {
      if (!valuesEqual(value, b.get(key))) return false;
      continue;
    }
    for (const [otherKey, otherValue] of b) {
      if (valuesEqual(key, otherKey)) {
        if (!valuesEqual(value, otherValue)) return false;
        continue outer;
      }
    }
    return false;
  }
  return true;
}
