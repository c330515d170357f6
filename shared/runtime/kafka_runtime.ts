/**
 * The runtime a worker process starts: connect to Kafka (failing fast with
 * the address when it cannot), create or check the internal topics, read the
 * control topic, discover plugins, and run this worker's share of the
 * connectors and tasks. Everything is closed again on stop.
 *
 * @example
 * ```ts
 * import { startKafkaRuntime } from "./kafka_runtime.ts";
 * // services/source-worker/main.ts passes it to runWorkerMain as startRuntime.
 * ```
 * @module
 */
import type { WorkerConfig } from "../config/worker_config.ts";
import type { WorkerEnvironment } from "../connect/contexts.ts";
import { FileStreamSinkConnector } from "../connectors/file_stream_sink.ts";
import { FileStreamSourceConnector } from "../connectors/file_stream_source.ts";
import { openKafkaControlLog } from "../control/kafka_control_log.ts";
import {
  checkKafkaConnection,
  crc32cImplementation,
  createKafkaAdmin,
  createKafkaGroupConsumer,
  createKafkaPartitionReader,
  createKafkaProducer,
  type KafkaAdmin,
  type KafkaConnectionOptions,
} from "../kafka/mod.ts";
import { SinkOffsetStore } from "../offsets/sink_offset_store.ts";
import { SourceOffsetStore } from "../offsets/source_offset_store.ts";
import { connectorsRoutes } from "../rest/connectors_routes.ts";
import { connectorPluginsRoutes } from "../rest/connector_plugins_routes.ts";
import type { RestPlugin } from "../rest/app.ts";
import { ClusterHerder } from "./cluster_herder.ts";
import { ConnectWorker } from "./connect_worker.ts";
import { converterPlugins, createConverter, validateConverters } from "./converter_plugins.ts";
import type { Herder } from "./herder.ts";
import { ensureInternalTopics } from "./internal_topics.ts";
import { createLogger, type Logger } from "./log.ts";
import { missingPermissions } from "./permissions.ts";
import { PluginRegistry } from "./plugins.ts";
import { sinkTaskFactory, sourceTaskFactory } from "./task_factories.ts";
import type { WorkerRuntime } from "./worker.ts";

/** The built-in connector classes every worker offers. */
export const BUILTIN_CONNECTORS = [FileStreamSourceConnector, FileStreamSinkConnector] as const;

/**
 * Creates topics on first use with the broker's default partitions and
 * replication, as Kafka Connect does through broker auto-creation; known
 * topics are remembered so the check costs nothing afterwards.
 *
 * @example
 * ```ts
 * import { topicEnsurer } from "./kafka_runtime.ts";
 * // const ensure = topicEnsurer(admin, log); await ensure(["lines"]);
 * ```
 */
export function topicEnsurer(
  admin: KafkaAdmin,
  log: Logger,
): (topics: string[]) => Promise<void> {
  const known = new Set<string>();
  return async (topics) => {
    for (const topic of topics) {
      if (known.has(topic)) continue;
      if (await admin.createTopic({ name: topic })) log.info("created topic", { topic });
      known.add(topic);
    }
  };
}

/** A started Kafka runtime: what the REST API serves from. */
export interface KafkaRuntime extends WorkerRuntime {
  readonly herder: Herder;
}

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
  const id = `${config.workerId}-${role}`.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    bootstrapServers: config.bootstrapServers,
    clientId: `tributary-${config.kind}-${id}`,
    connectTimeoutMs: config.kafkaConnectTimeoutMs,
  };
}

/**
 * The REST routes a Kafka runtime serves (Kafka Connect's connector and
 * plugin API).
 *
 * @example
 * ```ts
 * import { runtimeRoutes } from "./kafka_runtime.ts";
 * // runWorkerMain({ ..., restPlugins: runtimeRoutes });
 * ```
 */
export function runtimeRoutes(runtime: () => KafkaRuntime): RestPlugin[] {
  const herder = () => runtime().herder;
  return [connectorsRoutes({ herder }), connectorPluginsRoutes({ herder })];
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
  signal: AbortSignal,
  log: Logger = createLogger(`${config.kind}-worker`),
): Promise<KafkaRuntime> {
  const problems = await missingPermissions(config);
  if (problems.length > 0) {
    throw new Error(`Cannot start the ${config.kind} worker: ${problems.join("; ")}`);
  }
  const info = await checkKafkaConnection(
    connectionOptions(config, "check"),
    config.kafkaConnectTimeoutMs,
  );
  if (crc32cImplementation === "wasm" && config.kind === "source") {
    log.info(
      "record batch checksums (CRC-32C) use WebAssembly; run with --allow-ffi=node_modules " +
        "for the native implementation, about 5 times faster",
    );
  }
  const closers: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (err) {
        log.warn("error while closing", { err });
      }
    }
  };
  try {
    const admin = await createKafkaAdmin(connectionOptions(config, "admin"));
    closers.push(() => admin.close());
    await ensureInternalTopics(admin, config, log);

    const plugins = await PluginRegistry.load({
      builtins: BUILTIN_CONNECTORS,
      pluginPath: config.pluginPath,
      logger: log.child("plugins"),
    });
    for (const failure of plugins.failures) {
      log.warn("cannot load plugin module", { path: failure.path, err: failure.error });
    }

    const offsetsTopic = await admin.describeTopics([config.offsetsTopic]);
    const offsetsReader = await createKafkaPartitionReader({
      ...connectionOptions(config, "offsets-reader"),
      partitions: offsetsTopic[0].partitions.map((p) => ({
        topic: config.offsetsTopic,
        partition: p.partition,
      })),
    });
    closers.push(() => offsetsReader.close());
    const offsetsProducer = await createKafkaProducer(connectionOptions(config, "offsets"));
    closers.push(() => offsetsProducer.close());
    const sourceOffsets = new SourceOffsetStore({
      topic: config.offsetsTopic,
      reader: offsetsReader,
      producer: offsetsProducer,
      log: log.child("offsets"),
    });

    const controlLog = await openKafkaControlLog({
      ...connectionOptions(config, "control"),
      topic: config.controlTopic,
      replicationFactor: config.replicationFactor,
      onUnreadable: (r) =>
        log.warn("skipping a control record it cannot read", {
          offset: r.offset,
          key: r.key,
          reason: r.error.message,
        }),
      onError: (err) => log.warn("control topic", { err }),
      signal,
    });
    closers.push(() => controlLog.close());

    const env: WorkerEnvironment = { allowedFileDirs: config.fileAllowedDirs };
    const herder = new ClusterHerder({
      log: controlLog,
      plugins,
      env,
      sourceOffsets,
      sinkOffsets: new SinkOffsetStore(admin),
      extraValidation: (connectorConfig) => validateConverters(connectorConfig),
      otherPlugins: converterPlugins,
    });

    const common = {
      config,
      env,
      converters: createConverter,
      logger: log.child("task"),
      ensureTopics: topicEnsurer(admin, log),
    };
    const tasks = config.kind === "source"
      ? sourceTaskFactory({
        ...common,
        offsets: sourceOffsets,
        createProducer: (suffix) =>
          createKafkaProducer({
            ...connectionOptions(config, `producer-${suffix}`),
            lingerMs: 0,
            maxInFlightRequests: 5,
          }),
      })
      : sinkTaskFactory({
        ...common,
        createConsumer: (options) =>
          createKafkaGroupConsumer({
            ...connectionOptions(config, `consumer-${options.clientSuffix}`),
            groupId: options.groupId,
            groupInstanceId: options.groupInstanceId,
            // Fast group rebalances on handoff; the broker's minimum session
            // (group.min.session.timeout.ms, 6 s by default) bounds it below.
            sessionTimeoutMs: Math.max(6000, config.sessionTimeoutMs),
            // Tasks of one connector joining at once make the group rebalance
            // while they join: retry joins for longer than the default.
            retries: 10,
            heartbeatIntervalMs: Math.min(500, config.heartbeatIntervalMs),
            ...(options.topicPattern
              ? { topicPattern: options.topicPattern }
              : { topics: options.topics }),
            autoOffsetReset: "earliest",
            listener: options.listener,
            onCoordinatorUnavailable: options.onCoordinatorUnavailable,
          }),
      });
    const worker = new ConnectWorker({
      config,
      log: controlLog,
      plugins,
      env,
      tasks,
      logger: log.child("worker"),
      // Source offsets written before a fence may still be in flight (held up
      // by the same cut): let them land before this worker takes units back,
      // so they cannot land after the next owner's commit.
      beforeRejoin: () => offsetsProducer.flush(),
    });
    await worker.start();
    closers.push(() => worker.stop());

    return { clusterId: info.clusterId, herder, stop: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
