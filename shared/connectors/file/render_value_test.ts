import assert from "node:assert/strict";
import { javaDoubleToString, renderValue } from "./render_value.ts";

Deno.test("renderValue renders like Java's String.valueOf", () => {
  assert.equal(renderValue("as is"), "as is");
  assert.equal(renderValue(null), "null");
  assert.equal(renderValue(undefined), "null");
  assert.equal(renderValue(42), "42");
  assert.equal(renderValue(1.5), "1.5");
  assert.equal(renderValue(12345678901234567890n), "12345678901234567890");
  assert.equal(renderValue(false), "false");
  assert.equal(renderValue([1, "a", null, [true]]), "[1, a, null, [true]]");
  assert.equal(renderValue(new Map<unknown, unknown>([["k", 1], [2, null]])), "{k=1, 2=null}");
  assert.equal(renderValue({ id: 1, name: "a", tags: ["x"] }), "{id=1, name=a, tags=[x]}");
  assert.equal(renderValue(new Date(0)), "1970-01-01T00:00:00.000Z");
  class Struct {
    toString() {
      return "Struct{id=1}";
    }
  }
  assert.equal(renderValue(new Struct()), "Struct{id=1}");
});

Deno.test("renderValue writes bytes verbatim", () => {
  const bytes = new Uint8Array([0xff, 0x00, 0x61]);
  assert.equal(renderValue(bytes), bytes);
  assert.equal(renderValue([new Uint8Array([0x68, 0x69])]), "[hi]");
});

Deno.test("renderValue renders floating-point schemas as Java doubles", () => {
  const float64 = { type: "float64", optional: false } as const;
  assert.equal(renderValue(2, float64), "2.0");
  assert.equal(renderValue(2, { type: "int32", optional: false }), "2");
  assert.equal(
    renderValue([1, 2.5], { type: "array", optional: false, valueSchema: float64 }),
    "[1.0, 2.5]",
  );
});

Deno.test("javaDoubleToString matches Double.toString", () => {
  assert.equal(javaDoubleToString(0), "0.0");
  assert.equal(javaDoubleToString(-0), "-0.0");
  assert.equal(javaDoubleToString(1), "1.0");
  assert.equal(javaDoubleToString(-2.25), "-2.25");
  assert.equal(javaDoubleToString(0.001), "0.001");
  assert.equal(javaDoubleToString(0.0001), "1.0E-4");
  assert.equal(javaDoubleToString(1e7), "1.0E7");
  assert.equal(javaDoubleToString(12345678), "1.2345678E7");
  assert.equal(javaDoubleToString(1.5e300), "1.5E300");
  assert.equal(javaDoubleToString(NaN), "NaN");
  assert.equal(javaDoubleToString(-Infinity), "-Infinity");
});
