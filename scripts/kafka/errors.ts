/**
 * The team's error shape: `Cannot <action>: <reason>`, with `cause` set.
 *
 * @module
 */

/**
 * Builds an `Error` reading `Cannot <action>: <reason>`, keeping `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await Deno.readTextFile(path);
 * } catch (error) {
 *   throw cannot("read the pid file", `${path} is unreadable`, error);
 * }
 * ```
 */
export function cannot(action: string, reason: string, cause?: unknown): Error {
  return new Error(`Cannot ${action}: ${reason}`, cause === undefined ? undefined : { cause });
}

/**
 * The message of anything thrown, for one-line reports.
 *
 * @example
 * ```ts
 * console.error(messageOf(new Error("Cannot start Kafka: java not found"))); // "Cannot start Kafka: java not found"
 * ```
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
