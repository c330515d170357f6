/**
 * Connect schemas in Kafka Connect's JSON form, as JsonConverter's envelope
 * carries them:
 *
 * `{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false,"name":"User"}`
 *
 * Writing uses Kafka Connect's key order — `type`, then `items` (array) or
 * `keys`,`values` (map) or `fields` (struct), then `optional` (always), then
 * `name`, `version`, `doc`, `parameters`, `default` when set — and the type
 * names `float` (FLOAT32) and `double` (FLOAT64). A struct field is its
 * schema with `"field":"<name>"` appended.
 *
 * Reading is as lenient and as strict as Kafka Connect's, with its error
 * messages: a missing `optional` means required, metadata of the wrong JSON
 * type is ignored, and `default` is converted with the schema read so far.
 *
 * @example
 * ```ts
 * import { readJsonSchema, writeJsonSchema } from "./json_schema.ts";
 * import { parseJson } from "./json_parser.ts";
 * import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
 * const schema = SchemaBuilder.array(Schemas.OPTIONAL_FLOAT64).name("readings").build();
 * const text = writeJsonSchema(schema, () => "null");
 * console.log(text); // '{"type":"array","items":{"type":"double","optional":true},"optional":false,"name":"readings"}'
 * console.log(readJsonSchema(parseJson(text), () => null)?.valueSchema); // { type: "float64", optional: true }
 * ```
 * @module
 */
import { DataError } from "../connect/errors.ts";
import type { Schema, SchemaType } from "../connect/schema.ts";
import { SchemaBuilder } from "../connect/schema_builder.ts";
import type { JsonNode } from "./json_node.ts";
import { intValue, isIntegral } from "./json_node.ts";
import { quoteJsonString } from "./json_text.ts";

const WRITE_TYPE_NAMES: Record<SchemaType, string> = {
  int8: "int8",
  int16: "int16",
  int32: "int32",
  int64: "int64",
  float32: "float",
  float64: "double",
  boolean: "boolean",
  string: "string",
  bytes: "bytes",
  array: "array",
  map: "map",
  struct: "struct",
};

const READ_TYPES: Record<string, SchemaType> = {
  boolean: "boolean",
  int8: "int8",
  int16: "int16",
  int32: "int32",
  int64: "int64",
  float: "float32",
  double: "float64",
  bytes: "bytes",
  string: "string",
  array: "array",
  map: "map",
  struct: "struct",
};

/**
 * Writes a default value as JSON; the JSON converter passes its own value
 * conversion (which depends on its configuration).
 *
 * @example
 * ```ts
 * import type { DefaultWriter } from "./json_schema.ts";
 * const write: DefaultWriter = (_schema, value) => JSON.stringify(value);
 * ```
 */
export type DefaultWriter = (schema: Schema, value: unknown) => string;

/**
 * Converts a `default` JSON node to a value of the schema read so far.
 *
 * @example
 * ```ts
 * import type { DefaultReader } from "./json_schema.ts";
 * const read: DefaultReader = (_schema, node) => node;
 * ```
 */
export type DefaultReader = (schema: Schema, node: JsonNode) => unknown;

/**
 * A schema's JSON text, in Kafka Connect's exact form (see the module
 * documentation). `cache`, if given, holds the text of every schema written,
 * nested ones included, keyed by schema object.
 *
 * @example
 * ```ts
 * import { writeJsonSchema } from "./json_schema.ts";
 * import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
 * const user = SchemaBuilder.struct().name("User").field("id", Schemas.INT32)
 *   .field("name", Schemas.OPTIONAL_STRING).build();
 * console.log(writeJsonSchema(user, () => "null"));
 * // '{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"User"}'
 * ```
 */
export function writeJsonSchema(
  schema: Schema,
  writeDefault: DefaultWriter,
  cache?: WeakMap<Schema, string>,
): string {
  const cached = cache?.get(schema);
  if (cached !== undefined) return cached;
  let text = '{"type":"' + WRITE_TYPE_NAMES[schema.type] + '"';
  switch (schema.type) {
    case "array":
      text += ',"items":' + writeNested(schema.valueSchema, "array", writeDefault, cache);
      break;
    case "map":
      text += ',"keys":' + writeNested(schema.keySchema, "map key", writeDefault, cache) +
        ',"values":' + writeNested(schema.valueSchema, "map value", writeDefault, cache);
      break;
    case "struct":
      text += ',"fields":[' + (schema.fields ?? []).map((field) => {
        const fieldText = writeJsonSchema(field.schema, writeDefault, cache);
        return fieldText.slice(0, -1) + ',"field":' + quoteJsonString(field.name) + "}";
      }).join(",") + "]";
      break;
  }
  text += ',"optional":' + (schema.optional ? "true" : "false");
  if (schema.name != null) text += ',"name":' + quoteJsonString(schema.name);
  if (schema.version != null) text += ',"version":' + String(schema.version);
  if (schema.doc != null) text += ',"doc":' + quoteJsonString(schema.doc);
  if (schema.parameters != null) {
    text += ',"parameters":{' + Object.entries(schema.parameters)
      .map(([k, v]) => quoteJsonString(k) + ":" + quoteJsonString(v)).join(",") +
      "}";
  }
  if (schema.defaultValue != null) {
    text += ',"default":' + writeDefault(schema, schema.defaultValue);
  }
  text += "}";
  cache?.set(schema, text);
  return text;
}

function writeNested(
  schema: Schema | undefined,
  what: string,
  writeDefault: DefaultWriter,
  cache: WeakMap<Schema, string> | undefined,
): string {
  if (schema == null) {
    throw new DataError(`Cannot write schema as JSON: the ${what} schema is missing`);
  }
  return writeJsonSchema(schema, writeDefault, cache);
}

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node instanceof Map ? node.get(key) : undefined;
}

/**
 * The schema a JSON node describes, or null for JSON `null` (Kafka Connect's
 * `JsonConverter.asConnectSchema`). Throws a `DataError` with Kafka
 * Connect's message for an invalid schema.
 *
 * @example
 * ```ts
 * import { readJsonSchema } from "./json_schema.ts";
 * import { parseJson } from "./json_parser.ts";
 * try {
 *   readJsonSchema(parseJson('{"type":"int128"}'), () => null);
 * } catch (err) {
 *   console.log((err as Error).message); // "Unknown schema type: int128"
 * }
 * ```
 */
export function readJsonSchema(
  node: JsonNode | undefined,
  readDefault: DefaultReader,
): Schema | null {
  if (node === null) return null;
  const typeNode = member(node, "type");
  if (typeof typeNode !== "string") throw new DataError("Schema must contain 'type' field");
  const type = Object.hasOwn(READ_TYPES, typeNode) ? READ_TYPES[typeNode] : undefined;
  let builder: SchemaBuilder;
  switch (type) {
    case undefined:
      throw new DataError(`Unknown schema type: ${typeNode}`);
    case "array": {
      const items = member(node, "items");
      if (items == null) throw new DataError("Array schema did not specify the element type");
      builder = SchemaBuilder.array(readJsonSchema(items, readDefault)!);
      break;
    }
    case "map": {
      const keys = member(node, "keys");
      if (keys === undefined) throw new DataError("Map schema did not specify the key type");
      const values = member(node, "values");
      if (values === undefined) throw new DataError("Map schema did not specify the value type");
      builder = SchemaBuilder.map(
        readJsonSchema(keys, readDefault)!,
        readJsonSchema(values, readDefault)!,
      );
      break;
    }
    case "struct": {
      builder = SchemaBuilder.struct();
      const fields = member(node, "fields");
      if (!Array.isArray(fields)) {
        throw new DataError('Struct schema\'s "fields" argument is not an array.');
      }
      for (const field of fields) {
        const name = member(field, "field");
        if (typeof name !== "string") {
          throw new DataError("Struct schema's field name not specified properly");
        }
        builder.field(name, readJsonSchema(field, readDefault)!);
      }
      break;
    }
    default:
      builder = new SchemaBuilder(type);
  }
  if (member(node, "optional") === true) builder.optional();
  else builder.required();
  const name = member(node, "name");
  if (typeof name === "string") builder.name(name);
  const version = member(node, "version");
  if (isIntegral(version)) builder.version(intValue(version));
  const doc = member(node, "doc");
  if (typeof doc === "string") builder.doc(doc);
  const parameters = member(node, "parameters");
  if (parameters instanceof Map) {
    for (const [key, value] of parameters) {
      if (typeof value !== "string") {
        throw new DataError("Schema parameters must have string values.");
      }
      builder.parameter(key, value);
    }
  }
  const defaultNode = member(node, "default");
  if (defaultNode !== undefined) builder.defaultValue(readDefault(builder.build(), defaultNode));
  return builder.build();
}
