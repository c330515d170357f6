/**
 * Bounding a promise by a deadline without leaking the timer (Deno's test
 * sanitizers fail on a timer left running).
 *
 * @example
 * ```ts
 * import { withDeadline } from "./deadline.ts";
 * const value = await withDeadline(Promise.resolve(1), 100, () => new Error("late"));
 * console.log(value); // 1
 * ```
 * @module
 */

/**
 * Resolves like `promise`, or rejects with `onTimeout()` after `ms`. The timer
 * is always cleared. The original promise is not cancelled: the caller must
 * clean up (e.g. close the client) after a timeout; its late rejection is
 * swallowed.
 *
 * @example
 * ```ts
 * import { withDeadline } from "./deadline.ts";
 * const never = new Promise<void>(() => {});
 * await withDeadline(never, 10, () => new Error("too slow")).catch((e) => console.log(e.message));
 * ```
 */
export function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A promise that resolves after `ms` unless `cancel()` is called first (then
 * it resolves at once). Used for waits that a close must be able to cut short.
 *
 * @example
 * ```ts
 * import { cancellableDelay } from "./deadline.ts";
 * const d = cancellableDelay(60_000);
 * d.cancel();
 * await d.promise; // resolves immediately, no timer left behind
 * ```
 */
export function cancellableDelay(ms: number): { promise: Promise<void>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done!: () => void;
  const promise = new Promise<void>((resolve) => {
    done = resolve;
    timer = setTimeout(resolve, ms);
  });
  return {
    promise,
    cancel() {
      clearTimeout(timer);
      done();
    },
  };
}
