/**
 * Converters as the runtime sees them: created by class name (full or
 * simple), checked when a connector config names them, and listed by
 * `GET /connector-plugins?connectorsOnly=false`.
 *
 * @example
 * ```ts
 * import { createConverter, validateConverters } from "./converter_plugins.ts";
 * const converter = createConverter("StringConverter", {}, false);
 * console.log(validateConverters({ "value.converter": "Nope" })[0].errorMessages.length); // 1
 * ```
 * @module
 */
import { simpleClassName } from "../connect/class_name.ts";
import type { ConfigValue } from "../connect/config_def.ts";
import type { Converter } from "../converters/converter.ts";
import { converters } from "../converters/converters.ts";
import { SimpleHeaderConverter } from "../converters/header_converter.ts";
import { VERSION } from "./build_info.ts";
import type { PluginInfo } from "./herder.ts";

/**
 * Creates and configures a converter.
 *
 * @example
 * ```ts
 * import { createConverter } from "./converter_plugins.ts";
 * createConverter("org.apache.kafka.connect.json.JsonConverter", { "schemas.enable": "false" }, false);
 * ```
 */
export function createConverter(
  className: string,
  config: Record<string, string>,
  isKey: boolean,
): Converter {
  return converters.create(className, config, isKey);
}

function isHeaderConverter(className: string): boolean {
  const name = className.trim();
  return name === SimpleHeaderConverter.className ||
    name === simpleClassName(SimpleHeaderConverter.className);
}

function prefixed(config: Readonly<Record<string, string>>, prefix: string) {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  }
  return out;
}

/**
 * Checks the converter keys of a connector config: each named class must
 * exist and accept its `<key>.*` settings. Returns config values with the
 * errors, for validation responses.
 *
 * @example
 * ```ts
 * import { validateConverters } from "./converter_plugins.ts";
 * validateConverters({ "key.converter": "StringConverter" }); // no errors
 * ```
 */
export function validateConverters(config: Readonly<Record<string, string>>): ConfigValue[] {
  const values: ConfigValue[] = [];
  for (const role of ["key", "value", "header"] as const) {
    const key = `${role}.converter`;
    const className = config[key];
    if (className === undefined) continue;
    const errors: string[] = [];
    if (role === "header") {
      if (!isHeaderConverter(className)) {
        errors.push(
          `Invalid value ${className} for configuration ${key}: Class ${className} could not ` +
            `be found (known: ${SimpleHeaderConverter.className})`,
        );
      }
    } else if (!converters.has(className)) {
      errors.push(
        `Invalid value ${className} for configuration ${key}: Class ${className} could not be ` +
          `found (known: ${converters.classNames.join(", ")})`,
      );
    } else {
      try {
        converters.create(className, prefixed(config, `${key}.`), role === "key");
      } catch (err) {
        errors.push(
          `Invalid configuration of ${key} ${className}: ${
            err instanceof Error ? err.message : String(err)
          }`,
        );
      }
    }
    values.push({
      name: key,
      value: className,
      recommendedValues: [],
      errorMessages: errors,
      visible: true,
    });
  }
  return values;
}

/**
 * The converter and header converter plugins, as `GET /connector-plugins`
 * lists them with `connectorsOnly=false`.
 *
 * @example
 * ```ts
 * import { converterPlugins } from "./converter_plugins.ts";
 * console.log(converterPlugins().map((p) => p.type)); // ["converter", ..., "header_converter"]
 * ```
 */
export function converterPlugins(): PluginInfo[] {
  return [
    ...converters.classNames.map((name) => ({
      class: name,
      type: "converter" as const,
      version: VERSION,
    })),
    { class: SimpleHeaderConverter.className, type: "header_converter", version: VERSION },
  ];
}
