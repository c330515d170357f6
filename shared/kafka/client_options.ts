/**
 * Turns the seam's connection options into the client library's base
 * options, applying the seam's defaults and validating early (a bad address
 * fails here, not deep inside the client).
 *
 * @example
 * ```ts
 * import { toBaseOptions } from "./client_options.ts";
 * const base = toBaseOptions({ bootstrapServers: ["127.0.0.1:9092"], clientId: "w1" });
 * console.log(base.connectTimeout, base.bootstrapBrokers); // 5000 ["127.0.0.1:9092"]
 * ```
 * @module
 */
import { KafkaClientError } from "./errors.ts";
import type { KafkaConnectionOptions } from "./types.ts";

/**
 * The subset of the library's `BaseOptions` the seam sets. Declared here so
 * this pure module needs no library import.
 *
 * @example
 * ```ts
 * import type { BaseClientOptions } from "./client_options.ts";
 * const o: BaseClientOptions = {
 *   clientId: "c", bootstrapBrokers: ["h:9092"], connectTimeout: 1, requestTimeout: 1,
 *   timeout: 1, retries: 0, retryDelay: 1, metadataMaxAge: 1, autocreateTopics: false,
 * };
 * ```
 */
export interface BaseClientOptions {
  clientId: string;
  bootstrapBrokers: string[];
  connectTimeout: number;
  requestTimeout: number;
  timeout: number;
  retries: number;
  retryDelay: number;
  metadataMaxAge: number;
  autocreateTopics: boolean;
}

/**
 * Defaults of `KafkaConnectionOptions`.
 *
 * @example
 * ```ts
 * import { CONNECTION_DEFAULTS } from "./client_options.ts";
 * console.log(CONNECTION_DEFAULTS.connectTimeoutMs); // 5000
 * ```
 */
export const CONNECTION_DEFAULTS = {
  connectTimeoutMs: 5000,
  requestTimeoutMs: 30000,
  retries: 3,
  retryBackoffMs: 250,
  metadataMaxAgeMs: 5000,
} as const;

/**
 * Validates and converts connection options. Throws `KafkaClientError` on a
 * bad option.
 *
 * @example
 * ```ts
 * import { toBaseOptions } from "./client_options.ts";
 * try {
 *   toBaseOptions({ bootstrapServers: [], clientId: "x" });
 * } catch (error) {
 *   console.log((error as Error).message); // "Cannot configure the Kafka client: bootstrapServers is empty"
 * }
 * ```
 */
export function toBaseOptions(options: KafkaConnectionOptions): BaseClientOptions {
  const servers = options.bootstrapServers.map((server) => server.trim()).filter((s) => s !== "");
  if (servers.length === 0) fail("bootstrapServers is empty");
  for (const server of servers) parseHostPort(server);
  if (!/^[A-Za-z0-9._-]+$/.test(options.clientId)) {
    fail(
      `clientId "${options.clientId}" must be non-empty and use only letters, digits, ".", "_", "-"`,
    );
  }
  const connectTimeout = positive(
    "connectTimeoutMs",
    options.connectTimeoutMs,
    CONNECTION_DEFAULTS.connectTimeoutMs,
  );
  const requestTimeout = positive(
    "requestTimeoutMs",
    options.requestTimeoutMs,
    CONNECTION_DEFAULTS.requestTimeoutMs,
  );
  return {
    clientId: options.clientId,
    bootstrapBrokers: servers,
    connectTimeout,
    requestTimeout,
    timeout: requestTimeout,
    retries: nonNegative("retries", options.retries, CONNECTION_DEFAULTS.retries),
    retryDelay: nonNegative(
      "retryBackoffMs",
      options.retryBackoffMs,
      CONNECTION_DEFAULTS.retryBackoffMs,
    ),
    metadataMaxAge: positive(
      "metadataMaxAgeMs",
      options.metadataMaxAgeMs,
      CONNECTION_DEFAULTS.metadataMaxAgeMs,
    ),
    autocreateTopics: false,
  };
}

/**
 * Splits `host:port` (IPv6 as `[::1]:9092`); throws `KafkaClientError` when malformed.
 *
 * @example
 * ```ts
 * import { parseHostPort } from "./client_options.ts";
 * console.log(parseHostPort("[::1]:9092")); // { host: "::1", port: 9092 }
 * ```
 */
export function parseHostPort(server: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d+)$/.exec(server);
  const port = match ? Number(match[3]) : NaN;
  if (!match || !(port > 0 && port < 65536)) {
    fail(`bootstrap server "${server}" is not host:port`);
  }
  return { host: (match[1] ?? match[2])!, port };
}

/**
 * The bootstrap list as written in error messages: "h1:9092,h2:9092".
 *
 * @example
 * ```ts
 * import { describeServers } from "./client_options.ts";
 * console.log(describeServers({ bootstrapServers: ["a:1", "b:2"], clientId: "c" })); // "a:1,b:2"
 * ```
 */
export function describeServers(options: KafkaConnectionOptions): string {
  return options.bootstrapServers.join(",");
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    fail(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    fail(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

function fail(reason: string): never {
  throw new KafkaClientError("configure the Kafka client", reason);
}
