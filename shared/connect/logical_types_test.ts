import assert from "node:assert/strict";
import { DataError } from "./errors.ts";
import {
  BigDecimal,
  Decimal,
  LOGICAL_TYPE_NAMES,
  LogicalDate,
  LogicalTime,
  LogicalTimestamp,
} from "./logical_types.ts";
import { SchemaBuilder, Schemas } from "./schema_builder.ts";

Deno.test("BigDecimal.parse takes Java's syntax", () => {
  const cases: [string, bigint, number][] = [
    ["0", 0n, 0],
    ["-0.0", 0n, 1],
    ["12.340", 12340n, 3],
    ["+5", 5n, 0],
    [".5", 5n, 1],
    ["5.", 5n, 0],
    ["1E+3", 1n, -3],
    ["1.5e-3", 15n, 4],
    ["-123456789012345678901234567890", -123456789012345678901234567890n, 0],
  ];
  for (const [text, unscaled, scale] of cases) {
    const d = BigDecimal.parse(text);
    assert.equal(d.unscaled, unscaled, text);
    assert.equal(d.scale, scale, text);
  }
  for (const bad of ["", ".", "-", "1e", "abc", "1.2.3", "0x10"]) {
    assert.throws(() => BigDecimal.parse(bad), SyntaxError, bad);
  }
  assert.throws(() => new BigDecimal(1n, 2 ** 31), RangeError);
});

Deno.test("BigDecimal.toString follows Java's rules", () => {
  const cases: [bigint, number, string][] = [
    [0n, 0, "0"],
    [0n, 2, "0.00"],
    [0n, -2, "0E+2"],
    [1234n, 2, "12.34"],
    [-1n, 2, "-0.01"],
    [1n, 6, "0.000001"],
    [1n, 7, "1E-7"],
    [123n, 10, "1.23E-8"],
    [123n, -2, "1.23E+4"],
    [1n, -3, "1E+3"],
    [5n, 0, "5"],
    [-5n, 1, "-0.5"],
  ];
  for (const [unscaled, scale, text] of cases) {
    assert.equal(new BigDecimal(unscaled, scale).toString(), text);
  }
  assert.equal(new BigDecimal(123n, -2).toPlainString(), "12300");
  assert.equal(new BigDecimal(1n, 7).toPlainString(), "0.0000001");
  assert.equal(new BigDecimal(-1234n, 2).toPlainString(), "-12.34");
  assert.equal(new BigDecimal(0n, -2).toPlainString(), "0");
  assert.equal(JSON.stringify({ d: BigDecimal.parse("1.50") }), '{"d":"1.50"}');
});

Deno.test("BigDecimal arithmetic helpers", () => {
  assert.equal(BigDecimal.parse("1.5").setScale(3).toString(), "1.500");
  assert.equal(BigDecimal.parse("1.50").setScale(1).toString(), "1.5");
  assert.throws(() => BigDecimal.parse("1.55").setScale(1), /rounding necessary/);
  assert.equal(BigDecimal.parse("1.25").setScale(1, "HALF_EVEN").toString(), "1.2");
  assert.equal(BigDecimal.parse("1.35").setScale(1, "HALF_EVEN").toString(), "1.4");
  assert.equal(BigDecimal.parse("1.25").setScale(1, "HALF_UP").toString(), "1.3");
  assert.equal(BigDecimal.parse("-1.25").setScale(1, "HALF_UP").toString(), "-1.3");
  assert.equal(BigDecimal.parse("-1.29").setScale(1, "DOWN").toString(), "-1.2");
  assert.equal(BigDecimal.parse("1.0").compareTo(BigDecimal.parse("1.00")), 0);
  assert.equal(BigDecimal.parse("-1").compareTo(BigDecimal.parse("0.5")), -1);
  assert.equal(BigDecimal.parse("2E+1").compareTo(BigDecimal.parse("19.99")), 1);
  assert.ok(!BigDecimal.parse("1.0").equals(BigDecimal.parse("1.00")));
  assert.ok(BigDecimal.parse("1.0").equals(new BigDecimal(10n, 1)));
  assert.ok(!BigDecimal.parse("1").equals(1));
  assert.equal(BigDecimal.fromNumber(0.1).toString(), "0.1");
  assert.equal(BigDecimal.fromNumber(1e21).toString(), "1E+21");
  assert.throws(() => BigDecimal.fromNumber(NaN), RangeError);
  assert.equal(BigDecimal.parse("12.34").toNumber(), 12.34);
  assert.deepEqual([-1, 0, 1], ["-2", "0.0", "3"].map((t) => BigDecimal.parse(t).signum()));
});

Deno.test("Decimal encodes the unscaled value in minimal two's complement", () => {
  const schema = Decimal.schema(0);
  const cases: [string, number[]][] = [
    ["0", [0]],
    ["1", [1]],
    ["127", [127]],
    ["128", [0, 128]],
    ["-1", [255]],
    ["-128", [128]],
    ["-129", [255, 127]],
    ["65535", [0, 255, 255]],
  ];
  for (const [value, bytes] of cases) {
    assert.deepEqual([...Decimal.fromLogical(schema, BigDecimal.parse(value))], bytes, value);
    assert.equal(Decimal.toLogical(schema, new Uint8Array(bytes)).toString(), value);
  }
  const big = BigDecimal.parse("-123456789012345678901234567890.1234567890");
  const s10 = Decimal.schema(10);
  assert.ok(Decimal.toLogical(s10, Decimal.fromLogical(s10, big)).equals(big));
});

Deno.test("Decimal's schema and errors", () => {
  assert.deepEqual(Decimal.schema(2), {
    type: "bytes",
    optional: false,
    name: "org.apache.kafka.connect.data.Decimal",
    version: 1,
    parameters: { scale: "2" },
  });
  assert.equal(Decimal.scale(SchemaBuilder.decimal(-3).build()), -3);
  assert.throws(() => Decimal.fromLogical(Decimal.schema(2), BigDecimal.parse("1.5")), {
    message:
      "Decimal value has mismatching scale for given Decimal schema. Schema has scale 2, value has scale 1.",
  });
  assert.throws(() => Decimal.scale(Schemas.BYTES), {
    message: "Invalid Decimal schema: scale parameter not found.",
  });
  assert.throws(() => Decimal.scale(SchemaBuilder.bytes().parameter("scale", "x").build()), {
    message: "Invalid scale parameter found in Decimal schema: ",
  });
  assert.throws(() => Decimal.toLogical(Decimal.schema(1), new Uint8Array()), DataError);
});

Deno.test("Date is days since the epoch at midnight UTC", () => {
  const schema = LogicalDate.SCHEMA;
  assert.equal(LogicalDate.fromLogical(schema, new Date(Date.UTC(2022, 0, 3))), 18995);
  assert.equal(LogicalDate.fromLogical(schema, new Date(-86400000)), -1);
  assert.equal(LogicalDate.toLogical(schema, 18995).toISOString(), "2022-01-03T00:00:00.000Z");
  assert.throws(() => LogicalDate.fromLogical(schema, new Date(1000)), {
    message: "Kafka Connect Date type should not have any time fields set to non-zero values.",
  });
  assert.throws(() => LogicalDate.fromLogical(Schemas.INT32, new Date(0)), {
    message: "Requested conversion of Date object but the schema does not match.",
  });
  assert.throws(() => LogicalDate.fromLogical(schema, new Date(NaN)), /the Date is invalid/);
});

Deno.test("Time is milliseconds since midnight on 1970-01-01", () => {
  assert.equal(LogicalTime.fromLogical(LogicalTime.SCHEMA, new Date(43200123)), 43200123);
  assert.equal(LogicalTime.fromLogical(LogicalTime.SCHEMA, new Date(86400000)), 86400000);
  assert.throws(() => LogicalTime.fromLogical(LogicalTime.SCHEMA, new Date(86400001)), {
    message: "Kafka Connect Time type should not have any date fields set to non-zero values.",
  });
  assert.equal(LogicalTime.toLogical(LogicalTime.SCHEMA, 1).getTime(), 1);
  assert.throws(() => LogicalTime.toLogical(LogicalTime.SCHEMA, -1), {
    message: "Time values must use number of milliseconds greater than 0 and less than 86400000",
  });
  assert.throws(() => LogicalTime.toLogical(Schemas.INT32, 1), {
    message: "Requested conversion of Date object but the schema does not match.",
  });
});

Deno.test("Timestamp is milliseconds since the epoch", () => {
  assert.equal(LogicalTimestamp.fromLogical(LogicalTimestamp.SCHEMA, new Date(-1)), -1);
  assert.equal(
    LogicalTimestamp.toLogical(LogicalTimestamp.SCHEMA, 1700000000123n).getTime(),
    1700000000123,
  );
  assert.throws(() => LogicalTimestamp.toLogical(LogicalTimestamp.SCHEMA, 2n ** 62n), {
    message:
      "Cannot convert Timestamp: 4611686018427387904 ms is outside the range of a JavaScript Date",
  });
  assert.throws(() => LogicalTimestamp.fromLogical(Schemas.INT64, new Date(0)), {
    message: "Requested conversion of Timestamp object but the schema does not match.",
  });
});

Deno.test("the logical type names", () => {
  assert.deepEqual([...LOGICAL_TYPE_NAMES], [
    "org.apache.kafka.connect.data.Decimal",
    "org.apache.kafka.connect.data.Date",
    "org.apache.kafka.connect.data.Time",
    "org.apache.kafka.connect.data.Timestamp",
  ]);
  for (const schema of [LogicalDate.SCHEMA, LogicalTime.SCHEMA, LogicalTimestamp.SCHEMA]) {
    assert.ok(Object.isFrozen(schema));
    assert.equal(schema.version, 1);
  }
});
