/**
 * Holds a task's records while its worker's lease is not confirmed, so a
 * worker that may have lost its work never sends, puts or commits them.
 *
 * @example
 * ```ts
 * import { waitForLease } from "./lease_wait.ts";
 * let confirmed = false;
 * setTimeout(() => confirmed = true, 100);
 * const go = await waitForLease(() => confirmed, () => false, () => {});
 * console.log(go); // true, once the lease is confirmed
 * ```
 * @module
 */

/**
 * Resolves true at once when there is no lease check or it passes;
 * otherwise warns once and polls every 50 ms until the lease is confirmed
 * (true) or the task is stopping (false).
 *
 * @example
 * ```ts
 * import { waitForLease } from "./lease_wait.ts";
 * console.log(await waitForLease(undefined, () => false, () => {})); // true
 * ```
 */
export async function waitForLease(
  valid: (() => boolean) | undefined,
  stopping: () => boolean,
  warn: (message: string) => void,
): Promise<boolean> {
  if (!valid || valid()) return true;
  warn("holding polled records: this worker's lease is not confirmed");
  while (!valid()) {
    if (stopping()) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !stopping();
}
