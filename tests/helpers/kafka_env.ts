/**
 * Environment helpers of the Kafka integration tests: the cluster to use and
 * unique names, so test runs never see each other's data.
 *
 * @example
 * ```ts ignore
 * import { kafkaBootstrap, uniqueName } from "./kafka_env.ts";
 * const servers = kafkaBootstrap(); // ["127.0.0.1:19092"]
 * const topic = uniqueName("orders"); // "orders-lq3k2c-8f3a1b"
 * ```
 * @module
 */

/**
 * The bootstrap servers from `KAFKA_BOOTSTRAP` (comma-separated), or a clear
 * error when it is unset.
 *
 * @example
 * ```ts ignore
 * import { kafkaBootstrap } from "./kafka_env.ts";
 * const connection = { bootstrapServers: kafkaBootstrap(), clientId: "test" };
 * ```
 */
export function kafkaBootstrap(): string[] {
  const value = Deno.env.get("KAFKA_BOOTSTRAP")?.trim();
  if (!value) {
    throw new Error("Cannot run integration test: KAFKA_BOOTSTRAP is unset (run deno task test)");
  }
  return value.split(",").map((server) => server.trim()).filter((server) => server !== "");
}

/**
 * A name unique to this call: `<prefix>-<time>-<random>`, valid as a topic,
 * group or client id.
 *
 * @example
 * ```ts
 * import { uniqueName } from "./kafka_env.ts";
 * console.log(uniqueName("t") !== uniqueName("t")); // true
 * ```
 */
export function uniqueName(prefix: string): string {
  const random = crypto.getRandomValues(new Uint8Array(4));
  const suffix = Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${prefix}-${Date.now().toString(36)}-${suffix}`;
}
