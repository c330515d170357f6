/**
 * A free TCP port on loopback, for a process the bench starts.
 *
 * @example
 * ```ts
 * import { freePort } from "./free_port.ts";
 * console.log(freePort() > 0); // true
 * ```
 * @module
 */

/**
 * Binds port 0 on 127.0.0.1, reads the port the system chose and releases it.
 *
 * @example
 * ```ts
 * import { freePort } from "./free_port.ts";
 * const url = `http://127.0.0.1:${freePort()}`;
 * ```
 */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
