import assert from "node:assert/strict";
import {
  decimalValue,
  doubleValue,
  floatValue,
  intValue,
  isInt,
  isIntegral,
  isNumber,
  JsonFloat,
  type JsonNode,
  longValue,
  nodeType,
} from "./json_node.ts";

Deno.test("node types are Jackson's names", () => {
  assert.deepEqual(
    [undefined, null, true, "s", 1, 1n, new JsonFloat("1.0"), [], new Map(), {}].map((n) =>
      nodeType(n as JsonNode)
    ),
    [
      "MISSING",
      "NULL",
      "BOOLEAN",
      "STRING",
      "NUMBER",
      "NUMBER",
      "NUMBER",
      "ARRAY",
      "OBJECT",
      "OBJECT",
    ],
  );
  assert.ok(isNumber(1n) && isNumber(new JsonFloat("1")) && !isNumber("1") && !isNumber(undefined));
  assert.ok(isInt(-2147483648) && !isInt(2147483648) && !isInt(1n) && !isInt(new JsonFloat("1")));
  assert.ok(
    isIntegral(2n ** 70n) && isIntegral(3) && !isIntegral(1.5) && !isIntegral(new JsonFloat("1")),
  );
});

Deno.test("intValue wraps and truncates as Java", () => {
  assert.equal(intValue(3000000000), -1294967296);
  assert.equal(intValue(2n ** 64n + 5n), 5);
  assert.equal(intValue(new JsonFloat("-1.9")), -1);
  assert.equal(intValue(new JsonFloat("1e10")), 1410065408);
  assert.equal(intValue(new JsonFloat("1e400")), 0);
  assert.equal(intValue(new JsonFloat("1e-400")), 0);
  assert.equal(intValue(1.9), 1); // JSON.parse output
  assert.equal(intValue("12"), 0);
  assert.equal(intValue(true), 0);
  assert.equal(intValue(undefined), 0);
});

Deno.test("longValue gives a safe number or a bigint", () => {
  assert.equal(longValue(42), 42);
  assert.equal(longValue(-0), 0);
  assert.ok(Object.is(longValue(-0), 0));
  assert.equal(longValue(2n ** 63n), -(2n ** 63n));
  assert.equal(longValue(18446744073709551617n), 1);
  assert.equal(longValue(9007199254740993n), 9007199254740993n);
  assert.equal(longValue(new JsonFloat("1.5e3")), 1500);
  assert.equal(longValue(new JsonFloat("1e19")), -8446744073709551616n);
  assert.equal(longValue(new JsonFloat("-0.5")), 0);
  assert.equal(longValue(1e19), -8446744073709551616n); // JSON.parse output
  assert.equal(longValue(-2.5), -2);
  assert.equal(longValue("x"), 0);
});

Deno.test("doubleValue and floatValue round once, like Java", () => {
  assert.equal(doubleValue(new JsonFloat("0.1000000000000000055511151231257827")), 0.1);
  assert.ok(Object.is(doubleValue(new JsonFloat("-0.0")), 0));
  assert.equal(doubleValue(new JsonFloat("1e400")), Infinity);
  assert.equal(doubleValue(9007199254740993n), 9007199254740992);
  assert.equal(doubleValue(null), 0);
  assert.equal(floatValue(16777217), 16777216);
  assert.equal(floatValue(new JsonFloat("0.1")), Math.fround(0.1));
  // Just above the midpoint between the floats 1 and 1 + 2^-23: its nearest
  // double IS the midpoint, so rounding through a double would give 1.
  assert.equal(
    floatValue(new JsonFloat("1.00000005960464477539062500000000001")),
    Math.fround(1 + 2 ** -23),
  );
  assert.equal(floatValue(new JsonFloat("1.000000059604644775390625")), 1); // a true tie: even
  // The same for a big integer: 2^60 + 2^36 is the midpoint; one more rounds up.
  assert.equal(floatValue(2n ** 60n + 2n ** 36n + 1n), Number(2n ** 60n + 2n ** 37n));
  assert.equal(floatValue(2n ** 60n + 2n ** 36n), 2 ** 60);
  assert.equal(floatValue(new JsonFloat("1e39")), Infinity);
  assert.equal(floatValue("1.5"), 0);
});

Deno.test("decimalValue keeps the written scale", () => {
  assert.equal(decimalValue(new JsonFloat("12.340")).toString(), "12.340");
  assert.equal(decimalValue(new JsonFloat("1.5E+3")).toString(), "1.5E+3");
  assert.equal(decimalValue(12).toString(), "12");
  assert.equal(decimalValue(2n ** 80n).toString(), "1208925819614629174706176");
});
