/**
 * The seam's error type: every failure reads "Cannot <action>: <reason>",
 * with the original error as `cause`. The reason flattens the client
 * library's nested errors (aggregates, causes, broker error codes) into one
 * line, so a worker can log `error.message` and be understood.
 *
 * @example
 * ```ts
 * import { KafkaClientError } from "./errors.ts";
 * const e = KafkaClientError.wrap("produce to t", new Error("boom"));
 * console.log(e.message); // "Cannot produce to t: boom"
 * ```
 * @module
 */

/**
 * An error raised by the Kafka seam.
 *
 * @example
 * ```ts
 * import { KafkaClientError } from "./errors.ts";
 * try {
 *   throw new KafkaClientError("commit offsets", "the group is rebalancing");
 * } catch (error) {
 *   if (error instanceof KafkaClientError) console.log(error.action);
 * }
 * ```
 */
export class KafkaClientError extends Error {
  /** What was attempted, e.g. "connect to Kafka at 127.0.0.1:9092". */
  readonly action: string;
  /** The flattened reason. */
  readonly reason: string;
  /** The broker error code names found in the cause chain, e.g. `["TOPIC_ALREADY_EXISTS"]`. */
  readonly codes: readonly string[];

  constructor(action: string, reason: string, options?: { cause?: unknown; codes?: string[] }) {
    super(`Cannot ${action}: ${reason}`, { cause: options?.cause });
    this.name = "KafkaClientError";
    this.action = action;
    this.reason = reason;
    this.codes = options?.codes ?? [];
  }

  /** Wraps any thrown value; a `KafkaClientError` keeps its reason and codes. */
  static wrap(action: string, error: unknown): KafkaClientError {
    if (error instanceof KafkaClientError) {
      return new KafkaClientError(action, error.reason, { cause: error, codes: [...error.codes] });
    }
    return new KafkaClientError(action, describeError(error), {
      cause: error,
      codes: errorCodes(error),
    });
  }

  /** True when the broker answered with this error code name somewhere in the chain. */
  hasCode(code: string): boolean {
    return this.codes.includes(code);
  }
}

/**
 * Flattens an error (with `errors` of aggregates and `cause` chains) into one
 * line: "outer: inner; other inner". Repeated messages are dropped.
 *
 * @example
 * ```ts
 * import { describeError } from "./errors.ts";
 * const inner = new Error("connect ECONNREFUSED 127.0.0.1:9999");
 * const outer = new AggregateError([new Error("Connection failed.", { cause: inner })], "No broker.");
 * console.log(describeError(outer)); // "No broker: Connection failed: connect ECONNREFUSED 127.0.0.1:9999"
 * ```
 */
export function describeError(error: unknown): string {
  return describe(error, new Set(), 0) || "unknown error";
}

function describe(error: unknown, seen: Set<unknown>, depth: number): string {
  if (error === null || error === undefined) return "";
  if (!(error instanceof Error)) return String(error);
  if (seen.has(error) || depth > 8) return "";
  seen.add(error);
  const code = (error as { apiId?: unknown }).apiId;
  const detail = (error as { serverErrorMessage?: unknown }).serverErrorMessage;
  let own = error.message.trim().replace(/\.$/, "");
  if (typeof detail === "string" && detail !== "" && !own.includes(detail)) own += ` (${detail})`;
  if (typeof code === "string" && !own.includes(code)) own = `${own} [${code}]`.trim();
  const children: string[] = [];
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) {
    for (const child of nested) children.push(describe(child, seen, depth + 1));
  }
  if (error.cause !== undefined) children.push(describe(error.cause, seen, depth + 1));
  const unique = [...new Set(children.filter((c) => c !== "" && !own.includes(c)))];
  if (unique.length === 0) return own;
  const inner = unique.join("; ");
  return own === "" ? inner : `${own}: ${inner}`;
}

/**
 * Collects the broker error code names (`apiId`) found in an error chain.
 *
 * @example
 * ```ts
 * import { errorCodes } from "./errors.ts";
 * const e = Object.assign(new Error("exists"), { apiId: "TOPIC_ALREADY_EXISTS" });
 * console.log(errorCodes(new AggregateError([e], "failed"))); // ["TOPIC_ALREADY_EXISTS"]
 * ```
 */
export function errorCodes(error: unknown): string[] {
  const codes = new Set<string>();
  const walk = (e: unknown, depth: number): void => {
    if (!(e instanceof Error) || depth > 8) return;
    const code = (e as { apiId?: unknown }).apiId;
    if (typeof code === "string") codes.add(code);
    const nested = (e as { errors?: unknown }).errors;
    if (Array.isArray(nested)) { for (const child of nested) walk(child, depth + 1); }
    walk(e.cause, depth + 1);
  };
  walk(error, 0);
  return [...codes];
}

/** Broker answers meaning "the group coordinator is moving, loading or not there yet: ask again". */
const COORDINATOR_UNAVAILABLE = new Set([
  "NOT_COORDINATOR",
  "COORDINATOR_NOT_AVAILABLE",
  "COORDINATOR_LOAD_IN_PROGRESS",
]);

/**
 * True when every broker error code in the chain says the group coordinator
 * is unavailable for now (it moves, loads, or its partition is not led yet).
 * Such a failure passes: the Java consumer rediscovers the coordinator and
 * retries for as long as it runs, and so should a caller.
 *
 * @example
 * ```ts
 * import { isCoordinatorUnavailable } from "./errors.ts";
 * const e = Object.assign(new Error("not coordinator"), { apiId: "NOT_COORDINATOR" });
 * console.log(isCoordinatorUnavailable(new AggregateError([e, e], "joinGroup failed"))); // true
 * ```
 */
export function isCoordinatorUnavailable(error: unknown): boolean {
  const codes = errorCodes(error);
  return codes.length > 0 && codes.every((code) => COORDINATOR_UNAVAILABLE.has(code));
}
