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
  }): Promise<KafkaGroupConsumer>;
}

/**
 * Sink task runners, each in consumer group `connect-<connector>`.
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
        });
      },
      offsetFlushIntervalMs: deps.config.offsetFlushIntervalMs,
      onState: spec.onState,
      log: deps.logger.child(`${name}-${spec.id.task}`),
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
    async stop() {
      try {
        await runner.stop();
      } finally {
        await release();
      }
    },
  };
}
