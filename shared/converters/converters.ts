/**
 * Creating converters by class name, as a worker does for `key.converter`
 * and `value.converter`: Kafka Connect's full class names
 * (`org.apache.kafka.connect.json.JsonConverter`, ...) and their simple names
 * (`JsonConverter`, ...) are both accepted, and a converter is configured
 * from the properties under its prefix (`value.converter.schemas.enable=false`
 * configures `schemas.enable=false`).
 *
 * @example
 * ```ts
 * import { converterFromProperties } from "./converters.ts";
 * const converter = converterFromProperties({
 *   "value.converter": "org.apache.kafka.connect.json.JsonConverter",
 *   "value.converter.schemas.enable": "false",
 * }, "value.converter");
 * console.log(new TextDecoder().decode(converter.fromConnectData("t", null, "x")!)); // '"x"'
 * ```
 * @module
 */
import { pluginClassName, simpleClassName } from "../connect/class_name.ts";
import { ConnectError } from "../connect/errors.ts";
import { ByteArrayConverter } from "./byte_array_converter.ts";
import type { Converter } from "./converter.ts";
import { JsonConverter } from "./json_converter.ts";
import { StringConverter } from "./string_converter.ts";

/**
 * A converter class: constructible without arguments, named by its static
 * `className` (else its JavaScript name).
 *
 * @example
 * ```ts
 * import type { ConverterClass } from "./converters.ts";
 * import { StringConverter } from "./string_converter.ts";
 * const cls: ConverterClass = StringConverter;
 * ```
 */
export type ConverterClass = (new () => Converter) & {
  readonly name: string;
  readonly className?: string;
};

/**
 * The properties under `prefix.`, with the prefix removed (Kafka's
 * `originalsWithPrefix`).
 *
 * @example
 * ```ts
 * import { converterConfig } from "./converters.ts";
 * console.log(converterConfig({
 *   "value.converter": "JsonConverter",
 *   "value.converter.schemas.enable": "false",
 *   "key.converter.schemas.enable": "true",
 * }, "value.converter")); // { "schemas.enable": "false" }
 * ```
 */
export function converterConfig(
  properties: Readonly<Record<string, string>>,
  prefix: string,
): Record<string, string> {
  const start = prefix.endsWith(".") ? prefix : prefix + ".";
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key.startsWith(start) && key.length > start.length) config[key.slice(start.length)] = value;
  }
  return config;
}

/**
 * Known converter classes by full and simple name.
 *
 * @example
 * ```ts
 * import { ConverterRegistry } from "./converters.ts";
 * import { StringConverter } from "./string_converter.ts";
 * const registry = new ConverterRegistry([StringConverter]);
 * console.log(registry.classNames); // ["org.apache.kafka.connect.storage.StringConverter"]
 * console.log(registry.has("StringConverter")); // true
 * ```
 */
export class ConverterRegistry {
  readonly #byName = new Map<string, ConverterClass>();
  readonly #fullNames = new Set<string>();

  /** @param classes the converter classes to start with. */
  constructor(classes: Iterable<ConverterClass> = []) {
    for (const cls of classes) this.register(cls);
  }

  /** Adds a class under its full name and its simple name. */
  register(cls: ConverterClass): this {
    const full = pluginClassName(cls);
    this.#fullNames.add(full);
    this.#byName.set(full, cls);
    this.#byName.set(simpleClassName(full), cls);
    return this;
  }

  /** The full names of the known classes, sorted. */
  get classNames(): string[] {
    return [...this.#fullNames].sort();
  }

  /** Whether a class of this (full or simple) name is known. */
  has(className: string): boolean {
    return this.#byName.has(className.trim());
  }

  /**
   * Creates and configures a converter. Throws a `ConnectError` for an
   * unknown class; the converter's own `configure` errors pass through.
   */
  create(className: string, config: Record<string, string> = {}, isKey = false): Converter {
    const cls = this.#byName.get(className.trim());
    if (cls === undefined) {
      throw new ConnectError(
        `Cannot create converter: unknown class ${className} (known: ${
          this.classNames.join(", ")
        })`,
      );
    }
    const converter = new cls();
    converter.configure(config, isKey);
    return converter;
  }

  /**
   * Creates the converter a property set names under `prefix` (e.g.
   * `value.converter`), configured from the `prefix.`-properties. `isKey`
   * defaults to whether the prefix is `key.converter`.
   */
  fromProperties(
    properties: Readonly<Record<string, string>>,
    prefix: string,
    isKey: boolean = prefix === "key.converter",
  ): Converter {
    const className = properties[prefix];
    if (className == null || className.trim() === "") {
      throw new ConnectError(`Cannot create converter: ${prefix} is not set`);
    }
    return this.create(className, converterConfig(properties, prefix), isKey);
  }
}

/**
 * The built-in converters: JSON, string and byte array.
 *
 * @example
 * ```ts
 * import { converters } from "./converters.ts";
 * console.log(converters.classNames.length); // 3
 * ```
 */
export const converters: ConverterRegistry = new ConverterRegistry([
  JsonConverter,
  StringConverter,
  ByteArrayConverter,
]);

/**
 * Creates and configures a built-in converter by class name.
 *
 * @example
 * ```ts
 * import { createConverter } from "./converters.ts";
 * try {
 *   createConverter("AvroConverter");
 * } catch (err) {
 *   console.log((err as Error).message);
 *   // "Cannot create converter: unknown class AvroConverter (known: org.apache.kafka.connect.converters.ByteArrayConverter, org.apache.kafka.connect.json.JsonConverter, org.apache.kafka.connect.storage.StringConverter)"
 * }
 * ```
 */
export function createConverter(
  className: string,
  config: Record<string, string> = {},
  isKey = false,
): Converter {
  return converters.create(className, config, isKey);
}

/**
 * Creates the built-in converter named by `properties[prefix]`, configured
 * from the `prefix.`-properties.
 *
 * @example
 * ```ts
 * import { converterFromProperties } from "./converters.ts";
 * const key = converterFromProperties({ "key.converter": "StringConverter" }, "key.converter");
 * console.log(key.toConnectData("t", new TextEncoder().encode("k")).value); // "k"
 * ```
 */
export function converterFromProperties(
  properties: Readonly<Record<string, string>>,
  prefix: string,
  isKey: boolean = prefix === "key.converter",
): Converter {
  return converters.fromProperties(properties, prefix, isKey);
}
