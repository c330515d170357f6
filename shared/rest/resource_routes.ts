/**
 * One REST resource's routes, the way a JAX-RS resource method table
 * behaves in Kafka Connect: the path answers the methods it defines (with
 * or without a trailing slash, as Jersey matches), `HEAD` where `GET` is
 * defined (Hono answers it from the `GET` handler), `OPTIONS` with 204 and
 * an `Allow` header, and any other method with 405 and Kafka Connect's
 * error body `{"error_code":405,"message":"HTTP 405 Method Not Allowed"}`
 * (plus `Allow`, which HTTP requires).
 *
 * Register every method of a path in one call: the 405 fallback answers
 * methods that are not registered before it.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { addResource } from "./resource_routes.ts";
 * const app = new Hono();
 * addResource(app, "/things/:id", { GET: (c) => c.json({ id: c.req.param("id") }) });
 * console.log((await app.request("/things/1", { method: "POST" })).status); // 405
 * ```
 * @module
 */
import type { Context, Hono } from "hono";

/**
 * HTTP methods a resource can define.
 *
 * @example
 * ```ts
 * import type { ResourceMethod } from "./resource_routes.ts";
 * const method: ResourceMethod = "PATCH";
 * ```
 */
export type ResourceMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A route handler.
 *
 * @example
 * ```ts
 * import type { ResourceHandler } from "./resource_routes.ts";
 * const noContent: ResourceHandler = (c) => c.body(null, 204);
 * ```
 */
export type ResourceHandler = (c: Context) => Response | Promise<Response>;

/**
 * Kafka Connect's body for a method the path does not support.
 *
 * @example
 * ```ts
 * import { METHOD_NOT_ALLOWED_BODY } from "./resource_routes.ts";
 * console.log(METHOD_NOT_ALLOWED_BODY.message); // "HTTP 405 Method Not Allowed"
 * ```
 */
export const METHOD_NOT_ALLOWED_BODY = {
  error_code: 405,
  message: "HTTP 405 Method Not Allowed",
} as const;

const ORDER: readonly ResourceMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The value of the `Allow` header for a resource's handlers: its methods
 * in a fixed order, with `HEAD` after `GET`, and `OPTIONS`.
 *
 * @example
 * ```ts
 * import { allowHeader } from "./resource_routes.ts";
 * console.log(allowHeader(["PUT", "GET"])); // "GET, HEAD, PUT, OPTIONS"
 * ```
 */
export function allowHeader(methods: readonly ResourceMethod[]): string {
  const allowed = ORDER.filter((m) => methods.includes(m))
    .flatMap((m) => m === "GET" ? ["GET", "HEAD"] : [m]);
  return [...allowed, "OPTIONS"].join(", ");
}

/**
 * Adds a resource: `handlers` on `path` and `path/`, `OPTIONS` → 204 with
 * `Allow`, and 405 with Kafka Connect's body for every other method.
 *
 * @param app the Hono app.
 * @param path a Hono path pattern (`/connectors/:connector`).
 * @param handlers the handler of each method the resource supports.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { addResource } from "./resource_routes.ts";
 * const app = new Hono();
 * addResource(app, "/items", {
 *   GET: (c) => c.json([]),
 *   POST: (c) => c.body(null, 204),
 * });
 * const res = await app.request("/items/", { method: "DELETE" });
 * console.log(res.status, res.headers.get("Allow")); // 405 "GET, HEAD, POST, OPTIONS"
 * ```
 */
export function addResource(
  app: Hono,
  path: string,
  handlers: Partial<Record<ResourceMethod, ResourceHandler>>,
): void {
  const paths = path.endsWith("/") ? [path] : [path, `${path}/`];
  const methods: ResourceMethod[] = [];
  for (const method of ORDER) {
    const handler = handlers[method];
    if (handler === undefined) continue;
    methods.push(method);
    app.on(method, paths, handler);
  }
  const allow = allowHeader(methods);
  app.on("OPTIONS", paths, (c) => {
    c.header("Allow", allow);
    return c.body(null, 204);
  });
  for (const p of paths) {
    app.all(p, (c) => {
      c.header("Allow", allow);
      return c.json(METHOD_NOT_ALLOWED_BODY, 405);
    });
  }
}
