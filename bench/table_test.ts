import assert from "node:assert/strict";
import { summarize } from "./metrics.ts";
import { formatNumber, formatRatio, formatTable } from "./table.ts";

Deno.test("formatNumber picks a precision by size", () => {
  assert.equal(formatNumber(412345.6), "412,346");
  assert.equal(formatNumber(100), "100");
  assert.equal(formatNumber(42.25), "42.3");
  assert.equal(formatNumber(1.234), "1.23");
  assert.equal(formatNumber(undefined), "—");
  assert.equal(formatNumber(NaN), "—");
});

Deno.test("formatRatio marks wins", () => {
  assert.equal(formatRatio(2.048, true), "2.05× +");
  assert.equal(formatRatio(0.41, false), "0.41× -");
  assert.equal(formatRatio(123.4, true), "123× +");
  assert.equal(formatRatio(0.004, true), "0.0040× +");
  assert.equal(formatRatio(undefined, undefined), "—");
});

Deno.test("formatTable lines up a Markdown table", () => {
  const text = formatTable([
    summarize({
      id: "s",
      label: "source 100 B, JsonConverter",
      unit: "records/s",
      better: "higher",
      samples: {
        tributary: [500_000, 510_000, 490_000],
        kafka_connect: [250_000],
        kcat: [800_000],
      },
    }),
    summarize({
      id: "l",
      label: "latency p50",
      unit: "ms",
      better: "lower",
      samples: { tributary: [3], kafka_connect: [600] },
    }),
  ]);
  const lines = text.split("\n");
  assert.equal(lines.length, 4);
  assert.ok(lines[0].startsWith("| metric"));
  assert.match(lines[1], /^\|-+\|/);
  assert.match(
    lines[2],
    /\| +500,000 \| +250,000 \| +800,000 \| +2\.00× \+ \| +0\.63× - \| +1 \|$/,
  );
  assert.match(lines[3], /\| +3\.00 \| +600 \| +— \| +0\.0050× \+ \| +— \| +1 \|$/);
  assert.equal(new Set(lines.map((l) => l.length)).size, 1);
});
