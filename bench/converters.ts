/**
 * The converter settings the bench gives connectors: the same keys for
 * Tributary and Kafka Connect.
 *
 * @example
 * ```ts
 * import { converterConfig } from "./converters.ts";
 * console.log(converterConfig("string")["value.converter"]);
 * // "org.apache.kafka.connect.storage.StringConverter"
 * ```
 * @module
 */

/**
 * The converters compared.
 *
 * @example
 * ```ts
 * import type { ConverterKind } from "./converters.ts";
 * const kind: ConverterKind = "json";
 * ```
 */
export type ConverterKind = "json" | "string";

const CLASSES: Record<ConverterKind, string> = {
  json: "org.apache.kafka.connect.json.JsonConverter",
  string: "org.apache.kafka.connect.storage.StringConverter",
};

/**
 * `key.converter` and `value.converter` set to the kind's class (JsonConverter
 * keeps its default `schemas.enable=true`).
 *
 * @example
 * ```ts
 * import { converterConfig } from "./converters.ts";
 * console.log(Object.keys(converterConfig("json"))); // ["key.converter", "value.converter"]
 * ```
 */
export function converterConfig(kind: ConverterKind): Record<string, string> {
  return { "key.converter": CLASSES[kind], "value.converter": CLASSES[kind] };
}

/**
 * The class name's simple form for labels, e.g. `JsonConverter`.
 *
 * @example
 * ```ts
 * import { converterLabel } from "./converters.ts";
 * console.log(converterLabel("string")); // "StringConverter"
 * ```
 */
export function converterLabel(kind: ConverterKind): string {
  return CLASSES[kind].slice(CLASSES[kind].lastIndexOf(".") + 1);
}
