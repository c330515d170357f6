/**
 * Java's `Double.toString` and `Float.toString`, which Jackson (and so Kafka
 * Connect's JsonConverter) uses to write FLOAT64 and FLOAT32 values:
 * `1.0`, `0.001`, `1.0E7`, `1.0E-4`, `-0.0`, `NaN`, `Infinity`.
 *
 * Two variants, because Java changed the digits it picks in JDK 19:
 *
 * - `"jdk17"` (the default): JDK 17's algorithm, digit for digit. Java 17
 *   is what Kafka Connect 4.x needs at least and what this repository's
 *   golden files were made with. It sometimes prints more digits than
 *   needed: integers of 2^54 and above keep digits that do not matter
 *   (`9.0813202023841651E17`), and a decimal exactly halfway between two
 *   doubles is not taken (`1.0E23` prints as `9.999999999999999E22`).
 * - `"shortest"`: JDK 19 and later (Raffaello Giulietti's algorithm): the
 *   shortest decimal that reads back as the same value, the closest one if
 *   several; when one digit would do, the closest of one or two digits.
 *
 * Both print a plain decimal for magnitudes in [10^-3, 10^7) and computerized
 * scientific notation otherwise, always with a digit after the point.
 *
 * The common cases take a fast path built on JavaScript's own shortest
 * formatting (`Number.prototype.toExponential`); only values where JDK 17
 * can differ from it (powers of two, subnormals, integers from 2^53, and
 * magnitudes from 2^63) run the exact, `bigint`-based algorithm. The tests
 * check the fast path against the exact one.
 *
 * @example
 * ```ts
 * import { formatJavaDouble, formatJavaFloat } from "./java_floating.ts";
 * console.log(formatJavaDouble(1), formatJavaDouble(1e10), formatJavaDouble(0.0001)); // "1.0" "1.0E10" "1.0E-4"
 * console.log(formatJavaDouble(1e23), formatJavaDouble(1e23, "shortest")); // "9.999999999999999E22" "1.0E23"
 * console.log(formatJavaFloat(0.1)); // "0.1" (the float nearest 0.1)
 * ```
 * @module
 */

/**
 * Which Java version's digits to produce; see the module documentation.
 *
 * @example
 * ```ts
 * import type { JavaFloatingFormat } from "./java_floating.ts";
 * const format: JavaFloatingFormat = "shortest";
 * ```
 */
export type JavaFloatingFormat = "jdk17" | "shortest";

const view = new DataView(new ArrayBuffer(8));

/** ceil(log2(5^i)) approximations used by JDK 17 to pick its arithmetic. */
const N_5_BITS = [
  0,
  3,
  5,
  7,
  10,
  12,
  14,
  17,
  19,
  21,
  24,
  26,
  28,
  31,
  33,
  35,
  38,
  40,
  42,
  45,
  47,
  49,
  52,
  54,
  56,
  59,
  61,
];

/** JDK 17's count of decimal digits of 2^p that do not matter (`insignificantDigitsNumber`). */
const INSIGNIFICANT_DIGITS = [
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  5,
  5,
  5,
  6,
  6,
  6,
  6,
  7,
  7,
  7,
  8,
  8,
  8,
  9,
  9,
  9,
  9,
  10,
  10,
  10,
  11,
  11,
  11,
  12,
  12,
  12,
  12,
  13,
  13,
  13,
  14,
  14,
  14,
  15,
  15,
  15,
  15,
  16,
  16,
  16,
  17,
  17,
  17,
  18,
  18,
  18,
  19,
];

function insignificantDigitsForPow2(p2: number): number {
  return p2 > 1 && p2 < INSIGNIFICANT_DIGITS.length ? INSIGNIFICANT_DIGITS[p2] : 0;
}

/**
 * Java's layout of decimal digits `0.DIGITS × 10^decExponent`.
 */
function javaChars(negative: boolean, digits: string, decExponent: number): string {
  const sign = negative ? "-" : "";
  const n = digits.length;
  if (decExponent > 0 && decExponent < 8) {
    if (n <= decExponent) {
      return sign + digits + "0".repeat(decExponent - n) + ".0";
    }
    return sign + digits.slice(0, decExponent) + "." + digits.slice(decExponent);
  }
  if (decExponent <= 0 && decExponent > -3) {
    return sign + "0." + "0".repeat(-decExponent) + digits;
  }
  const mantissa = n > 1 ? digits[0] + "." + digits.slice(1) : digits + ".0";
  return sign + mantissa + "E" + (decExponent - 1);
}

/** Digits (no trailing zeros) and decimal exponent of `toExponential` output. */
function splitExponential(text: string): [string, number] {
  const e = text.indexOf("e");
  let digits = text[0] + text.slice(2, e);
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  return [digits, Number(text.slice(e + 1)) + 1];
}

/** The shortest round-tripping digits of a positive finite double. */
function shortestDouble(x: number): [string, number] {
  const result = splitExponential(x.toExponential());
  if (result[0].length === 1) {
    const two = x.toExponential(1);
    if (Number(two) === x) return splitExponential(two);
  }
  return result;
}

/** Whether the decimal `text` (`toExponential` output) is exactly `x`. */
function isExactly(x: number, text: string): boolean {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = hi >>> 20;
  const fraction = BigInt((hi & 0xfffff) * 4294967296 + view.getUint32(4));
  let lhs = biased === 0 ? fraction : fraction | (1n << 52n);
  const binExp = (biased === 0 ? 1 : biased) - 1075;
  const e = text.indexOf("e");
  const mantissa = text[0] + text.slice(2, e);
  let rhs = BigInt(mantissa);
  const decExp = Number(text.slice(e + 1)) - (mantissa.length - 1);
  if (binExp > 0) lhs <<= BigInt(binExp);
  else rhs <<= BigInt(-binExp);
  if (decExp > 0) rhs *= 10n ** BigInt(decExp);
  else lhs *= 10n ** BigInt(-decExp);
  return lhs === rhs;
}

/**
 * `x.toExponential(precision)`, but breaking an exact tie towards an even
 * last digit, as Java does (JavaScript rounds ties up).
 */
function toExponentialHalfEven(x: number, precision: number): string {
  const text = x.toExponential(precision);
  const e = text.indexOf("e");
  const last = text.charCodeAt(e - 1) - 48;
  if ((last & 1) === 0) return text;
  const finer = x.toExponential(precision + 1);
  const fe = finer.indexOf("e");
  if (
    finer.charCodeAt(fe - 1) !== 53 || text.slice(e) !== finer.slice(fe) || !isExactly(x, finer)
  ) {
    return text;
  }
  return text.slice(0, e - 1) + (last - 1) + text.slice(e);
}

/** The next decimal up at the same precision (`toExponential` format). */
function nextDecimalUp(text: string): string {
  const e = text.indexOf("e");
  const mantissa = text[0] + text.slice(2, e);
  let exponent = Number(text.slice(e + 1));
  let digits = (BigInt(mantissa) + 1n).toString();
  if (digits.length > mantissa.length) {
    digits = digits.slice(0, -1);
    exponent++;
  }
  return digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" + exponent;
}

/**
 * The shortest digits that read back as the same float (`x` is a float),
 * the closest if several (ties to even); with one digit, the closest of one
 * or two digits.
 */
function shortestFloat(x: number): [string, number] {
  const powerOfTwo = isPowerOfTwo(x);
  for (let precision = 0; precision < 9; precision++) {
    let text = toExponentialHalfEven(x, precision);
    if (Math.fround(Number(text)) !== x) {
      // Above a power of two the gap is twice as wide: the next decimal up
      // may read back as x although the closest (below) does not.
      if (!powerOfTwo || Number(text) > x) continue;
      text = nextDecimalUp(text);
      if (Math.fround(Number(text)) !== x) continue;
    }
    if (precision === 0) {
      const two = toExponentialHalfEven(x, 1);
      if (Math.fround(Number(two)) === x) return splitExponential(two);
    }
    return splitExponential(text);
  }
  return splitExponential(x.toExponential(8));
}

function isPowerOfTwo(x: number): boolean {
  view.setFloat32(0, x);
  return (view.getUint32(0) & 0x7fffff) === 0;
}

/** JDK 17's `developLongDigits`: an integer, less its insignificant digits. */
function integerDigits(value: bigint | number, insignificant: number): [string, number] {
  let text: string;
  if (typeof value === "number") {
    // Exact: value < 2^53.
    let v = value;
    if (insignificant !== 0) {
      const pow10 = 10 ** insignificant;
      const residue = v % pow10;
      v = (v - residue) / pow10;
      if (residue >= pow10 / 2) v++;
    }
    text = String(v);
  } else {
    let v = value;
    if (insignificant !== 0) {
      const pow10 = 10n ** BigInt(insignificant);
      const residue = v % pow10;
      v /= pow10;
      if (residue >= pow10 >> 1n) v++;
    }
    text = v.toString();
  }
  let end = text.length;
  while (end > 1 && text.charCodeAt(end - 1) === 48) end--;
  return [text.slice(0, end), insignificant + text.length];
}

function roundUp(digits: number[], decExponent: number): number {
  let i = digits.length - 1;
  while (i > 0 && digits[i] === 9) digits[i--] = 0;
  if (digits[i] === 9) {
    digits[0] = 1;
    return decExponent + 1;
  }
  digits[i]++;
  return decExponent;
}

/**
 * JDK 17's `FloatingDecimal.BinaryToASCIIBuffer.dtoa`, reimplemented with
 * `bigint`s, including its three arithmetic regimes (32-bit, 64-bit with
 * overflow, arbitrary precision) and their slightly different stopping tests.
 *
 * @param binExp unbiased binary exponent of the leading bit.
 * @param fractBits the significand, leading bit at position 52.
 * @param nSignificantBits 53 (double), 24 (float), fewer for subnormals.
 */
function jdk17Digits(
  binExp: number,
  fractBits: bigint,
  nSignificantBits: number,
): [string, number] {
  let tailZeros = 0;
  while (((fractBits >> BigInt(tailZeros)) & 1n) === 0n) tailZeros++;
  const nFractBits = 53 - tailZeros;
  const nTinyBits = Math.max(0, nFractBits - binExp - 1);
  if (
    binExp <= 62 && binExp >= -21 && nTinyBits < 27 && nFractBits + N_5_BITS[nTinyBits] < 64 &&
    nTinyBits === 0
  ) {
    const insignificant = binExp > nSignificantBits
      ? insignificantDigitsForPow2(binExp - nSignificantBits - 1)
      : 0;
    const value = binExp >= 52
      ? fractBits << BigInt(binExp - 52)
      : fractBits >> BigInt(52 - binExp);
    return integerDigits(value, insignificant);
  }

  let decExp = estimateDecExp(fractBits, binExp);
  const B5 = Math.max(0, -decExp);
  let B2 = B5 + nTinyBits + binExp;
  const S5 = Math.max(0, decExp);
  let S2 = S5 + nTinyBits;
  const M5 = B5;
  let M2 = B2 - nSignificantBits;
  const fb = fractBits >> BigInt(tailZeros);
  B2 -= nFractBits - 1;
  const common2 = Math.min(B2, S2);
  B2 -= common2;
  S2 -= common2;
  M2 -= common2;
  if (nFractBits === 1) M2 -= 1;
  if (M2 < 0) {
    B2 -= M2;
    S2 -= M2;
    M2 = 0;
  }
  const bBits = nFractBits + B2 + (B5 < N_5_BITS.length ? N_5_BITS[B5] : B5 * 3);
  const tenSBits = S2 + 1 + (S5 + 1 < N_5_BITS.length ? N_5_BITS[S5 + 1] : (S5 + 1) * 3);

  const digits: number[] = [];
  let low: boolean;
  let high: boolean;
  let lowDigitDifference: bigint;
  const isEForm = () => decExp < -3 || decExp >= 8;

  if (bBits < 64 && tenSBits < 64) {
    // 32- or 64-bit arithmetic, with Java's wrap-around on overflow.
    const width = bBits < 32 && tenSBits < 32 ? 32 : 64;
    const wrap = (v: bigint) => BigInt.asIntN(width, v);
    let b = wrap(wrap(BigInt.asIntN(width, fb) * 5n ** BigInt(B5)) << BigInt(B2 % width));
    const s = wrap(5n ** BigInt(S5) << BigInt(S2 % width));
    let m = wrap(5n ** BigInt(M5) << BigInt(M2 % width));
    const tens = wrap(s * 10n);
    let q = Number(b / s);
    b = wrap(10n * (b % s));
    m = wrap(m * 10n);
    low = b < m;
    high = wrap(b + m) > tens;
    if (q === 0 && !high) decExp--;
    else digits.push(q);
    if (isEForm()) high = low = false;
    while (!low && !high) {
      q = Number(b / s);
      b = wrap(10n * (b % s));
      m = wrap(m * 10n);
      if (m > 0n) {
        low = b < m;
        high = wrap(b + m) > tens;
      } else {
        low = true;
        high = true;
      }
      digits.push(q);
    }
    lowDigitDifference = wrap((b << 1n) - tens);
  } else {
    const s = 5n ** BigInt(S5) << BigInt(S2);
    let b = fb * 5n ** BigInt(B5) << BigInt(B2);
    let m = 5n ** BigInt(M5 + 1) << BigInt(M2 + 1);
    const tens = 5n ** BigInt(S5 + 1) << BigInt(S2 + 1);
    let q = Number(b / s);
    b = 10n * (b % s);
    low = b < m;
    high = tens <= b + m;
    if (q === 0 && !high) decExp--;
    else digits.push(q);
    if (isEForm()) high = low = false;
    while (!low && !high) {
      q = Number(b / s);
      b = 10n * (b % s);
      m *= 10n;
      low = b < m;
      high = tens <= b + m;
      digits.push(q);
    }
    lowDigitDifference = high && low ? (b << 1n) - tens : 0n;
  }
  let decExponent = decExp + 1;
  if (high) {
    if (low) {
      if (lowDigitDifference === 0n) {
        if ((digits[digits.length - 1] & 1) !== 0) decExponent = roundUp(digits, decExponent);
      } else if (lowDigitDifference > 0n) {
        decExponent = roundUp(digits, decExponent);
      }
    } else {
      decExponent = roundUp(digits, decExponent);
    }
  }
  return [digits.join(""), decExponent];
}

/** JDK 17's estimate of floor(log10(value)). */
function estimateDecExp(fractBits: bigint, binExp: number): number {
  const d2 = 1 + Number(fractBits & 0xfffffffffffffn) / 2 ** 52;
  const d = (d2 - 1.5) * 0.289529654 + 0.176091259 + binExp * 0.301029995663981;
  return Math.floor(d);
}

/**
 * Formats a double as Java's `Double.toString` does (see the module
 * documentation for the two formats).
 *
 * @example
 * ```ts
 * import { formatJavaDouble } from "./java_floating.ts";
 * console.log(formatJavaDouble(100), formatJavaDouble(-0), formatJavaDouble(NaN)); // "100.0" "-0.0" "NaN"
 * console.log(formatJavaDouble(908132020238416512)); // "9.0813202023841651E17"
 * ```
 */
export function formatJavaDouble(value: number, format: JavaFloatingFormat = "jdk17"): string {
  if (value !== value) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const negative = value < 0;
  const x = negative ? -value : value;
  if (format === "shortest") return javaChars(negative, ...shortestDouble(x));
  if (x < 9007199254740992 && Number.isInteger(x)) {
    // JDK 17's integer case: all digits, trailing zeros dropped.
    const text = String(x);
    let end = text.length;
    while (end > 1 && text.charCodeAt(end - 1) === 48) end--;
    return javaChars(negative, text.slice(0, end), text.length);
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = hi >>> 20;
  const fraction = (hi & 0xfffff) * 4294967296 + lo;
  if (biasedExp !== 0 && fraction !== 0 && x < 9007199254740992) {
    // Normal, not a power of two, not an integer: JDK 17 picks the shortest.
    return javaChars(negative, ...shortestDouble(x));
  }
  let fractBits: bigint;
  let binExp: number;
  let nSignificantBits: number;
  if (biasedExp === 0) {
    const bits = BigInt(fraction).toString(2).length;
    const shift = 53 - bits;
    fractBits = BigInt(fraction) << BigInt(shift);
    binExp = 1 - shift - 1023;
    nSignificantBits = bits;
  } else {
    fractBits = BigInt(fraction) | (1n << 52n);
    binExp = biasedExp - 1023;
    nSignificantBits = 53;
  }
  return javaChars(negative, ...jdk17Digits(binExp, fractBits, nSignificantBits));
}

/**
 * Formats a float (a number already rounded with `Math.fround`) as Java's
 * `Float.toString` does (see the module documentation for the two formats).
 *
 * @example
 * ```ts
 * import { formatJavaFloat } from "./java_floating.ts";
 * console.log(formatJavaFloat(Math.fround(0.1)), formatJavaFloat(1e10)); // "0.1" "1.0E10"
 * console.log(formatJavaFloat(Math.fround(2.8181916e17))); // "2.81819158E17"
 * ```
 */
export function formatJavaFloat(value: number, format: JavaFloatingFormat = "jdk17"): string {
  if (value !== value) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const negative = value < 0;
  const x = Math.fround(negative ? -value : value);
  if (format === "shortest") return javaChars(negative, ...shortestFloat(x));
  view.setFloat32(0, x);
  const bits = view.getUint32(0);
  const biasedExp = bits >>> 23;
  const fraction = bits & 0x7fffff;
  if (biasedExp !== 0 && biasedExp - 127 <= 62 && Number.isInteger(x)) {
    // JDK 17's integer case: digits beyond the float's precision are rounded off.
    const insignificant = insignificantDigitsForPow2(biasedExp - 127 - 25);
    return javaChars(
      negative,
      ...integerDigits(x < 9007199254740992 ? x : BigInt(x), insignificant),
    );
  }
  if (biasedExp !== 0 && fraction !== 0 && !Number.isInteger(x)) {
    // Normal, not a power of two, not an integer: JDK 17 picks the shortest.
    return javaChars(negative, ...shortestFloat(x));
  }
  let fractBits: bigint;
  let binExp: number;
  let nSignificantBits: number;
  if (biasedExp === 0) {
    const width = fraction.toString(2).length;
    const shift = 24 - width;
    fractBits = BigInt(fraction << shift);
    binExp = 1 - shift - 127;
    nSignificantBits = width;
  } else {
    fractBits = BigInt(fraction | 0x800000);
    binExp = biasedExp - 127;
    nSignificantBits = 24;
  }
  return javaChars(negative, ...jdk17Digits(binExp, fractBits << 29n, nSignificantBits));
}

/**
 * Formats a double with JDK 17's exact algorithm, never the fast path; for
 * tests that check the fast path.
 *
 * @example
 * ```ts
 * import { formatJavaDoubleExact, formatJavaDouble } from "./java_floating.ts";
 * console.log(formatJavaDoubleExact(0.3) === formatJavaDouble(0.3)); // true
 * ```
 */
export function formatJavaDoubleExact(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatJavaDouble(value);
  const negative = value < 0;
  view.setFloat64(0, negative ? -value : value);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = hi >>> 20;
  const fraction = BigInt((hi & 0xfffff) * 4294967296 + lo);
  if (biasedExp === 0) {
    const bits = fraction.toString(2).length;
    const shift = 53 - bits;
    return javaChars(negative, ...jdk17Digits(1 - shift - 1023, fraction << BigInt(shift), bits));
  }
  return javaChars(negative, ...jdk17Digits(biasedExp - 1023, fraction | (1n << 52n), 53));
}

/**
 * Formats a float with JDK 17's exact algorithm, never the fast path; for
 * tests that check the fast path.
 *
 * @example
 * ```ts
 * import { formatJavaFloatExact } from "./java_floating.ts";
 * console.log(formatJavaFloatExact(Math.fround(0.3))); // "0.3"
 * ```
 */
export function formatJavaFloatExact(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatJavaFloat(value);
  const negative = value < 0;
  view.setFloat32(0, Math.fround(negative ? -value : value));
  const bits = view.getUint32(0);
  const biasedExp = bits >>> 23;
  const fraction = bits & 0x7fffff;
  if (biasedExp === 0) {
    const width = fraction.toString(2).length;
    const shift = 24 - width;
    return javaChars(
      negative,
      ...jdk17Digits(1 - shift - 127, BigInt(fraction << shift) << 29n, width),
    );
  }
  return javaChars(
    negative,
    ...jdk17Digits(biasedExp - 127, BigInt(fraction | 0x800000) << 29n, 24),
  );
}
