/**
 * The `trace` a status shows for a failure: the error's stack and its
 * causes, as Kafka Connect shows a Java stack trace.
 *
 * @example
 * ```ts
 * import { errorTrace } from "./error_trace.ts";
 * const trace = errorTrace(new Error("outer", { cause: new Error("inner") }));
 * console.log(trace.includes("Caused by: Error: inner")); // true
 * ```
 * @module
 */

/**
 * Formats an error and up to four causes; non-errors as their string.
 *
 * @example
 * ```ts
 * import { errorTrace } from "./error_trace.ts";
 * console.log(errorTrace("plain")); // "plain"
 * ```
 */
export function errorTrace(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join("\nCaused by: ");
}
