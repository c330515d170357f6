/**
 * The runtime a worker process starts: connect to Kafka (failing fast with
 * the address when it cannot), create or check the internal topics, and
 * close everything on stop.
 *
 * @example
 * ```ts
 * import { startKafkaRuntime } from "./kafka_runtime.ts";
 * // services/source-worker/main.ts passes it to runWorkerMain as startRuntime.
 * ```
 * @module
 */
import type { WorkerConfig } from "../config/worker_config.ts";
import {
  checkKafkaConnection,
  createKafkaAdmin,
  type KafkaConnectionOptions,
} from "../kafka/mod.ts";
import { ensureInternalTopics } from "./internal_topics.ts";
import { createLogger, type Logger } from "./log.ts";
import { missingPermissions } from "./permissions.ts";
import type { WorkerRuntime } from "./worker.ts";

/**
 * The connection options every client of this worker uses.
 *
 * @example
 * ```ts
 * import { connectionOptions } from "./kafka_runtime.ts";
 * import { resolveWorkerConfig } from "../config/worker_config.ts";
 * const options = connectionOptions(resolveWorkerConfig("sink", new Map()), "admin");
 * console.log(options.clientId); // "tributary-sink-localhost_8084-admin"
 * ```
 */
export function connectionOptions(config: WorkerConfig, role: string): KafkaConnectionOptions {
  return {
    bootstrapServers: config.bootstrapServers,
    clientId: `tributary-${config.kind}-${
      config.workerId.replace(/[^A-Za-z0-9._-]/g, "_")
    }-${role}`,
    connectTimeoutMs: config.kafkaConnectTimeoutMs,
  };
}

/**
 * Starts the Kafka side of a worker; rejects with a message naming the
 * broker address, the topic or the permission when it cannot.
 *
 * @example
 * ```ts
 * import { startKafkaRuntime } from "./kafka_runtime.ts";
 * // const runtime = await startKafkaRuntime(config, signal);
 * // console.log(runtime.clusterId); await runtime.stop();
 * ```
 */
export async function startKafkaRuntime(
  config: WorkerConfig,
  _signal: AbortSignal,
  log: Logger = createLogger(`${config.kind}-worker`),
): Promise<WorkerRuntime> {
  const problems = await missingPermissions(config);
  if (problems.length > 0) {
    throw new Error(`Cannot start the ${config.kind} worker: ${problems.join("; ")}`);
  }
  const info = await checkKafkaConnection(
    connectionOptions(config, "check"),
    config.kafkaConnectTimeoutMs,
  );
  const admin = await createKafkaAdmin(connectionOptions(config, "admin"));
  try {
    await ensureInternalTopics(admin, config, log);
  } catch (err) {
    await admin.close();
    throw err;
  }
  return {
    clusterId: info.clusterId,
    stop: () => admin.close(),
  };
}
