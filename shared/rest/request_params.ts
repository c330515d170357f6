/**
 * Path and query parameters, converted as Kafka Connect's JAX-RS resources
 * (Jersey) convert them: `@PathParam Integer` with `Integer.valueOf`, where
 * a value that does not convert is a 404 like an unknown path; `@QueryParam
 * Boolean` with `Boolean.valueOf` (only `true`, any case, is true) and the
 * `@DefaultValue` when the parameter is absent or empty.
 *
 * @example
 * ```ts
 * import { parseBooleanQuery, parseTaskId } from "./request_params.ts";
 * console.log(parseTaskId("0")); // 0
 * console.log(parseBooleanQuery("TRUE", false)); // true
 * console.log(parseBooleanQuery(undefined, true)); // true
 * ```
 * @module
 */
import { RestError } from "./rest_error.ts";

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/**
 * A task id from the URL, as Java's `Integer.valueOf`: optional sign and
 * ASCII digits within 32 bits (`+1`, `007` and `-1` convert). Anything else
 * is Jersey's 404 `HTTP 404 Not Found`, the answer to an unknown path.
 *
 * @example
 * ```ts
 * import { parseTaskId } from "./request_params.ts";
 * console.log(parseTaskId("+2")); // 2
 * try {
 *   parseTaskId("zero");
 * } catch (err) {
 *   console.log((err as Error).message); // HTTP 404 Not Found
 * }
 * ```
 */
export function parseTaskId(raw: string): number {
  if (/^[+-]?[0-9]+$/.test(raw)) {
    const id = Number(raw);
    if (id >= INT_MIN && id <= INT_MAX) return id === 0 ? 0 : id;
  }
  throw new RestError(404, "HTTP 404 Not Found");
}

/**
 * A boolean query parameter, as JAX-RS converts `@DefaultValue("…")
 * @QueryParam Boolean`: absent or empty → `defaultValue`; otherwise true
 * only for `true` in any case (so `yes` and `1` are false).
 *
 * @param raw the parameter's first value (in Hono, `c.req.query(name)`).
 * @param defaultValue the value when absent or empty.
 *
 * @example
 * ```ts
 * import { parseBooleanQuery } from "./request_params.ts";
 * console.log(parseBooleanQuery("", true)); // true
 * console.log(parseBooleanQuery("false", true)); // false
 * console.log(parseBooleanQuery("yes", false)); // false
 * ```
 */
export function parseBooleanQuery(raw: string | undefined, defaultValue: boolean): boolean {
  if (raw === undefined || raw.trim() === "") return defaultValue;
  return raw.toLowerCase() === "true";
}
