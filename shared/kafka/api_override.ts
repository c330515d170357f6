/**
 * Replaces one protocol API of one library client instance. The library
 * resolves APIs through a symbol-keyed method of its client base class
 * (`plt.kafka.base.getApi`, called with the API's name); this wraps that
 * method on the given instance only, so the client keeps everything else
 * (connections, retries, metadata) and only the request encoding or
 * response parsing of that API changes. Used by `fast_produce.ts` and
 * `fast_fetch.ts`.
 *
 * @example
 * ```ts ignore
 * import { overrideApi } from "./api_override.ts";
 * overrideApi(lib, "Fetch", (api) => api.version === 17 ? myFetchV17 : api);
 * ```
 * @module
 */

/**
 * A library API function (`createAPI` output) with its version.
 *
 * @example
 * ```ts
 * import type { LibApi } from "./api_override.ts";
 * const api = Object.assign(() => {}, { version: 11 }) as LibApi;
 * ```
 */
export type LibApi = ((...args: unknown[]) => void) & { version: number };

type GetApi = (name: string, callback: (error: unknown, api?: LibApi) => void) => void;

/**
 * The library's `getApi` method symbol on `client`'s prototype chain, if
 * present (its description is the library's, stable across 2.x).
 *
 * @example
 * ```ts
 * import { getApiSymbol } from "./api_override.ts";
 * console.log(getApiSymbol({})); // undefined
 * ```
 */
export function getApiSymbol(client: object): symbol | undefined {
  return findSymbol(client, "plt.kafka.base.getApi");
}

/**
 * A symbol of the library's client base class by its description, looked
 * up on the instance and its prototype chain.
 *
 * @example
 * ```ts
 * import { findSymbol } from "./api_override.ts";
 * console.log(findSymbol({}, "plt.kafka.base.options")); // undefined
 * ```
 */
export function findSymbol(client: object, description: string): symbol | undefined {
  for (let o: object | null = client; o; o = Object.getPrototypeOf(o)) {
    const found = Object.getOwnPropertySymbols(o).find((s) => s.description === description);
    if (found) return found;
  }
  return undefined;
}

/**
 * Resolves the version of API `name` the client would use (undefined when
 * it cannot tell).
 *
 * @example
 * ```ts ignore
 * import { apiVersion } from "./api_override.ts";
 * console.log(await apiVersion(producer, "Produce")); // 11
 * ```
 */
export function apiVersion(client: object, name: string): Promise<number | undefined> {
  const key = getApiSymbol(client);
  const getApi = key && (client as Record<symbol, GetApi>)[key];
  if (typeof getApi !== "function") return Promise.resolve(undefined);
  return new Promise((resolve) => {
    getApi.call(client, name, (error, api) => resolve(error ? undefined : api?.version));
  });
}

/**
 * Wraps the client's `getApi` so API `name` resolves to `replace(api)` (which
 * may return the library's `api` unchanged). Returns false, changing
 * nothing, when the client has no such method.
 *
 * @example
 * ```ts ignore
 * import { overrideApi } from "./api_override.ts";
 * const ok = overrideApi(consumer, "Fetch", (api) => fastFetchFor(api) ?? api);
 * ```
 */
export function overrideApi(
  client: object,
  name: string,
  replace: (api: LibApi) => LibApi,
): boolean {
  const key = getApiSymbol(client);
  if (key === undefined) return false;
  const target = client as Record<symbol, GetApi>;
  const original = target[key];
  if (typeof original !== "function") return false;
  target[key] = function (this: unknown, requested, callback) {
    if (requested !== name) {
      original.call(this, requested, callback);
      return;
    }
    original.call(this, requested, (error, api) => {
      if (error || api === undefined) callback(error, api);
      else callback(null, replace(api));
    });
  };
  return true;
}
