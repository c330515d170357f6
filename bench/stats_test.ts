import assert from "node:assert/strict";
import { median, percentile, ratePerSecond } from "./stats.ts";

Deno.test("median of odd and even counts", () => {
  assert.equal(median([5]), 5);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /Cannot take the median: no values/);
});

Deno.test("median does not reorder its input", () => {
  const values = [3, 1, 2];
  median(values);
  assert.deepEqual(values, [3, 1, 2]);
});

Deno.test("percentile uses the nearest rank", () => {
  const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
  assert.equal(percentile(values, 50), 500);
  assert.equal(percentile(values, 99), 990);
  assert.equal(percentile(values, 100), 1000);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([1, 2], 50), 1);
});

Deno.test("percentile rejects empty input and bad percentiles", () => {
  assert.throws(() => percentile([], 50), /Cannot take the p50: no values/);
  assert.throws(() => percentile([1], 0), /must be in \(0, 100\]/);
  assert.throws(() => percentile([1], 101), /must be in \(0, 100\]/);
});

Deno.test("ratePerSecond", () => {
  assert.equal(ratePerSecond(1_000_000, 2000), 500_000);
  assert.throws(() => ratePerSecond(1, 0), /Cannot compute a rate/);
});
