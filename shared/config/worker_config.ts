/**
 * The resolved worker config: what travels past start-up once
 * {@linkcode resolveWorkerConfig} has validated every source.
 *
 * @example
 * ```ts
 * import { resolveWorkerConfig } from "./worker_config.ts";
 * const config = resolveWorkerConfig("source", new Map([["bootstrap.servers", "k:9092"]]));
 * console.log(config.listener.port, config.workerId); // 8083 "localhost:8083"
 * ```
 * @module
 */
import { resolve } from "node:path";
export type { WorkerKind } from "./worker_config_def.ts";
import {
  workerConfigDef,
  WorkerConfigError,
  type WorkerConfigIssue,
  type WorkerKind,
} from "./worker_config_def.ts";

/** A converter class and the settings under its prefix. */
export interface ConverterSetting {
  className: string;
  config: Readonly<Record<string, string>>;
}

/** The validated, typed worker config. */
export interface WorkerConfig {
  readonly kind: WorkerKind;
  readonly bootstrapServers: readonly string[];
  /** The cluster's name: workers with the same group.id share connectors. */
  readonly groupId: string;
  /** This worker's id, unique in its group (default: advertised host:port). */
  readonly workerId: string;
  /** Where the REST server binds. */
  readonly listener: { readonly hostname: string; readonly port: number };
  /** The URL other workers and status report for this worker. */
  readonly advertisedUrl: string;
  readonly controlTopic: string;
  readonly offsetsTopic: string;
  readonly offsetsPartitions: number;
  /** Replication factor of internal topics; -1 uses the broker default. */
  readonly replicationFactor: number;
  readonly pluginPath: readonly string[];
  /** Directories file connectors may read and write. */
  readonly fileAllowedDirs: readonly string[];
  readonly offsetFlushIntervalMs: number;
  readonly offsetFlushTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly taskShutdownGracefulTimeoutMs: number;
  /** How long start-up waits for Kafka before giving up. */
  readonly kafkaConnectTimeoutMs: number;
  readonly keyConverter: ConverterSetting;
  readonly valueConverter: ConverterSetting;
  readonly headerConverter: ConverterSetting;
  /** `producer.*`, `consumer.*` and `admin.*` settings, prefix removed. */
  readonly producerOverrides: Readonly<Record<string, string>>;
  readonly consumerOverrides: Readonly<Record<string, string>>;
  readonly adminOverrides: Readonly<Record<string, string>>;
}

/**
 * Validates raw worker properties and resolves them, reporting every problem
 * at once in a {@linkcode WorkerConfigError} whose issues name each key and
 * where it came from.
 *
 * @example
 * ```ts
 * import { resolveWorkerConfig } from "./worker_config.ts";
 * try {
 *   resolveWorkerConfig("sink", new Map([["offset.flush.interval.ms", "soon"], ["colour", "red"]]));
 * } catch (err) {
 *   console.log(String(err)); // lists both keys
 * }
 * ```
 */
export function resolveWorkerConfig(
  kind: WorkerKind,
  props: ReadonlyMap<string, string>,
  origins: ReadonlyMap<string, string> = new Map(),
  cwd: string = Deno.cwd(),
): WorkerConfig {
  const def = workerConfigDef(kind);
  const { values, issues } = def.parse(props);
  const prefixed = (prefix: string) => {
    const out: Record<string, string> = {};
    for (const [key, value] of props) {
      if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
    }
    return out;
  };
  const errors: WorkerConfigIssue[] = [...issues];
  const listeners = values.listeners as string[];
  const listener = parseListener(listeners[0] ?? "", errors);
  const advertisedHost = (values["rest.advertised.host.name"] as string | null) ??
    (listener.hostname === "0.0.0.0" || listener.hostname === "" ? "localhost" : listener.hostname);
  const advertisedPort = (values["rest.advertised.port"] as number | null) ?? listener.port;
  const advertisedUrl = `${values["rest.advertised.listener"]}://${
    advertisedHost.includes(":") ? `[${advertisedHost}]` : advertisedHost
  }:${advertisedPort}`;
  const interval = values["heartbeat.interval.ms"] as number;
  const session = values["session.timeout.ms"] as number;
  if (interval * 2 > session) {
    errors.push({
      key: "heartbeat.interval.ms",
      message: `must be at most half of session.timeout.ms (${session}), was ${interval}`,
    });
  }
  if (errors.length > 0) {
    throw new WorkerConfigError(
      kind,
      errors.map((issue) => ({ ...issue, origin: origins.get(issue.key) })),
    );
  }
  return {
    kind,
    bootstrapServers: values["bootstrap.servers"] as string[],
    groupId: values["group.id"] as string,
    workerId: (values["worker.id"] as string | null) ?? `${advertisedHost}:${advertisedPort}`,
    listener,
    advertisedUrl,
    controlTopic: values["config.storage.topic"] as string,
    offsetsTopic: values["offset.storage.topic"] as string,
    offsetsPartitions: values["offset.storage.partitions"] as number,
    replicationFactor: values["replication.factor"] as number,
    pluginPath: (values["plugin.path"] as string[]).map((p) => resolve(cwd, p)),
    fileAllowedDirs: (values["file.allowed.dirs"] as string[]).map((p) => resolve(cwd, p)),
    offsetFlushIntervalMs: values["offset.flush.interval.ms"] as number,
    offsetFlushTimeoutMs: values["offset.flush.timeout.ms"] as number,
    sessionTimeoutMs: session,
    heartbeatIntervalMs: interval,
    taskShutdownGracefulTimeoutMs: values["task.shutdown.graceful.timeout.ms"] as number,
    kafkaConnectTimeoutMs: values["kafka.connect.timeout.ms"] as number,
    keyConverter: {
      className: values["key.converter"] as string,
      config: prefixed("key.converter."),
    },
    valueConverter: {
      className: values["value.converter"] as string,
      config: prefixed("value.converter."),
    },
    headerConverter: {
      className: values["header.converter"] as string,
      config: prefixed("header.converter."),
    },
    producerOverrides: prefixed("producer."),
    consumerOverrides: prefixed("consumer."),
    adminOverrides: prefixed("admin."),
  };
}

function parseListener(
  text: string,
  errors: WorkerConfigIssue[],
): { hostname: string; port: number } {
  const match = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[^:/\s]*):(\d{1,5})\/?$/.exec(text);
  if (!match || Number(match[3]) > 65535) {
    errors.push({
      key: "listeners",
      message: `expected a URL such as http://:8083 or http://0.0.0.0:8083, was "${text}"`,
    });
    return { hostname: "0.0.0.0", port: 0 };
  }
  if (match[1] === "https") {
    errors.push({ key: "listeners", message: "https listeners are not supported yet" });
  }
  const host = match[2].replace(/^\[|\]$/g, "");
  return { hostname: host === "" ? "0.0.0.0" : host, port: Number(match[3]) };
}
