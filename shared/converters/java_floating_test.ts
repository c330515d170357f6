/**
 * Java's Double.toString/Float.toString, checked against golden output of
 * Kafka Connect's JsonConverter (Jackson) run on JDK 17 and on JDK 25:
 * `testdata/java_numbers_golden.json`, made by `testdata/ConverterGoldens.java`
 * (see its header). Both JDKs write the same inputs; "jdk17" is the default
 * format here, "jdk25" the `shortest` one. The fast path is also checked
 * against the exact (bigint) algorithm on many pseudo-random values.
 */
import assert from "node:assert/strict";
import {
  formatJavaDouble,
  formatJavaDoubleExact,
  formatJavaFloat,
  formatJavaFloatExact,
} from "./java_floating.ts";
import numbers from "./testdata/java_numbers_golden.json" with { type: "json" };

const view = new DataView(new ArrayBuffer(8));
const unquote = (text: string) => text.startsWith('"') ? JSON.parse(text) as string : text;

function doubleOf(hex: string): number {
  view.setBigUint64(0, BigInt("0x" + hex));
  return view.getFloat64(0);
}

function floatOf(hex: string): number {
  view.setUint32(0, parseInt(hex, 16));
  return view.getFloat32(0);
}

Deno.test("doubles as JDK 17 writes them (fast and exact paths)", () => {
  const { bits, jdk17 } = numbers.doubles;
  assert.ok(bits.length > 1900);
  bits.forEach((hex, i) => {
    const d = doubleOf(hex);
    assert.equal(formatJavaDouble(d), unquote(jdk17[i]), `${hex} (${d})`);
    assert.equal(formatJavaDoubleExact(d), unquote(jdk17[i]), `${hex} (${d}) exact`);
  });
});

Deno.test("doubles as JDK 19+ write them (shortest)", () => {
  const { bits, jdk25 } = numbers.doubles;
  bits.forEach((hex, i) => {
    assert.equal(formatJavaDouble(doubleOf(hex), "shortest"), unquote(jdk25[i]), hex);
  });
});

Deno.test("floats as JDK 17 writes them (fast and exact paths)", () => {
  const { bits, jdk17 } = numbers.floats;
  assert.ok(bits.length > 1500);
  bits.forEach((hex, i) => {
    const f = floatOf(hex);
    assert.equal(formatJavaFloat(f), unquote(jdk17[i]), `${hex} (${f})`);
    assert.equal(formatJavaFloatExact(f), unquote(jdk17[i]), `${hex} (${f}) exact`);
  });
});

Deno.test("floats as JDK 19+ write them (shortest)", () => {
  const { bits, jdk25 } = numbers.floats;
  bits.forEach((hex, i) => {
    assert.equal(formatJavaFloat(floatOf(hex), "shortest"), unquote(jdk25[i]), hex);
  });
});

Deno.test("Java's layout", () => {
  const cases: [number, string][] = [
    [1, "1.0"],
    [100, "100.0"],
    [0.001, "0.001"],
    [0.0001, "1.0E-4"],
    [1e7, "1.0E7"],
    [9999999, "9999999.0"],
    [1234567.5, "1234567.5"],
    [-0, "-0.0"],
    [0, "0.0"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    [Number.MIN_VALUE, "4.9E-324"],
    [Number.MAX_VALUE, "1.7976931348623157E308"],
    [2 ** 60, "1.15292150460684698E18"],
  ];
  for (const [d, text] of cases) assert.equal(formatJavaDouble(d), text, String(d));
  assert.equal(formatJavaDouble(1e23), "9.999999999999999E22");
  assert.equal(formatJavaDouble(1e23, "shortest"), "1.0E23");
  assert.equal(formatJavaFloat(Math.fround(0.1)), "0.1");
  assert.equal(formatJavaFloat(Math.fround(1e10)), "1.0E10");
  assert.equal(formatJavaFloat(2914245.25), "2914245.2"); // a tie: the even digit
  assert.equal(formatJavaFloat(-0), "-0.0");
  assert.equal(formatJavaFloat(NaN), "NaN");
});

Deno.test("the fast path agrees with the exact algorithm", () => {
  let state = 0x243f6a8885a308d3n;
  const next = () => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return state;
  };
  const unit = () => Number(next() >> 11n) / 2 ** 53;
  for (let i = 0; i < 30000; i++) {
    let d: number;
    switch (i % 6) {
      case 0:
        view.setBigUint64(0, next());
        d = view.getFloat64(0);
        break;
      case 1:
        d = Math.round(unit() * 10 ** (1 + (i % 12))) / 10 ** (i % 9);
        break;
      case 2:
        d = (Math.floor(unit() * 64) + 1) * 2 ** (Math.floor(unit() * 60) - 40);
        break;
      case 3:
        d = Math.floor(unit() * 2 ** 52) + [0.25, 0.5, 0.75][i % 3];
        break;
      case 4:
        d = unit() * 10 ** (Math.floor(unit() * 40) - 20);
        break;
      default:
        d = Math.floor(unit() * 2 ** 20) / 2 ** Math.floor(unit() * 30);
    }
    if (Number.isNaN(d)) continue;
    assert.equal(formatJavaDouble(d), formatJavaDoubleExact(d), String(d));
    const f = Math.fround(d);
    assert.equal(formatJavaFloat(f), formatJavaFloatExact(f), String(f));
  }
});
