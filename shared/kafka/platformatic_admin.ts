/**
 * `KafkaAdmin` on top of the library's `Admin`.
 *
 * @example
 * ```ts ignore
 * import { createKafkaAdmin } from "./platformatic_admin.ts";
 * const admin = await createKafkaAdmin({ bootstrapServers: ["127.0.0.1:9092"], clientId: "a" });
 * await admin.createTopic({ name: "connect-offsets", partitions: 25, configs: { "cleanup.policy": "compact" } });
 * await admin.close();
 * ```
 * @module
 */
import type { Admin } from "@platformatic/kafka";
import { describeServers, toBaseOptions } from "./client_options.ts";
import { verifyConnection } from "./connection_check.ts";
import { errorCodes, KafkaClientError } from "./errors.ts";
import { plt } from "./platformatic_loader.ts";
import type {
  IsolationLevel,
  KafkaAdmin,
  KafkaClusterInfo,
  KafkaConnectionOptions,
  NewTopic,
  TopicDescription,
  TopicPartition,
  TopicPartitionOffset,
} from "./types.ts";

/**
 * Creates an admin client and checks the cluster is reachable.
 *
 * @example
 * ```ts ignore
 * import { createKafkaAdmin } from "./platformatic_admin.ts";
 * const admin = await createKafkaAdmin({ bootstrapServers: ["127.0.0.1:9092"], clientId: "a" });
 * console.log((await admin.clusterInfo()).clusterId);
 * await admin.close();
 * ```
 */
export async function createKafkaAdmin(options: KafkaConnectionOptions): Promise<KafkaAdmin> {
  const lib = new plt.Admin(toBaseOptions(options));
  try {
    await verifyConnection(lib, options);
  } catch (error) {
    await lib.close().catch(() => {});
    throw error;
  }
  return new PlatformaticAdmin(lib, options);
}

const LATEST = -1n;
const EARLIEST = -2n;

class PlatformaticAdmin implements KafkaAdmin {
  readonly #lib: Admin;
  readonly #where: string;

  constructor(lib: Admin, options: KafkaConnectionOptions) {
    this.#lib = lib;
    this.#where = describeServers(options);
  }

  clusterInfo(): Promise<KafkaClusterInfo> {
    return this.#run("read the cluster metadata", async () => {
      const metadata = await this.#lib.metadata({ topics: [], forceUpdate: true });
      return {
        clusterId: metadata.id,
        controllerId: metadata.controllerId,
        brokers: [...metadata.brokers.entries()].map(([nodeId, b]) => ({
          nodeId,
          host: b.host,
          port: b.port,
        })),
      };
    });
  }

  async createTopic(topic: NewTopic): Promise<boolean> {
    const action = `create topic ${topic.name}`;
    try {
      await this.#lib.createTopics({
        topics: [topic.name],
        partitions: topic.partitions ?? -1,
        replicas: topic.replicationFactor ?? -1,
        configs: Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value })),
      });
      return true;
    } catch (error) {
      if (errorCodes(error).includes("TOPIC_ALREADY_EXISTS")) return false;
      throw KafkaClientError.wrap(`${action} at ${this.#where}`, error);
    }
  }

  listTopics(): Promise<string[]> {
    return this.#run("list topics", () => this.#lib.listTopics({ includeInternals: false }));
  }

  describeTopics(topics: readonly string[]): Promise<TopicDescription[]> {
    return this.#run(`describe topics ${topics.join(", ")}`, async () => {
      if (topics.length === 0) return [];
      const metadata = await this.#lib.metadata({ topics: [...topics], forceUpdate: true });
      const configs = await this.#lib.describeConfigs({
        resources: topics.map((name) => ({
          resourceType: plt.ConfigResourceTypes.TOPIC,
          resourceName: name,
        })),
      });
      return topics.map((name) => {
        const topic = metadata.topics.get(name);
        if (!topic) throw new Error(`Unknown topic ${name}`);
        const described = configs.find((c) => c.resourceName === name);
        const values: Record<string, string | null> = {};
        for (const config of described?.configs ?? []) values[config.name] = config.value ?? null;
        return {
          name,
          topicId: topic.id,
          partitions: topic.partitions.map((p, partition) => ({
            partition,
            leader: p.leader,
            replicas: [...p.replicas],
            isr: [...p.isr],
          })),
          configs: values,
        };
      });
    });
  }

  deleteTopics(topics: readonly string[]): Promise<void> {
    return this.#run(`delete topics ${topics.join(", ")}`, async () => {
      if (topics.length > 0) await this.#lib.deleteTopics({ topics: [...topics] });
    });
  }

  endOffsets(
    targets: readonly (string | TopicPartition)[],
    isolationLevel: IsolationLevel = "read_uncommitted",
  ): Promise<TopicPartitionOffset[]> {
    return this.#run("read end offsets", () => this.#listOffsets(targets, LATEST, isolationLevel));
  }

  beginningOffsets(targets: readonly (string | TopicPartition)[]): Promise<TopicPartitionOffset[]> {
    return this.#run(
      "read beginning offsets",
      () => this.#listOffsets(targets, EARLIEST, "read_uncommitted"),
    );
  }

  listConsumerGroupOffsets(
    groupId: string,
    partitions?: readonly TopicPartition[],
  ): Promise<TopicPartitionOffset[]> {
    return this.#run(`list offsets of consumer group ${groupId}`, async () => {
      const byTopic = partitions ? groupByTopic(partitions) : undefined;
      const groups = await this.#lib.listConsumerGroupOffsets({
        groups: [
          byTopic
            ? {
              groupId,
              topics: [...byTopic].map(([name, indexes]) => ({ name, partitionIndexes: indexes })),
            }
            : groupId,
        ],
      });
      const result: TopicPartitionOffset[] = [];
      for (const group of groups) {
        for (const topic of group.topics) {
          for (const p of topic.partitions) {
            if (p.committedOffset >= 0n) {
              result.push({
                topic: topic.name,
                partition: p.partitionIndex,
                offset: p.committedOffset,
              });
            }
          }
        }
      }
      return result.sort(compareTopicPartition);
    });
  }

  alterConsumerGroupOffsets(
    groupId: string,
    offsets: readonly TopicPartitionOffset[],
  ): Promise<void> {
    return this.#run(`alter offsets of consumer group ${groupId}`, async () => {
      const topics = new Map<string, { partition: number; offset: bigint }[]>();
      for (const { topic, partition, offset } of offsets) {
        if (offset < 0n) throw new Error(`offset ${offset} for ${topic}-${partition} is negative`);
        const list = topics.get(topic) ?? [];
        list.push({ partition, offset });
        topics.set(topic, list);
      }
      await this.#lib.alterConsumerGroupOffsets({
        groupId,
        topics: [...topics].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
      });
    });
  }

  deleteConsumerGroupOffsets(
    groupId: string,
    partitions: readonly TopicPartition[],
  ): Promise<void> {
    return this.#run(`delete offsets of consumer group ${groupId}`, async () => {
      await this.#lib.deleteConsumerGroupOffsets({
        groupId,
        topics: [...groupByTopic(partitions)].map(([name, partitionIndexes]) => ({
          name,
          partitionIndexes,
        })),
      });
    });
  }

  async deleteConsumerGroup(groupId: string): Promise<boolean> {
    try {
      await this.#lib.deleteGroups({ groups: [groupId] });
      return true;
    } catch (error) {
      if (errorCodes(error).includes("GROUP_ID_NOT_FOUND")) return false;
      throw KafkaClientError.wrap(`delete consumer group ${groupId} at ${this.#where}`, error);
    }
  }

  listConsumerGroups(): Promise<string[]> {
    return this.#run("list consumer groups", async () => {
      const groups = await this.#lib.listGroups({ types: ["classic", "consumer"] });
      return [...groups.keys()].sort();
    });
  }

  async close(): Promise<void> {
    await this.#lib.close().catch(() => {});
  }

  async #listOffsets(
    targets: readonly (string | TopicPartition)[],
    timestamp: bigint,
    isolationLevel: IsolationLevel,
  ): Promise<TopicPartitionOffset[]> {
    const wanted = new Map<string, Set<number>>();
    const whole = targets.filter((t): t is string => typeof t === "string");
    if (whole.length > 0) {
      const metadata = await this.#lib.metadata({ topics: whole });
      for (const topic of whole) {
        const count = metadata.topics.get(topic)?.partitionsCount ?? 0;
        const set = wanted.get(topic) ?? new Set<number>();
        for (let p = 0; p < count; p++) set.add(p);
        wanted.set(topic, set);
      }
    }
    for (const target of targets) {
      if (typeof target === "string") continue;
      const set = wanted.get(target.topic) ?? new Set<number>();
      set.add(target.partition);
      wanted.set(target.topic, set);
    }
    if (wanted.size === 0) return [];
    const listed = await this.#lib.listOffsets({
      topics: [...wanted].map(([name, partitions]) => ({
        name,
        partitions: [...partitions].map((partitionIndex) => ({ partitionIndex, timestamp })),
      })),
      isolationLevel: isolationLevel === "read_committed" ? 1 : 0,
    });
    const result: TopicPartitionOffset[] = [];
    for (const topic of listed) {
      for (const p of topic.partitions) {
        result.push({ topic: topic.name, partition: p.partitionIndex, offset: p.offset });
      }
    }
    return result.sort(compareTopicPartition);
  }

  async #run<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw KafkaClientError.wrap(`${action} at ${this.#where}`, error);
    }
  }
}

function groupByTopic(partitions: readonly TopicPartition[]): Map<string, number[]> {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = byTopic.get(topic) ?? [];
    list.push(partition);
    byTopic.set(topic, list);
  }
  return byTopic;
}

function compareTopicPartition(a: TopicPartition, b: TopicPartition): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}
