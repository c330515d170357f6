/**
 * Summary statistics of bench samples: median and nearest-rank percentiles.
 *
 * @example
 * ```ts
 * import { median, percentile } from "./stats.ts";
 * console.log(median([3, 1, 2])); // 2
 * console.log(percentile([1, 2, 3, 4], 50)); // 2
 * ```
 * @module
 */

/**
 * The median of `values` (the mean of the two middle values for an even
 * count). Throws on an empty list.
 *
 * @example
 * ```ts
 * import { median } from "./stats.ts";
 * console.log(median([4, 1, 3, 2])); // 2.5
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("Cannot take the median: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The `p`-th percentile (0 < p ≤ 100) by the nearest-rank method: the
 * smallest value with at least p% of the values at or below it. Throws on
 * an empty list or a `p` out of range.
 *
 * @example
 * ```ts
 * import { percentile } from "./stats.ts";
 * const values = Array.from({ length: 100 }, (_, i) => i + 1);
 * console.log(percentile(values, 99)); // 99
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError(`Cannot take the p${p}: no values`);
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`Cannot take the p${p}: the percentile must be in (0, 100]`);
  }
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

/**
 * Records per second of `count` records in `ms` milliseconds.
 *
 * @example
 * ```ts
 * import { ratePerSecond } from "./stats.ts";
 * console.log(ratePerSecond(1_000_000, 2000)); // 500000
 * ```
 */
export function ratePerSecond(count: number, ms: number): number {
  if (!(ms > 0)) throw new RangeError(`Cannot compute a rate: duration ${ms} ms is not positive`);
  return (count * 1000) / ms;
}
