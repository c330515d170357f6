/**
 * A permission-tolerant view of `process.env`, used only while the client
 * library loads.
 *
 * Why: the library depends on the `debug` npm package, which at load time
 * enumerates `process.env` (`Object.keys`), reads `DEBUG` and deletes it.
 * Under Deno, enumerating the environment needs the unrestricted
 * `--allow-env`; with `--allow-env=SOME_VAR` the import itself throws
 * `NotCapable`. The guard answers "absent" wherever Deno would refuse, so the
 * workers can run with a narrow `--allow-env` list.
 *
 * @example
 * ```ts
 * import { createEnvGuard } from "./env_guard.ts";
 * const guarded = createEnvGuard({ A: "1" });
 * console.log(guarded.A, Object.keys(guarded)); // "1" ["A"]
 * ```
 * @module
 */

/**
 * Wraps an env object: reads, enumeration, writes and deletes that throw
 * (e.g. Deno's `NotCapable`) behave as if the variable were absent.
 *
 * @example
 * ```ts
 * import { createEnvGuard } from "./env_guard.ts";
 * const strict = new Proxy({}, { ownKeys() { throw new Error("denied"); } });
 * console.log(Object.keys(createEnvGuard(strict))); // []
 * ```
 */
export function createEnvGuard(env: Record<string, string | undefined>): Record<string, string> {
  // The proxy target is a fresh object, not `env`: Proxy invariant checks
  // would otherwise call the real env's own traps and throw anyway.
  return new Proxy(Object.create(null) as Record<string, string>, {
    get: (_target, key) => attempt(() => Reflect.get(env, key), undefined),
    has: (_target, key) => attempt(() => Reflect.has(env, key), false),
    ownKeys: () => attempt(() => Reflect.ownKeys(env), []),
    getOwnPropertyDescriptor: (_target, key) =>
      attempt(() => {
        const descriptor = Reflect.getOwnPropertyDescriptor(env, key);
        return descriptor ? { ...descriptor, configurable: true } : undefined;
      }, undefined),
    set: (_target, key, value) => attempt(() => Reflect.set(env, key, value), true),
    deleteProperty: (_target, key) => attempt(() => Reflect.deleteProperty(env, key), true),
  });
}

/**
 * Runs `load` with `holder.env` replaced by a guard, restoring it afterwards
 * (also on failure).
 *
 * @example
 * ```ts
 * import { withEnvGuard } from "./env_guard.ts";
 * const holder = { env: { X: "1" } as Record<string, string | undefined> };
 * const keys = await withEnvGuard(holder, () => Promise.resolve(Object.keys(holder.env)));
 * console.log(keys); // ["X"]
 * ```
 */
export async function withEnvGuard<T>(
  holder: { env: Record<string, string | undefined> },
  load: () => Promise<T>,
): Promise<T> {
  const original = holder.env;
  holder.env = createEnvGuard(original);
  try {
    return await load();
  } finally {
    holder.env = original;
  }
}

function attempt<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}
