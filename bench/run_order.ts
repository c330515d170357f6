/**
 * The order the systems take their turns in, per repetition. Each run on the
 * shared broker inherits what the run before it left behind (a gigabyte
 * just written, or a minute of slower writes), so a fixed order favours
 * whichever system always follows the slowest one. Rotating the order by
 * one each repetition puts every system in every position equally often.
 *
 * @example
 * ```ts
 * import { rotatedOrder } from "./run_order.ts";
 * console.log(rotatedOrder(["tributary", "kafka_connect", "kcat"], 2));
 * // ["kafka_connect", "kcat", "tributary"]
 * ```
 * @module
 */

/**
 * `systems` rotated left by `rep - 1` (repetitions count from 1).
 *
 * @example
 * ```ts
 * import { rotatedOrder } from "./run_order.ts";
 * console.log(rotatedOrder(["a", "b"], 1)); // ["a", "b"]
 * ```
 */
export function rotatedOrder<T>(systems: readonly T[], rep: number): T[] {
  if (systems.length === 0) return [];
  const k = (((rep - 1) % systems.length) + systems.length) % systems.length;
  return [...systems.slice(k), ...systems.slice(0, k)];
}
