/**
 * Kafka Connect's logical types: schemas with a well-known `name` whose
 * values have a richer representation than their underlying type.
 *
 * | Logical type | Name | Underlying | Value |
 * |---|---|---|---|
 * | {@linkcode Decimal} | `org.apache.kafka.connect.data.Decimal` | bytes (two's-complement unscaled value), `scale` parameter | {@linkcode BigDecimal} |
 * | {@linkcode LogicalDate} | `org.apache.kafka.connect.data.Date` | int32, days since the epoch | JavaScript `Date` at midnight UTC |
 * | {@linkcode LogicalTime} | `org.apache.kafka.connect.data.Time` | int32, milliseconds since midnight | JavaScript `Date` on 1970-01-01 UTC |
 * | {@linkcode LogicalTimestamp} | `org.apache.kafka.connect.data.Timestamp` | int64, milliseconds since the epoch | JavaScript `Date` |
 *
 * They are named after Kafka Connect's classes (`Decimal`, `Date`, `Time`,
 * `Timestamp`); the last three carry a `Logical` prefix so that none hides
 * JavaScript's global `Date`.
 *
 * @example
 * ```ts
 * import { BigDecimal, Decimal, LogicalDate } from "./logical_types.ts";
 * const price = Decimal.schema(2);
 * console.log(Decimal.fromLogical(price, BigDecimal.parse("12.34"))); // Uint8Array(2) [ 4, 210 ]
 * console.log(LogicalDate.fromLogical(LogicalDate.SCHEMA, new Date(Date.UTC(1970, 0, 3)))); // 2
 * ```
 * @module
 */
import { DataError } from "./errors.ts";
import type { Schema } from "./schema.ts";

const MILLIS_PER_DAY = 86_400_000;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** How {@linkcode BigDecimal.setScale} rounds when digits are dropped. */
export type RoundingMode = "UNNECESSARY" | "HALF_UP" | "HALF_EVEN" | "DOWN";

/**
 * An arbitrary-precision decimal, `unscaled × 10^-scale`, as Java's
 * `java.math.BigDecimal`: the value of the {@linkcode Decimal} logical type.
 * Like Java's, equality considers the scale (`1.0` is not `1.00`).
 *
 * @example
 * ```ts
 * import { BigDecimal } from "./logical_types.ts";
 * const d = BigDecimal.parse("-12.340");
 * console.log(d.unscaled, d.scale); // -12340n 3
 * console.log(d.toString()); // "-12.340"
 * console.log(BigDecimal.parse("1E-7").toString(), new BigDecimal(123n, -2).toString()); // "1E-7" "1.23E+4"
 * ```
 */
export class BigDecimal {
  /** The unscaled integer value. */
  readonly unscaled: bigint;
  /** The number of digits after the decimal point (negative: trailing zeros). */
  readonly scale: number;

  /**
   * @param unscaled the unscaled value.
   * @param scale the scale, a 32-bit integer as in Java (default 0).
   */
  constructor(unscaled: bigint, scale = 0) {
    if (!Number.isInteger(scale) || scale < INT_MIN || scale > INT_MAX) {
      throw new RangeError(`Cannot create BigDecimal: scale ${scale} is not a 32-bit integer`);
    }
    this.unscaled = unscaled;
    this.scale = scale;
  }

  /**
   * Parses Java's `BigDecimal(String)` syntax: an optional sign, digits with
   * an optional decimal point, and an optional exponent (`-1.5E+3`).
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(BigDecimal.parse("1.5E+3").scale); // -2
   * ```
   */
  static parse(text: string): BigDecimal {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (m === null || (m[2] === "" && (m[3] === undefined || m[3] === ""))) {
      throw new SyntaxError(`Cannot parse BigDecimal: "${text}" is not a decimal number`);
    }
    const fraction = m[3] ?? "";
    const digits = m[2] + fraction;
    const exponent = m[4] === undefined ? 0 : Number(m[4]);
    const unscaled = BigInt(digits);
    return new BigDecimal(m[1] === "-" ? -unscaled : unscaled, fraction.length - exponent);
  }

  /**
   * The decimal of a JavaScript number, through its shortest decimal form
   * (as Java's `BigDecimal.valueOf(double)` does through `Double.toString`).
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(BigDecimal.fromNumber(0.1).toString()); // "0.1"
   * ```
   */
  static fromNumber(value: number): BigDecimal {
    if (!Number.isFinite(value)) {
      throw new RangeError(`Cannot create BigDecimal: ${value} is not finite`);
    }
    return BigDecimal.parse(String(value));
  }

  /**
   * The sign: -1, 0 or 1.
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(BigDecimal.parse("-0.5").signum()); // -1
   * ```
   */
  signum(): number {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /**
   * This value with another scale. Dropping non-zero digits needs a rounding
   * mode other than `UNNECESSARY` (the default), else it throws.
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(BigDecimal.parse("1.5").setScale(2).toString()); // "1.50"
   * console.log(BigDecimal.parse("1.25").setScale(1, "HALF_EVEN").toString()); // "1.2"
   * ```
   */
  setScale(scale: number, rounding: RoundingMode = "UNNECESSARY"): BigDecimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) {
      return new BigDecimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    }
    const divisor = 10n ** BigInt(this.scale - scale);
    const quotient = this.unscaled / divisor;
    const remainder = this.unscaled % divisor;
    if (remainder === 0n) return new BigDecimal(quotient, scale);
    const sign = this.unscaled < 0n ? -1n : 1n;
    const twice = (remainder < 0n ? -remainder : remainder) * 2n;
    let up: boolean;
    switch (rounding) {
      case "UNNECESSARY":
        throw new RangeError(
          `Cannot rescale ${this.toString()} to scale ${scale}: rounding necessary`,
        );
      case "DOWN":
        up = false;
        break;
      case "HALF_UP":
        up = twice >= divisor;
        break;
      case "HALF_EVEN":
        up = twice > divisor || (twice === divisor && (quotient & 1n) !== 0n);
        break;
    }
    return new BigDecimal(up ? quotient + sign : quotient, scale);
  }

  /**
   * Compares values, ignoring scale: -1, 0 or 1.
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(BigDecimal.parse("1.0").compareTo(BigDecimal.parse("1.00"))); // 0
   * ```
   */
  compareTo(other: BigDecimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.unscaled * 10n ** BigInt(scale - this.scale);
    const b = other.unscaled * 10n ** BigInt(scale - other.scale);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  /**
   * Whether `other` is a `BigDecimal` with the same unscaled value and scale
   * (Java's `equals`).
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(BigDecimal.parse("1.0").equals(BigDecimal.parse("1.00"))); // false
   * ```
   */
  equals(other: unknown): boolean {
    return other instanceof BigDecimal && other.unscaled === this.unscaled &&
      other.scale === this.scale;
  }

  /**
   * Java's `BigDecimal.toString()`: plain notation, or scientific notation
   * when the scale is negative or the value is below 10^-6.
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(new BigDecimal(1n, 7).toString()); // "1E-7"
   * ```
   */
  toString(): string {
    const negative = this.unscaled < 0n;
    const coefficient = (negative ? -this.unscaled : this.unscaled).toString();
    const sign = negative ? "-" : "";
    const adjusted = coefficient.length - 1 - this.scale;
    if (this.scale === 0) return sign + coefficient;
    if (this.scale > 0 && adjusted >= -6) {
      const point = coefficient.length - this.scale;
      return point > 0
        ? sign + coefficient.slice(0, point) + "." + coefficient.slice(point)
        : sign + "0." + "0".repeat(-point) + coefficient;
    }
    const mantissa = coefficient.length > 1
      ? coefficient[0] + "." + coefficient.slice(1)
      : coefficient;
    return `${sign}${mantissa}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
  }

  /**
   * Java's `toPlainString()`: never scientific notation.
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(new BigDecimal(123n, -2).toPlainString()); // "12300"
   * ```
   */
  toPlainString(): string {
    const negative = this.unscaled < 0n;
    const coefficient = (negative ? -this.unscaled : this.unscaled).toString();
    const sign = negative ? "-" : "";
    if (this.scale <= 0) {
      return sign + coefficient + (this.unscaled === 0n ? "" : "0".repeat(-this.scale));
    }
    const point = coefficient.length - this.scale;
    return point > 0
      ? sign + coefficient.slice(0, point) + "." + coefficient.slice(point)
      : sign + "0." + "0".repeat(-point) + coefficient;
  }

  /**
   * The nearest JavaScript number.
   *
   * @example
   * ```ts
   * import { BigDecimal } from "./logical_types.ts";
   * console.log(BigDecimal.parse("12.34").toNumber()); // 12.34
   * ```
   */
  toNumber(): number {
    return Number(this.toString());
  }

  /** Used by `JSON.stringify`: the plain string form. */
  toJSON(): string {
    return this.toString();
  }
}

/** Java's `BigInteger.toByteArray()`: minimal big-endian two's complement. */
function toTwosComplement(value: bigint): Uint8Array {
  const magnitude = value < 0n ? -value - 1n : value;
  const bitLength = magnitude === 0n ? 0 : magnitude.toString(2).length;
  const length = Math.floor(bitLength / 8) + 1;
  const bytes = new Uint8Array(length);
  let rest = BigInt.asUintN(length * 8, value);
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** Java's `new BigInteger(byte[])`. */
function fromTwosComplement(bytes: Uint8Array): bigint {
  if (bytes.length === 0) {
    throw new DataError("Cannot decode Decimal: zero length BigInteger");
  }
  let hex = "";
  for (const b of bytes) hex += (b < 16 ? "0" : "") + b.toString(16);
  return BigInt.asIntN(bytes.length * 8, BigInt("0x" + hex));
}

function checkName(schema: Schema, logicalName: string, what: string): void {
  if (schema.name !== logicalName) {
    throw new DataError(`Requested conversion of ${what} object but the schema does not match.`);
  }
}

function checkDate(value: globalThis.Date, what: string): number {
  const millis = value.getTime();
  if (Number.isNaN(millis)) {
    throw new DataError(`Cannot convert ${what}: the Date is invalid`);
  }
  return millis;
}

function freezeSchema(schema: Schema): Schema {
  if (schema.parameters !== undefined) Object.freeze(schema.parameters);
  return Object.freeze(schema);
}

/**
 * The Decimal logical type: bytes holding the two's-complement unscaled
 * value, with the scale in the schema's `scale` parameter.
 *
 * @example
 * ```ts
 * import { BigDecimal, Decimal } from "./logical_types.ts";
 * const schema = Decimal.schema(2);
 * console.log(schema.name, schema.parameters); // "org.apache.kafka.connect.data.Decimal" { scale: "2" }
 * const value = Decimal.toLogical(schema, new Uint8Array([4, 210]));
 * console.log(value.equals(BigDecimal.parse("12.34"))); // true
 * ```
 */
export const Decimal = Object.freeze({
  /** The schema name identifying the logical type. */
  LOGICAL_NAME: "org.apache.kafka.connect.data.Decimal",
  /** The schema parameter holding the scale. */
  SCALE_FIELD: "scale",

  /** A required Decimal schema of the given scale (version 1, as Kafka Connect's). */
  schema(scale: number): Schema {
    return freezeSchema({
      type: "bytes",
      optional: false,
      name: Decimal.LOGICAL_NAME,
      version: 1,
      parameters: { [Decimal.SCALE_FIELD]: String(scale) },
    });
  },

  /** The scale of a Decimal schema, from its `scale` parameter. */
  scale(schema: Schema): number {
    const text = schema.parameters?.[Decimal.SCALE_FIELD];
    if (text == null) {
      throw new DataError("Invalid Decimal schema: scale parameter not found.");
    }
    if (!/^[+-]?\d+$/.test(text) || Number(text) < INT_MIN || Number(text) > INT_MAX) {
      throw new DataError("Invalid scale parameter found in Decimal schema: ", {
        cause: new SyntaxError(`For input string: "${text}"`),
      });
    }
    return Number(text);
  },

  /** Encodes a value: it must have exactly the schema's scale. */
  fromLogical(schema: Schema, value: BigDecimal): Uint8Array {
    const scale = Decimal.scale(schema);
    if (value.scale !== scale) {
      throw new DataError(
        "Decimal value has mismatching scale for given Decimal schema. " +
          `Schema has scale ${scale}, value has scale ${value.scale}.`,
      );
    }
    return toTwosComplement(value.unscaled);
  },

  /** Decodes the two's-complement bytes with the schema's scale. */
  toLogical(schema: Schema, bytes: Uint8Array): BigDecimal {
    return new BigDecimal(fromTwosComplement(bytes), Decimal.scale(schema));
  },
});

/**
 * The Date logical type: an int32 count of days since the Unix epoch; the
 * value is a JavaScript `Date` at midnight UTC.
 *
 * @example
 * ```ts
 * import { LogicalDate } from "./logical_types.ts";
 * const days = LogicalDate.fromLogical(LogicalDate.SCHEMA, new Date("2022-01-03T00:00:00Z"));
 * console.log(days); // 18995
 * console.log(LogicalDate.toLogical(LogicalDate.SCHEMA, 1).toISOString()); // "1970-01-02T00:00:00.000Z"
 * ```
 */
export const LogicalDate = Object.freeze({
  /** The schema name identifying the logical type. */
  LOGICAL_NAME: "org.apache.kafka.connect.data.Date",
  /** The required Date schema (int32, version 1). */
  SCHEMA: freezeSchema({
    type: "int32",
    optional: false,
    name: "org.apache.kafka.connect.data.Date",
    version: 1,
  }),

  /** Days since the epoch; the date must have no time of day (in UTC). */
  fromLogical(schema: Schema, value: globalThis.Date): number {
    checkName(schema, LogicalDate.LOGICAL_NAME, "Date");
    const millis = checkDate(value, "Date");
    if (millis % MILLIS_PER_DAY !== 0) {
      throw new DataError(
        "Kafka Connect Date type should not have any time fields set to non-zero values.",
      );
    }
    return millis / MILLIS_PER_DAY | 0;
  },

  /** The midnight-UTC `Date` of a day count. */
  toLogical(schema: Schema, days: number): globalThis.Date {
    checkName(schema, LogicalDate.LOGICAL_NAME, "Date");
    return new globalThis.Date(days * MILLIS_PER_DAY);
  },
});

/**
 * The Time logical type: an int32 count of milliseconds since midnight; the
 * value is a JavaScript `Date` on 1970-01-01 UTC.
 *
 * @example
 * ```ts
 * import { LogicalTime } from "./logical_types.ts";
 * const noon = new Date(Date.UTC(1970, 0, 1, 12));
 * console.log(LogicalTime.fromLogical(LogicalTime.SCHEMA, noon)); // 43200000
 * ```
 */
export const LogicalTime = Object.freeze({
  /** The schema name identifying the logical type. */
  LOGICAL_NAME: "org.apache.kafka.connect.data.Time",
  /** The required Time schema (int32, version 1). */
  SCHEMA: freezeSchema({
    type: "int32",
    optional: false,
    name: "org.apache.kafka.connect.data.Time",
    version: 1,
  }),

  /** Milliseconds since midnight; the date must be 1970-01-01 (UTC). */
  fromLogical(schema: Schema, value: globalThis.Date): number {
    checkName(schema, LogicalTime.LOGICAL_NAME, "Time");
    const millis = checkDate(value, "Time");
    if (millis < 0 || millis > MILLIS_PER_DAY) {
      throw new DataError(
        "Kafka Connect Time type should not have any date fields set to non-zero values.",
      );
    }
    return millis;
  },

  /** The `Date` on 1970-01-01 UTC of a millisecond count. */
  toLogical(schema: Schema, millis: number): globalThis.Date {
    checkName(schema, LogicalTime.LOGICAL_NAME, "Date");
    if (millis < 0 || millis > MILLIS_PER_DAY) {
      throw new DataError(
        "Time values must use number of milliseconds greater than 0 and less than 86400000",
      );
    }
    return new globalThis.Date(millis);
  },
});

/**
 * The Timestamp logical type: an int64 count of milliseconds since the Unix
 * epoch; the value is a JavaScript `Date`.
 *
 * @example
 * ```ts
 * import { LogicalTimestamp } from "./logical_types.ts";
 * const at = LogicalTimestamp.toLogical(LogicalTimestamp.SCHEMA, 1700000000123);
 * console.log(at.toISOString()); // "2023-11-14T22:13:20.123Z"
 * ```
 */
export const LogicalTimestamp = Object.freeze({
  /** The schema name identifying the logical type. */
  LOGICAL_NAME: "org.apache.kafka.connect.data.Timestamp",
  /** The required Timestamp schema (int64, version 1). */
  SCHEMA: freezeSchema({
    type: "int64",
    optional: false,
    name: "org.apache.kafka.connect.data.Timestamp",
    version: 1,
  }),

  /** Milliseconds since the epoch. */
  fromLogical(schema: Schema, value: globalThis.Date): number {
    checkName(schema, LogicalTimestamp.LOGICAL_NAME, "Timestamp");
    return checkDate(value, "Timestamp");
  },

  /**
   * The `Date` of a millisecond count. JavaScript dates reach ±8.64e15 ms;
   * beyond that it throws.
   */
  toLogical(schema: Schema, millis: number | bigint): globalThis.Date {
    checkName(schema, LogicalTimestamp.LOGICAL_NAME, "Timestamp");
    const date = new globalThis.Date(Number(millis));
    if (Number.isNaN(date.getTime())) {
      throw new DataError(
        `Cannot convert Timestamp: ${millis} ms is outside the range of a JavaScript Date`,
      );
    }
    return date;
  },
});

/**
 * The names of the logical types above.
 *
 * @example
 * ```ts
 * import { LOGICAL_TYPE_NAMES } from "./logical_types.ts";
 * console.log(LOGICAL_TYPE_NAMES.has("org.apache.kafka.connect.data.Timestamp")); // true
 * ```
 */
export const LOGICAL_TYPE_NAMES: ReadonlySet<string> = new Set([
  Decimal.LOGICAL_NAME,
  LogicalDate.LOGICAL_NAME,
  LogicalTime.LOGICAL_NAME,
  LogicalTimestamp.LOGICAL_NAME,
]);
