/**
 * The properties of the Kafka Connect distributed worker the bench runs:
 * loopback REST, single-broker replication, the same offset flush interval
 * as Tributary's workers, and its internal topics named after the bench.
 *
 * @example
 * ```ts
 * import { connectWorkerProperties } from "./worker_properties.ts";
 * const text = connectWorkerProperties({
 *   bootstrap: "127.0.0.1:9092", port: 18083, id: "b1", pluginDir: "/tmp/plugins",
 * });
 * console.log(text.includes("group.id=bench-b1-connect")); // true
 * ```
 * @module
 */

/**
 * Inputs of {@linkcode connectWorkerProperties}.
 *
 * @example
 * ```ts
 * import type { ConnectWorkerSettings } from "./worker_properties.ts";
 * const s: ConnectWorkerSettings = { bootstrap: "h:9092", port: 8083, id: "x", pluginDir: "/p" };
 * ```
 */
export interface ConnectWorkerSettings {
  readonly bootstrap: string;
  readonly port: number;
  /** Makes the group and internal topic names unique to this bench. */
  readonly id: string;
  /** `plugin.path` (must not be empty since 4.x; the connectors are on the class path). */
  readonly pluginDir: string;
}

/**
 * The internal topics of the worker with bench id `id`.
 *
 * @example
 * ```ts
 * import { connectInternalTopics } from "./worker_properties.ts";
 * console.log(connectInternalTopics("b1").length); // 3
 * ```
 */
export function connectInternalTopics(id: string): string[] {
  return [
    `bench-${id}-connect-configs`,
    `bench-${id}-connect-offsets`,
    `bench-${id}-connect-status`,
  ];
}

/**
 * The worker's `.properties` text.
 *
 * @example
 * ```ts
 * import { connectWorkerProperties } from "./worker_properties.ts";
 * const text = connectWorkerProperties({ bootstrap: "h:9092", port: 8083, id: "x", pluginDir: "/p" });
 * console.log(text.split("\n")[0]); // "bootstrap.servers=h:9092"
 * ```
 */
export function connectWorkerProperties(settings: ConnectWorkerSettings): string {
  const [configs, offsets, status] = connectInternalTopics(settings.id);
  const props: [string, string][] = [
    ["bootstrap.servers", settings.bootstrap],
    ["group.id", `bench-${settings.id}-connect`],
    ["listeners", `http://127.0.0.1:${settings.port}`],
    ["rest.advertised.host.name", "127.0.0.1"],
    ["config.storage.topic", configs],
    ["offset.storage.topic", offsets],
    ["status.storage.topic", status],
    ["config.storage.replication.factor", "1"],
    ["offset.storage.replication.factor", "1"],
    ["status.storage.replication.factor", "1"],
    // As Tributary's default (25) and Kafka Connect's.
    ["offset.storage.partitions", "25"],
    ["status.storage.partitions", "5"],
    // Both workers default to JsonConverter; connectors override per run.
    ["key.converter", "org.apache.kafka.connect.json.JsonConverter"],
    ["value.converter", "org.apache.kafka.connect.json.JsonConverter"],
    // Tributary's default; Kafka Connect's is 60 s.
    ["offset.flush.interval.ms", "1000"],
    ["plugin.path", settings.pluginDir],
    ["plugin.discovery", "service_load"],
  ];
  return props.map(([key, value]) => `${key}=${escape(value)}`).join("\n") + "\n";
}

function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}
