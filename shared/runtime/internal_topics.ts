/**
 * Creates the worker's internal topics if missing and checks existing ones:
 * the control topic (one partition, compacted, broker timestamps) and the
 * source offsets topic (compacted). Like Kafka Connect, a worker refuses to
 * start on an internal topic whose `cleanup.policy` is not exactly
 * `compact`: deleting old records would lose configs and offsets.
 *
 * @example
 * ```ts
 * import { ensureInternalTopics } from "./internal_topics.ts";
 * // await ensureInternalTopics(admin, config, log);
 * ```
 * @module
 */
import type { WorkerConfig } from "../config/worker_config.ts";
import type { KafkaAdmin, NewTopic, TopicDescription } from "../kafka/types.ts";
import type { Logger } from "./log.ts";

/**
 * The internal topics a worker config asks for, with their creation
 * settings.
 *
 * @example
 * ```ts
 * import { internalTopics } from "./internal_topics.ts";
 * import { resolveWorkerConfig } from "../config/worker_config.ts";
 * const [control] = internalTopics(resolveWorkerConfig("source", new Map()));
 * console.log(control.name, control.partitions); // "tributary-control" 1
 * ```
 */
export function internalTopics(config: WorkerConfig): NewTopic[] {
  const replicationFactor = config.replicationFactor === -1 ? undefined : config.replicationFactor;
  return [
    {
      name: config.controlTopic,
      partitions: 1,
      replicationFactor,
      configs: { "cleanup.policy": "compact", "message.timestamp.type": "LogAppendTime" },
    },
    {
      name: config.offsetsTopic,
      partitions: config.offsetsPartitions,
      replicationFactor,
      configs: { "cleanup.policy": "compact" },
    },
  ];
}

/**
 * Problems with an existing internal topic, as messages naming the topic
 * and the config key to fix.
 *
 * @example
 * ```ts
 * import { checkInternalTopic } from "./internal_topics.ts";
 * const problems = checkInternalTopic(
 *   { name: "c", partitions: 1, configs: { "cleanup.policy": "compact" } },
 *   { name: "c", topicId: "x", partitions: [], configs: { "cleanup.policy": "delete" } },
 *   "config.storage.topic",
 * );
 * console.log(problems.length); // 1
 * ```
 */
export function checkInternalTopic(
  wanted: NewTopic,
  actual: TopicDescription,
  key: string,
): string[] {
  const problems: string[] = [];
  const policy = actual.configs["cleanup.policy"];
  if (policy !== "compact") {
    problems.push(
      `topic ${actual.name} (${key}) has cleanup.policy=${policy ?? "(unset)"}, ` +
        "but an internal topic must be compacted: set cleanup.policy=compact or choose another topic",
    );
  }
  if (wanted.partitions === 1 && actual.partitions.length !== 1) {
    problems.push(
      `topic ${actual.name} (${key}) has ${actual.partitions.length} partitions, ` +
        "but the control topic must have exactly one (its order is the cluster's order)",
    );
  }
  const wantedTimestamps = wanted.configs?.["message.timestamp.type"];
  if (wantedTimestamps && actual.configs["message.timestamp.type"] !== wantedTimestamps) {
    problems.push(
      `topic ${actual.name} (${key}) has message.timestamp.type=` +
        `${
          actual.configs["message.timestamp.type"] ?? "(unset)"
        }, but it must be ${wantedTimestamps}`,
    );
  }
  return problems;
}

/**
 * Creates the internal topics that are missing and checks all of them;
 * throws one error listing every problem.
 *
 * @example
 * ```ts
 * import { ensureInternalTopics } from "./internal_topics.ts";
 * // await ensureInternalTopics(admin, config, log);
 * ```
 */
export async function ensureInternalTopics(
  admin: KafkaAdmin,
  config: WorkerConfig,
  log: Logger,
): Promise<void> {
  const topics = internalTopics(config);
  const keys = ["config.storage.topic", "offset.storage.topic"];
  for (const topic of topics) {
    if (await admin.createTopic(topic)) {
      log.info("created internal topic", { topic: topic.name, partitions: topic.partitions });
    }
  }
  const described = await admin.describeTopics(topics.map((t) => t.name));
  const problems = topics.flatMap((topic, i) => {
    const actual = described.find((d) => d.name === topic.name);
    return actual ? checkInternalTopic(topic, actual, keys[i]) : [];
  });
  if (problems.length > 0) {
    throw new Error(`Cannot use the internal topics: ${problems.join("; ")}`);
  }
}
