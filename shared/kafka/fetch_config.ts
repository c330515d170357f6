/**
 * Builds a fetcher's settings from a consumer's options (defaults applied,
 * values validated). Pure.
 *
 * @example
 * ```ts
 * import { toFetcherConfig } from "./fetch_config.ts";
 * const config = toFetcherConfig({ bootstrapServers: ["h:9092"], clientId: "c" }, "earliest");
 * console.log(config.isolationLevel, config.fetchMaxWaitMs); // "read_uncommitted" 500
 * ```
 * @module
 */
import { describeServers, toBaseOptions } from "./client_options.ts";
import { KafkaClientError } from "./errors.ts";
import { FETCH_DEFAULTS, type FetcherConfig } from "./platformatic_fetcher.ts";
import type { FetchOptions, KafkaConnectionOptions, OffsetResetPolicy } from "./types.ts";

/**
 * Fetcher settings for a consumer.
 *
 * @example
 * ```ts
 * import { toFetcherConfig } from "./fetch_config.ts";
 * const c = toFetcherConfig(
 *   { bootstrapServers: ["h:9092"], clientId: "c", isolationLevel: "read_committed" },
 *   "none",
 * );
 * console.log(c.isolationLevel, c.resetPolicy); // "read_committed" "none"
 * ```
 */
export function toFetcherConfig(
  options: KafkaConnectionOptions & FetchOptions,
  resetPolicy: OffsetResetPolicy,
): FetcherConfig {
  const base = toBaseOptions(options);
  const isolationLevel = options.isolationLevel ?? FETCH_DEFAULTS.isolationLevel;
  if (isolationLevel !== "read_committed" && isolationLevel !== "read_uncommitted") {
    invalid(
      `isolationLevel must be "read_committed" or "read_uncommitted", got "${isolationLevel}"`,
    );
  }
  if (!["earliest", "latest", "none"].includes(resetPolicy)) {
    invalid(`autoOffsetReset must be "earliest", "latest" or "none", got "${resetPolicy}"`);
  }
  return {
    isolationLevel,
    fetchMaxWaitMs: int("fetchMaxWaitMs", options.fetchMaxWaitMs, FETCH_DEFAULTS.fetchMaxWaitMs, 0),
    fetchMinBytes: int("fetchMinBytes", options.fetchMinBytes, FETCH_DEFAULTS.fetchMinBytes, 0),
    fetchMaxBytes: int("fetchMaxBytes", options.fetchMaxBytes, FETCH_DEFAULTS.fetchMaxBytes, 1),
    maxPartitionFetchBytes: int(
      "maxPartitionFetchBytes",
      options.maxPartitionFetchBytes,
      FETCH_DEFAULTS.maxPartitionFetchBytes,
      1,
    ),
    resetPolicy,
    retryBackoffMs: base.retryDelay,
    where: describeServers(options),
    clientId: base.clientId,
    connectTimeoutMs: base.connectTimeout,
    requestTimeoutMs: base.requestTimeout,
  };
}

function int(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > 0x7fffffff) {
    invalid(`${name} must be an integer between ${min} and 2147483647, got ${value}`);
  }
  return value;
}

function invalid(reason: string): never {
  throw new KafkaClientError("configure the Kafka consumer", reason);
}
