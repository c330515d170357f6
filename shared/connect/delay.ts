/**
 * An abortable wait, for tasks that must wait for data yet stop promptly.
 *
 * @example
 * ```ts
 * import { delay } from "./delay.ts";
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 10);
 * const started = Date.now();
 * await delay(60_000, controller.signal); // resolves after ~10 ms
 * console.log(Date.now() - started < 1000); // true
 * ```
 * @module
 */

/**
 * Resolves after `ms` milliseconds, or as soon as `signal` aborts (at once
 * if it already has). Never rejects, so a `poll` can simply
 * `await delay(1000, signal)` and then check `signal?.aborted`.
 *
 * @example
 * ```ts
 * import { delay } from "./delay.ts";
 * async function poll(signal?: AbortSignal) {
 *   await delay(1000, signal); // wait for data, but not past a stop request
 *   return null;
 * }
 * const controller = new AbortController();
 * controller.abort();
 * console.log(await poll(controller.signal)); // null, immediately
 * ```
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
