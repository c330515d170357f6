/**
 * The errors connectors throw and the worker understands, after Kafka
 * Connect's `ConnectException` family.
 *
 * - {@linkcode ConnectError}: anything that went wrong; the task or connector
 *   fails.
 * - {@linkcode RetriableError}: a transient failure; the worker retries the
 *   same operation (a sink's `put` is redelivered the same batch).
 * - {@linkcode DataError}: a record cannot be converted or handled.
 * - {@linkcode ConfigError}: a configuration is invalid; lists every error at
 *   once.
 *
 * Messages follow the form `Cannot <action>: <reason>`, and an underlying
 * error is kept as `cause`.
 *
 * @example
 * ```ts
 * import { RetriableError } from "./errors.ts";
 * try {
 *   throw new TypeError("connection reset");
 * } catch (err) {
 *   const e = new RetriableError("Cannot write batch: the database is unreachable", { cause: err });
 *   console.log(e.name, e.cause instanceof TypeError); // "RetriableError" true
 * }
 * ```
 * @module
 */

/**
 * Base class of every error the SDK defines, as Kafka Connect's
 * `ConnectException`. Throw it (or a subclass) from a connector or task to
 * fail it with a clear message.
 *
 * @example
 * ```ts
 * import { ConnectError } from "./errors.ts";
 * const err = new ConnectError("Cannot open /data/in.txt: permission denied", {
 *   cause: new Error("EACCES"),
 * });
 * console.log(err.message); // "Cannot open /data/in.txt: permission denied"
 * ```
 */
export class ConnectError extends Error {
  /**
   * @param message `Cannot <action>: <reason>`.
   * @param options `cause`: the underlying error, if any.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A transient failure: the worker retries the operation instead of failing
 * the task (Kafka Connect's `RetriableException`). Thrown from a sink task's
 * `put`, the worker pauses, then redelivers the same records.
 *
 * @example
 * ```ts
 * import { RetriableError } from "./errors.ts";
 * function put(connected: boolean): void {
 *   if (!connected) {
 *     throw new RetriableError("Cannot write records: not connected, will retry");
 *   }
 * }
 * try {
 *   put(false);
 * } catch (err) {
 *   console.log(err instanceof RetriableError); // true
 * }
 * ```
 */
export class RetriableError extends ConnectError {}

/**
 * A record cannot be converted or processed (Kafka Connect's
 * `DataException`), e.g. a value that does not match its schema. The worker's
 * error tolerance decides whether the record is skipped or the task fails.
 *
 * @example
 * ```ts
 * import { DataError } from "./errors.ts";
 * const err = new DataError("Cannot convert value: expected a string, got number");
 * console.log(err.name); // "DataError"
 * ```
 */
export class DataError extends ConnectError {}

/**
 * One configuration error: the key it concerns and Kafka's message for it.
 *
 * @example
 * ```ts
 * import type { ConfigErrorEntry } from "./errors.ts";
 * const entry: ConfigErrorEntry = {
 *   name: "topic",
 *   message: 'Missing required configuration "topic" which has no default value.',
 * };
 * ```
 */
export interface ConfigErrorEntry {
  /** The configuration key, e.g. `topic`; empty when it concerns no single key. */
  readonly name: string;
  /** Kafka Connect's message, e.g. `Missing required configuration "topic" which has no default value.` */
  readonly message: string;
}

/**
 * An invalid configuration, listing **every** error at once (so a user fixes
 * them in one go). Thrown by `ConfigDef.parse`; `errors` has one entry per
 * problem, `message` lists them all.
 *
 * @example
 * ```ts
 * import { ConfigError } from "./errors.ts";
 * const err = new ConfigError([
 *   { name: "topic", message: 'Missing required configuration "topic" which has no default value.' },
 *   { name: "batch.size", message: "Invalid value x for configuration batch.size: Not a number of type INT" },
 * ]);
 * console.log(err.errors.length); // 2
 * console.log(err.messages[0]); // 'Missing required configuration "topic" which has no default value.'
 * ```
 */
export class ConfigError extends ConnectError {
  /** Every error, in the order of the keys' definitions. */
  readonly errors: readonly ConfigErrorEntry[];

  /**
   * @param errors every error found (at least one).
   * @param options `action`: what failed, for the message (default
   *   `parse configuration`); `cause`: an underlying error, if any.
   */
  constructor(
    errors: readonly ConfigErrorEntry[],
    options?: ErrorOptions & { action?: string },
  ) {
    const action = options?.action ?? "parse configuration";
    const count = errors.length;
    super(
      `Cannot ${action}: it contains the following ${count} error(s):\n` +
        errors.map((e) => e.message).join("\n"),
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.errors = Object.freeze([...errors]);
  }

  /** Just the messages of {@linkcode ConfigError.errors}. */
  get messages(): string[] {
    return this.errors.map((e) => e.message);
  }
}
