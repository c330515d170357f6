/**
 * Lets a library producer keep up to `n` produce requests in flight per
 * broker connection. The library pins idempotent producers to one, so
 * every request waits for the previous one's response: with 1 MiB batches
 * that caps a producer at one batch per broker round trip. The broker keeps
 * the last 5 batches of each idempotent producer, so up to 5 in flight
 * still never duplicates or loses records; see `maxInFlightRequests` in
 * `types.ts` for what it gives up (order across a failed request).
 *
 * How: the library's connection pool copies the client's options when it
 * is created (in the constructor, before any connection exists), so this
 * sets the client's `maxInflights` option and replaces the pool with a new
 * one made by the client's own factory, closing the unused original.
 * Returns false, changing nothing, when those library internals are not
 * where expected.
 *
 * @example
 * ```ts ignore
 * import { allowInFlightRequests } from "./inflight_requests.ts";
 * const lib = new plt.Producer({ ... });
 * allowInFlightRequests(lib, 5); // before the first request
 * ```
 * @module
 */
import { findSymbol } from "./api_override.ts";

/**
 * See the module doc. `n` must be 1–5; 1 leaves the client unchanged.
 * Throws `RangeError` for another `n`.
 *
 * @example
 * ```ts
 * import { allowInFlightRequests } from "./inflight_requests.ts";
 * console.log(allowInFlightRequests({}, 1)); // true: nothing to change
 * ```
 */
export function allowInFlightRequests(client: object, n: number): boolean {
  if (!Number.isInteger(n) || n < 1 || n > 5) {
    throw new RangeError(`maxInFlightRequests must be an integer from 1 to 5, got ${n}`);
  }
  if (n === 1) return true;
  const optionsKey = findSymbol(client, "plt.kafka.base.options");
  const poolKey = findSymbol(client, "plt.kafka.base.connections");
  const factoryKey = findSymbol(client, "plt.kafka.base.createConnectionPool");
  if (!optionsKey || !poolKey || !factoryKey) return false;
  const target = client as Record<symbol, unknown>;
  const options = target[optionsKey] as { maxInflights?: number } | undefined;
  const original = target[poolKey] as { close(cb: () => void): void } | undefined;
  const factory = target[factoryKey];
  if (!options || !original || typeof factory !== "function") return false;
  options.maxInflights = n;
  target[poolKey] = factory.call(client);
  original.close(() => {});
  return true;
}
