/**
 * Reading converter configuration values as Kafka's `ConfigDef` does, with
 * its error messages, collecting every error into one `ConfigError`.
 *
 * @example
 * ```ts
 * import { ConverterConfigReader } from "./converter_config.ts";
 * const reader = new ConverterConfigReader({ "schemas.enable": " FALSE ", "schemas.cache.size": "x" });
 * console.log(reader.boolean("schemas.enable", true)); // false
 * reader.int("schemas.cache.size", 1000);
 * try {
 *   reader.done("configure JsonConverter");
 * } catch (err) {
 *   console.log((err as Error).message);
 *   // "Cannot configure JsonConverter: it contains the following 1 error(s):\nInvalid value x for configuration schemas.cache.size: Not a number of type INT"
 * }
 * ```
 * @module
 */
import { ConfigError, type ConfigErrorEntry } from "../connect/errors.ts";

/**
 * Whether a converter converts record keys or values (Kafka Connect's
 * `converter.type`).
 *
 * @example
 * ```ts
 * import { converterType } from "./converter_config.ts";
 * console.log(converterType(true)); // "key"
 * ```
 */
export type ConverterType = "key" | "value";

/**
 * The `converter.type` for a key or value converter.
 *
 * @example
 * ```ts
 * import { converterType } from "./converter_config.ts";
 * console.log(converterType(false)); // "value"
 * ```
 */
export function converterType(isKey: boolean): ConverterType {
  return isKey ? "key" : "value";
}

/**
 * Reads typed values from string properties, remembering every invalid one;
 * {@linkcode ConverterConfigReader.done} then throws them all at once.
 *
 * @example
 * ```ts
 * import { ConverterConfigReader } from "./converter_config.ts";
 * const reader = new ConverterConfigReader({ "decimal.format": "numeric" });
 * console.log(reader.choice("decimal.format", ["BASE64", "NUMERIC"], "BASE64")); // "NUMERIC"
 * reader.done("configure JsonConverter");
 * ```
 */
export class ConverterConfigReader {
  readonly #config: Readonly<Record<string, string>>;
  readonly #errors: ConfigErrorEntry[] = [];

  /** @param config the converter's properties. */
  constructor(config: Readonly<Record<string, string>>) {
    this.#config = config;
  }

  /** The raw value, trimmed, or undefined when absent. */
  string(name: string): string | undefined {
    const value = this.#config[name];
    return value == null ? undefined : String(value).trim();
  }

  /** Records an error for `name`, in Kafka's `Invalid value ...` form. */
  invalid(name: string, value: string, reason: string): void {
    this.#errors.push({
      name,
      message: `Invalid value ${value} for configuration ${name}: ${reason}`,
    });
  }

  /** A boolean: `true`/`false` in any case (Kafka's BOOLEAN). */
  boolean(name: string, defaultValue: boolean): boolean {
    const value = this.string(name);
    if (value === undefined) return defaultValue;
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    this.invalid(name, value, "Expected value to be either true or false");
    return defaultValue;
  }

  /** A 32-bit integer (Kafka's INT). */
  int(name: string, defaultValue: number): number {
    const value = this.string(name);
    if (value === undefined) return defaultValue;
    const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) {
      this.invalid(name, value, "Not a number of type INT");
      return defaultValue;
    }
    return n;
  }

  /** One of `choices`, compared case-insensitively; returns the choice as listed. */
  choice<T extends string>(name: string, choices: readonly T[], defaultValue: T): T {
    const value = this.string(name);
    if (value === undefined) return defaultValue;
    const found = choices.find((c) => c.toUpperCase() === value.toUpperCase());
    if (found === undefined) {
      this.invalid(name, value, `String must be one of (case insensitive): ${choices.join(", ")}`);
      return defaultValue;
    }
    return found;
  }

  /** Throws a `ConfigError` listing every error found, if any. */
  done(action: string): void {
    if (this.#errors.length > 0) throw new ConfigError(this.#errors, { action });
  }
}
