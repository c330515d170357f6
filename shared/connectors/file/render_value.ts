/**
 * Renders a record value as the text the file sink writes for it, after Java's
 * `String.valueOf(Object)` as Kafka Connect's FileStreamSinkTask uses it.
 *
 * | value | text |
 * |---|---|
 * | `null` / `undefined` | `null` |
 * | string | as is |
 * | boolean, bigint | `true`, `42` |
 * | number | `42`; with a float32/float64 schema as Java's `Double.toString` (`1.0`, `1.5E10`) |
 * | `Uint8Array` (bytes) | the raw bytes, unchanged (Java would print `[B@1b6d3586`) |
 * | array | `[a, b]` (Java's `List.toString`) |
 * | `Map`, plain object | `{k=v, k2=v2}` (Java's `Map.toString`) |
 * | `Date` | ISO-8601 (`toISOString`) |
 * | an object with its own `toString` (e.g. a `Struct`) | what it returns |
 *
 * @example
 * ```ts
 * import { renderValue } from "./render_value.ts";
 * console.log(renderValue("hello")); // "hello"
 * console.log(renderValue(null)); // "null"
 * console.log(renderValue([1, "a", null])); // "[1, a, null]"
 * console.log(renderValue(new Map([["k", 1]]))); // "{k=1}"
 * console.log(renderValue(2, { type: "float64", optional: false })); // "2.0"
 * ```
 * @module
 */
import type { Schema } from "../../connect/schema.ts";

/**
 * The text of `value` as described in the module docs, or the value's own
 * bytes when it is a `Uint8Array`.
 *
 * @example
 * ```ts
 * import { renderValue } from "./render_value.ts";
 * const bytes = renderValue(new Uint8Array([0x68, 0x69]));
 * console.log(bytes instanceof Uint8Array); // true: written verbatim
 * console.log(renderValue(true)); // "true"
 * ```
 */
export function renderValue(value: unknown, schema?: Schema | null): string | Uint8Array {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return value;
  return renderText(value, schema ?? null);
}

function renderText(value: unknown, schema: Schema | null): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return schema !== null && (schema.type === "float32" || schema.type === "float64")
        ? javaDoubleToString(value)
        : String(value);
    case "bigint":
    case "boolean":
      return String(value);
    case "undefined":
      return "null";
    case "symbol":
      return value.toString();
    case "function":
      return `[function ${value.name}]`;
  }
  if (value === null) return "null";
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) {
    const items = schema?.type === "array" ? schema.valueSchema ?? null : null;
    return `[${value.map((v) => renderText(v, items)).join(", ")}]`;
  }
  if (value instanceof Map) {
    const keys = schema?.type === "map" ? schema.keySchema ?? null : null;
    const values = schema?.type === "map" ? schema.valueSchema ?? null : null;
    const parts: string[] = [];
    for (const [k, v] of value) parts.push(`${renderText(k, keys)}=${renderText(v, values)}`);
    return `{${parts.join(", ")}}`;
  }
  if (value instanceof Date) return value.toISOString();
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${k}=${renderText(v, null)}`,
    );
    return `{${parts.join(", ")}}`;
  }
  return String(value);
}

/**
 * Java's `Double.toString` for a number: `1.0`, `0.5`, `1.0E7`, `1.5E-5`,
 * `NaN`, `Infinity`.
 *
 * @example
 * ```ts
 * import { javaDoubleToString } from "./render_value.ts";
 * console.log(javaDoubleToString(3)); // "3.0"
 * console.log(javaDoubleToString(12345678)); // "1.2345678E7"
 * ```
 */
export function javaDoubleToString(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split("e");
  const m = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  return `${m}E${exponent.startsWith("+") ? exponent.slice(1) : exponent}`;
}
