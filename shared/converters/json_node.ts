/**
 * A lossless JSON tree, and the lenient accessors Jackson's `JsonNode` gives
 * Kafka Connect's JsonConverter (`intValue()`, `longValue()`, ...).
 *
 * Nodes are plain JavaScript values, except that numbers keep what JSON.parse
 * would lose (the accessors also take `JSON.parse`'s non-integral numbers,
 * which the JSON converter uses where nothing can be lost):
 *
 * - an integer literal is a `number` when it is a safe integer, else a
 *   `bigint` (Jackson's `IntNode`/`LongNode`/`BigIntegerNode`);
 * - a literal with a fraction or an exponent is a {@linkcode JsonFloat}
 *   holding its text (Jackson's `DecimalNode`: Kafka Connect reads floats as
 *   exact `BigDecimal`s);
 * - an object is a `Map` (insertion order, a repeated key keeps its first
 *   place and its last value, `__proto__` is an ordinary key).
 *
 * `undefined` stands for a missing node (an absent field, or empty input).
 *
 * @example
 * ```ts
 * import { intValue, JsonFloat, longValue, nodeType } from "./json_node.ts";
 * console.log(nodeType(new JsonFloat("1.5")), intValue(new JsonFloat("-1.9"))); // "NUMBER" -1
 * console.log(longValue(18446744073709551617n)); // 1 (the low 64 bits, as Java)
 * ```
 * @module
 */
import { BigDecimal } from "../connect/logical_types.ts";

/**
 * A JSON number written with a fraction or an exponent, kept as its text so
 * that no precision is lost.
 *
 * @example
 * ```ts
 * import { JsonFloat } from "./json_node.ts";
 * console.log(new JsonFloat("12.340").text); // "12.340"
 * ```
 */
export class JsonFloat {
  /** The number as written. */
  readonly text: string;
  /** @param text a JSON number with a fraction or an exponent. */
  constructor(text: string) {
    this.text = text;
  }
}

/**
 * A JSON object: keys in insertion order.
 *
 * @example
 * ```ts
 * import type { JsonObject } from "./json_node.ts";
 * const o: JsonObject = new Map([["a", 1]]);
 * ```
 */
export type JsonObject = Map<string, JsonNode>;

/**
 * Any JSON value, losslessly.
 *
 * @example
 * ```ts
 * import { JsonFloat, type JsonNode } from "./json_node.ts";
 * const node: JsonNode = [1, 2n ** 64n, new JsonFloat("0.5"), "x", null, new Map()];
 * ```
 */
export type JsonNode =
  | null
  | boolean
  | string
  | number
  | bigint
  | JsonFloat
  | JsonNode[]
  | JsonObject;

/**
 * Jackson's `JsonNodeType` name of a node, as Kafka Connect's messages show
 * it: `NULL`, `BOOLEAN`, `NUMBER`, `STRING`, `ARRAY`, `OBJECT` or `MISSING`.
 *
 * @example
 * ```ts
 * import { nodeType } from "./json_node.ts";
 * console.log(nodeType([]), nodeType(undefined)); // "ARRAY" "MISSING"
 * ```
 */
export function nodeType(node: JsonNode | undefined): string {
  if (node === undefined) return "MISSING";
  if (node === null) return "NULL";
  switch (typeof node) {
    case "boolean":
      return "BOOLEAN";
    case "string":
      return "STRING";
    case "number":
    case "bigint":
      return "NUMBER";
  }
  if (node instanceof JsonFloat) return "NUMBER";
  return Array.isArray(node) ? "ARRAY" : "OBJECT";
}

/**
 * Whether the node is a number.
 *
 * @example
 * ```ts
 * import { isNumber } from "./json_node.ts";
 * console.log(isNumber(1n), isNumber("1")); // true false
 * ```
 */
export function isNumber(node: JsonNode | undefined): node is number | bigint | JsonFloat {
  return typeof node === "number" || typeof node === "bigint" || node instanceof JsonFloat;
}

/**
 * Jackson's `isInt()`: an integer literal within 32-bit range.
 *
 * @example
 * ```ts
 * import { isInt } from "./json_node.ts";
 * console.log(isInt(7), isInt(3000000000)); // true false
 * ```
 */
export function isInt(node: JsonNode | undefined): node is number {
  return typeof node === "number" && node === (node | 0);
}

/**
 * Jackson's `isIntegralNumber()`: any integer literal.
 *
 * @example
 * ```ts
 * import { isIntegral, JsonFloat } from "./json_node.ts";
 * console.log(isIntegral(2n ** 70n), isIntegral(new JsonFloat("1.0"))); // true false
 * ```
 */
export function isIntegral(node: JsonNode | undefined): node is number | bigint {
  return (typeof node === "number" && Number.isInteger(node)) || typeof node === "bigint";
}

/** The low 64 bits of the integer part of a decimal text (Java's `BigDecimal.longValue()`). */
function truncatedLow64(text: string): bigint {
  const d = BigDecimal.parse(text);
  if (d.scale <= 0) {
    return -d.scale >= 64 ? 0n : BigInt.asIntN(64, d.unscaled * 10n ** BigInt(-d.scale));
  }
  const digits = (d.unscaled < 0n ? -d.unscaled : d.unscaled).toString().length;
  if (d.scale >= digits) return 0n;
  return BigInt.asIntN(64, d.unscaled / 10n ** BigInt(d.scale));
}

/**
 * Jackson's `intValue()`: integers wrap to 32 bits, floats are truncated
 * then wrapped, anything else is 0.
 *
 * @example
 * ```ts
 * import { intValue } from "./json_node.ts";
 * console.log(intValue(3000000000), intValue("12")); // -1294967296 0
 * ```
 */
export function intValue(node: JsonNode | undefined): number {
  if (typeof node === "number") return node | 0;
  if (typeof node === "bigint") return Number(BigInt.asIntN(32, node));
  if (node instanceof JsonFloat) return Number(BigInt.asIntN(32, truncatedLow64(node.text)));
  return 0;
}

/**
 * Jackson's `longValue()`, as a Connect int64: a `number` when safe, else a
 * `bigint`. Integers wrap to 64 bits, floats are truncated then wrapped,
 * anything else is 0.
 *
 * @example
 * ```ts
 * import { JsonFloat, longValue } from "./json_node.ts";
 * console.log(longValue(new JsonFloat("1.5e3")), longValue(2n ** 63n)); // 1500 -9223372036854775808n
 * ```
 */
export function longValue(node: JsonNode | undefined): number | bigint {
  if (typeof node === "number") {
    if (Number.isSafeInteger(node)) return node === 0 ? 0 : node;
    if (!Number.isFinite(node)) return 0;
    const truncated = Math.trunc(node);
    if (Number.isSafeInteger(truncated)) return truncated === 0 ? 0 : truncated;
    node = BigInt(truncated);
  }
  let value: bigint;
  if (typeof node === "bigint") value = BigInt.asIntN(64, node);
  else if (node instanceof JsonFloat) value = truncatedLow64(node.text);
  else return 0;
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/**
 * Jackson's `doubleValue()`: the nearest double (a negative zero reads as
 * zero, as through Java's `BigDecimal`); 0 for non-numbers.
 *
 * @example
 * ```ts
 * import { doubleValue, JsonFloat } from "./json_node.ts";
 * console.log(doubleValue(new JsonFloat("1e400")), doubleValue(true)); // Infinity 0
 * ```
 */
export function doubleValue(node: JsonNode | undefined): number {
  if (typeof node === "number") return node === 0 ? 0 : node;
  if (typeof node === "bigint") return Number(node);
  if (node instanceof JsonFloat) {
    const value = Number(node.text);
    return value === 0 ? 0 : value;
  }
  return 0;
}

const floatView = new DataView(new ArrayBuffer(4));

/**
 * The float nearest to an exact value given as a double `d` plus a way to
 * compare the exact value with a double: rounding through the double is
 * wrong only when `d` lands exactly halfway between two floats.
 */
function nearestFloat(d: number, compare: (midpoint: number) => number): number {
  const f = Math.fround(d);
  if (f === d || !Number.isFinite(f)) return f;
  // The float on the other side of d, and the midpoint between the two.
  floatView.setFloat32(0, f);
  const bits = floatView.getUint32(0);
  const towardD = (Math.abs(d) > Math.abs(f)) ? 1 : -1;
  floatView.setUint32(0, bits + towardD);
  const other = floatView.getFloat32(0);
  const midpoint = (f + other) / 2;
  if (d !== midpoint) return f;
  const c = compare(midpoint);
  if (c === 0) return f; // a true tie: fround already rounded to even
  return (c > 0) === (other > f) ? other : f;
}

const doubleView = new DataView(new ArrayBuffer(8));

/** Compares a decimal text with a finite double, exactly: -1, 0 or 1. */
function compareDecimalWithDouble(text: string, d: number): number {
  const dec = BigDecimal.parse(text);
  doubleView.setFloat64(0, Math.abs(d));
  const hi = doubleView.getUint32(0);
  const biased = hi >>> 20;
  const fraction = BigInt((hi & 0xfffff) * 4294967296 + doubleView.getUint32(4));
  let rhs = biased === 0 ? fraction : fraction | (1n << 52n);
  if (d < 0) rhs = -rhs;
  const binExp = (biased === 0 ? 1 : biased) - 1075;
  let lhs = dec.unscaled;
  if (dec.scale > 0) rhs *= 10n ** BigInt(dec.scale);
  else lhs *= 10n ** BigInt(-dec.scale);
  if (binExp > 0) rhs <<= BigInt(binExp);
  else lhs <<= BigInt(-binExp);
  return lhs === rhs ? 0 : lhs > rhs ? 1 : -1;
}

/**
 * Jackson's `floatValue()`: the float nearest to the exact number (Java
 * rounds once, from the exact value); 0 for non-numbers.
 *
 * @example
 * ```ts
 * import { floatValue, JsonFloat } from "./json_node.ts";
 * console.log(floatValue(new JsonFloat("0.1")) === Math.fround(0.1)); // true
 * ```
 */
export function floatValue(node: JsonNode | undefined): number {
  if (typeof node === "number") return Math.fround(node); // a safe integer: exact

  if (typeof node === "bigint") {
    const d = Number(node);
    return nearestFloat(d, (m) => {
      const exact = BigInt(m);
      return node === exact ? 0 : node > exact ? 1 : -1;
    });
  }
  if (node instanceof JsonFloat) {
    const d = Number(node.text);
    if (d === 0) return 0;
    return nearestFloat(d, (m) => compareDecimalWithDouble(node.text, m));
  }
  return 0;
}

/**
 * Jackson's `decimalValue()` for numbers: the exact decimal, keeping the
 * written scale of a float (`12.340` has scale 3); integers have scale 0.
 *
 * @example
 * ```ts
 * import { decimalValue, JsonFloat } from "./json_node.ts";
 * console.log(decimalValue(new JsonFloat("1.5E+3")).toString(), decimalValue(12).toString()); // "1.5E+3" "12"
 * ```
 */
export function decimalValue(node: number | bigint | JsonFloat): BigDecimal {
  if (node instanceof JsonFloat) return BigDecimal.parse(node.text);
  return new BigDecimal(BigInt(node), 0);
}
