/**
 * Builds task runners for the supervisor: a source task gets its own
 * producer, the connector's stored offsets and its converters; a sink task
 * gets a consumer in group `connect-<connector>` and its converters.
 * Converters come from the connector's config where it overrides them, else
 * from the worker's defaults.
 *
 * @example
 * ```ts
 * import { sourceTaskFactory } from "./task_factories.ts";
 * // new ConnectWorker({ ..., tasks: sourceTaskFactory({ config, env, offsets, ... }) });
 * ```
 * @module
 */
import type { ConverterSetting, WorkerConfig } from "../config/worker_config.ts";
import type { WorkerEnvironment } from "../connect/contexts.ts";
import type { SinkTask } from "../connect/sink_task.ts";
import type { SourceTask } from "../connect/source_task.ts";
import type { Converter } from "../converters/converter.ts";
import { type HeaderConverter, SimpleHeaderConverter } from "../converters/header_converter.ts";
import type { KafkaGroupConsumer, KafkaProducer, RebalanceListener } from "../kafka/types.ts";
import type { SourceOffsetStore } from "../offsets/source_offset_store.ts";
import type { TaskFactory, TaskRunner, TaskSpec } from "./connect_worker.ts";
import type { Logger } from "./log.ts";
import { SinkTaskRunner } from "./sink_task_runner.ts";
import { SourceTaskRunner } from "./source_task_runner.ts";

/** Creates a configured converter from a class name. */
export type ConverterFactory = (
  className: string,
  config: Record<string, string>,
  isKey: boolean,
) => Converter;

/**
 * The converter setting for one role: the connector's `<role>.converter` and
 * `<role>.converter.*` keys override the worker's; sub-keys of the worker's
 * default apply only while the connector keeps the worker's class.
 *
 * @example
 * ```ts
 * import { converterSetting } from "./task_factories.ts";
 * const s = converterSetting(
 *   { className: "JsonConverter", config: { "schemas.enable": "true" } },
 *   { "value.converter.schemas.enable": "false" },
 *   "value",
 * );
 * console.log(s.config["schemas.enable"]); // "false"
 * ```
 */
export function converterSetting(
  worker: ConverterSetting,
  connectorConfig: Readonly<Record<string, string>>,
  role: "key" | "value" | "header",
): ConverterSetting {
  const classKey = `${role}.converter`;
  const prefix = `${classKey}.`;
  const className = connectorConfig[classKey] ?? worker.className;
  const config: Record<string, string> = className === worker.className ? { ...worker.config } : {};
  for (const [key, value] of Object.entries(connectorConfig)) {
    if (key.startsWith(prefix)) config[key.slice(prefix.length)] = value;
  }
  return { className, config };
}

interface CommonDeps {
  config: WorkerConfig;
  env: WorkerEnvironment;
  converters: ConverterFactory;
  logger: Logger;
}

function converters(deps: CommonDeps, spec: TaskSpec) {
  const key = converterSetting(deps.config.keyConverter, spec.connectorConfig, "key");
  const value = converterSetting(deps.config.valueConverter, spec.connectorConfig, "value");
  return {
    keyConverter: deps.converters(key.className, key.config, true),
    valueConverter: deps.converters(value.className, value.config, false),
    headerConverter: new SimpleHeaderConverter() as HeaderConverter,
  };
}

/** What {@linkcode sourceTaskFactory} needs. */
export interface SourceTaskDeps extends CommonDeps {
  offsets: SourceOffsetStore;
  /** A producer (acks=all, idempotent) for one task. */
  createProducer(clientSuffix: string): Promise<KafkaProducer>;
  /** Creates topics that do not exist yet, with the broker's defaults. */
  ensureTopics?: (topics: string[]) => Promise<void>;
}

/**
 * Source task runners.
 *
 * @example
 * ```ts
 * import { sourceTaskFactory } from "./task_factories.ts";
 * // const factory = sourceTaskFactory({ config, env, offsets, converters, createProducer, logger });
 * ```
 */
export function sourceTaskFactory(deps: SourceTaskDeps): TaskFactory {
  return async (spec) => {
    const name = spec.id.connector;
    const taskClass = spec.connector.taskClass();
    const task = new taskClass() as SourceTask;
    const convert = converters(deps, spec);
    await deps.offsets.sync();
    const producer = await deps.createProducer(`${name}-${spec.id.task}`);
    const runner = new SourceTaskRunner({
      connector: name,
      taskId: spec.id.task,
      task,
      props: spec.taskConfig,
      env: deps.env,
      offsetReader: deps.offsets.reader(name),
      ...convert,
      producer,
      offsetWriter: deps.offsets,
      offsetFlushIntervalMs: deps.config.offsetFlushIntervalMs,
      offsetFlushTimeoutMs: deps.config.offsetFlushTimeoutMs,
      onState: spec.onState,
      log: deps.logger.child(`${name}-${spec.id.task}`),
      ensureTopics: deps.ensureTopics,
      leaseValid: spec.leaseValid,
    });
    return closing(runner, () => producer.close());
  };
}

/** What {@linkcode sinkTaskFactory} needs. */
export interface SinkTaskDeps extends CommonDeps {
  /** Creates listed topics that do not exist yet, as a consumer's auto-creation would. */
  ensureTopics?: (topics: string[]) => Promise<void>;
  /** A consumer in `groupId` reading `topics` or `topicPattern`, joined. */
  createConsumer(options: {
    groupId: string;
    topics?: string[];
    topicPattern?: RegExp;
    listener: RebalanceListener;
    clientSuffix: string;
    /**
     * Static group membership id, one per task (see
     * {@linkcode staticInstanceId}), for `topics` subscriptions: a task
     * restarted on another worker replaces its predecessor in the group at
     * once, with its partitions, instead of waiting for its session to
     * expire and rebalancing the whole group.
     */
    groupInstanceId?: string;
    /** Told when joining waits for an unavailable group coordinator (to log it). */
    onCoordinatorUnavailable?: (error: Error) => void;
  }): Promise<KafkaGroupConsumer>;
}

/**
 * The static membership id (`group.instance.id`) of a sink task: unique per
 * Tributary cluster (`group.id`), connector and task number, made of the
 * characters Kafka allows (`[a-zA-Z0-9._-]`, at most 249), with a hash of
 * the exact names so that names differing only in other characters differ.
 *
 * @example
 * ```ts
 * import { staticInstanceId } from "./task_factories.ts";
 * console.log(staticInstanceId("tributary", "orders sink", 2));
 * // "tributary-orders_sink-2-" followed by 8 hex digits
 * ```
 */
export function staticInstanceId(groupId: string, connector: string, task: number): string {
  const clean = (s: string) => s.replace(/[^a-zA-Z0-9._-]/g, "_");
  let hash = 0x811c9dc5;
  for (const ch of `${groupId}\u0000${connector}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const suffix = `-${task}-${hash.toString(16).padStart(8, "0")}`;
  return `${clean(groupId)}-${clean(connector)}`.slice(0, 249 - suffix.length) + suffix;
}

/**
 * Sink task runners, each in consumer group `connect-<connector>`. Tasks
 * subscribing by `topics` are static members of it (see
 * {@linkcode staticInstanceId}); `topics.regex` subscriptions stay dynamic,
 * since a successor's topic list may differ from its predecessor's.
 *
 * @example
 * ```ts
 * import { sinkTaskFactory } from "./task_factories.ts";
 * // const factory = sinkTaskFactory({ config, env, converters, createConsumer, logger });
 * ```
 */
export function sinkTaskFactory(deps: SinkTaskDeps): TaskFactory {
  return (spec) => {
    const name = spec.id.connector;
    const taskClass = spec.connector.taskClass();
    const task = new taskClass() as SinkTask;
    const topics = spec.taskConfig.topics?.split(",").map((t) => t.trim()).filter((t) => t);
    const regex = spec.taskConfig["topics.regex"];
    const log = deps.logger.child(`${name}-${spec.id.task}`);
    const runner = new SinkTaskRunner({
      connector: name,
      taskId: spec.id.task,
      task,
      props: spec.taskConfig,
      env: deps.env,
      ...converters(deps, spec),
      createConsumer: async (listener) => {
        if (!regex && topics && deps.ensureTopics) await deps.ensureTopics(topics);
        return await deps.createConsumer({
          groupId: `connect-${name}`,
          ...(regex ? { topicPattern: new RegExp(regex) } : { topics: topics ?? [] }),
          listener,
          clientSuffix: `${name}-${spec.id.task}`,
          onCoordinatorUnavailable: (err) =>
            log.warn("the group coordinator is unavailable; joining again", { err }),
          ...(regex
            ? {}
            : { groupInstanceId: staticInstanceId(deps.config.groupId, name, spec.id.task) }),
        });
      },
      offsetFlushIntervalMs: deps.config.offsetFlushIntervalMs,
      onState: spec.onState,
      log,
      leaseValid: spec.leaseValid,
    });
    return Promise.resolve(runner);
  };
}

/** Wraps a runner so `stop` also releases a resource it owns. */
function closing(runner: TaskRunner, release: () => Promise<void>): TaskRunner {
  return {
    start: (paused) => runner.start(paused),
    pause: () => runner.pause(),
    resume: () => runner.resume(),
    get failure() {
      return runner.failure;
    },
    async stop(options) {
      try {
        await runner.stop(options);
      } finally {
        await release();
      }
    },
  };
}
