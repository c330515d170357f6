/**
 * Starts an Apache Kafka Connect distributed worker
 * (`org.apache.kafka.connect.cli.ConnectDistributed`) for the bench, with
 * the JVM options Kafka's `connect-distributed.sh` uses (heap 256 MiB–2 GiB,
 * G1) and log4j at WARN into the worker's log file.
 *
 * @example
 * ```ts ignore
 * import { startKafkaConnectWorker } from "./worker.ts";
 * const worker = await startKafkaConnectWorker({
 *   classpath: ".cache/connect/4.4.0/libs/*", bootstrap: "127.0.0.1:9092", dir: "/tmp/b", id: "b1",
 * });
 * console.log(await worker.waitHealthy(), "ms");
 * await worker.stop();
 * ```
 * @module
 */
import { log4jConfigPath } from "../../scripts/kafka/paths.ts";
import { javaExecutable } from "../../scripts/kafka/jvm.ts";
import { freePort } from "../free_port.ts";
import { type ManagedProcess, spawnManaged } from "../managed_process.ts";
import { connectWorkerProperties } from "./worker_properties.ts";

/**
 * What to start.
 *
 * @example
 * ```ts
 * import type { KafkaConnectWorkerOptions } from "./worker.ts";
 * const o: KafkaConnectWorkerOptions = { classpath: "/libs/*", bootstrap: "h:9092", dir: "/tmp", id: "x" };
 * ```
 */
export interface KafkaConnectWorkerOptions {
  readonly classpath: string;
  readonly bootstrap: string;
  /** Where its properties, plugin dir and log go; its file connectors use it too. */
  readonly dir: string;
  readonly id: string;
}

/**
 * The JVM options of Kafka's `connect-distributed.sh` (`KAFKA_HEAP_OPTS` and
 * `KAFKA_JVM_PERFORMANCE_OPTS`).
 *
 * @example
 * ```ts
 * import { CONNECT_JVM_OPTIONS } from "./worker.ts";
 * console.log(CONNECT_JVM_OPTIONS.includes("-Xmx2G")); // true
 * ```
 */
export const CONNECT_JVM_OPTIONS: readonly string[] = [
  "-Xms256M",
  "-Xmx2G",
  "-server",
  "-XX:+UseG1GC",
  "-XX:MaxGCPauseMillis=20",
  "-XX:InitiatingHeapOccupancyPercent=35",
  "-XX:+ExplicitGCInvokesConcurrent",
  "-XX:MaxInlineLevel=15",
  "-Djava.awt.headless=true",
];

/**
 * Writes the worker's properties and spawns it; see the module doc.
 *
 * @example
 * ```ts ignore
 * import { startKafkaConnectWorker } from "./worker.ts";
 * const w = await startKafkaConnectWorker({ classpath, bootstrap, dir, id });
 * ```
 */
export async function startKafkaConnectWorker(
  options: KafkaConnectWorkerOptions,
): Promise<ManagedProcess> {
  const port = freePort();
  const pluginDir = `${options.dir}/connect-plugins`;
  await Deno.mkdir(pluginDir, { recursive: true });
  const propertiesFile = `${options.dir}/connect-${port}.properties`;
  await Deno.writeTextFile(
    propertiesFile,
    connectWorkerProperties({ bootstrap: options.bootstrap, port, id: options.id, pluginDir }),
  );
  return spawnManaged({
    name: "Kafka Connect worker",
    command: javaExecutable(),
    args: [
      ...CONNECT_JVM_OPTIONS,
      `-Dlog4j2.configurationFile=${log4jConfigPath()}`,
      "-Dtributary.kafka.log.level=WARN",
      "-cp",
      options.classpath,
      "org.apache.kafka.connect.cli.ConnectDistributed",
      propertiesFile,
    ],
    url: `http://127.0.0.1:${port}`,
    logFile: `${options.dir}/connect-${port}.log`,
  });
}
