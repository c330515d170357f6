/**
 * Reads every record of a topic for integration tests, as a console
 * consumer would print them, through the project's own Kafka client seam.
 *
 * @example
 * ```ts
 * import { readTopic } from "./topic_reader.ts";
 * const values = await readTopic("lines", { atLeast: 3 });
 * console.log(values.map((r) => r.value));
 * ```
 * @module
 */
import { createKafkaAdmin, createKafkaPartitionReader } from "../../shared/kafka/mod.ts";
import { kafkaBootstrap } from "./kafka_env.ts";

/** One record as text. */
export interface TextRecord {
  partition: number;
  offset: bigint;
  key: string | null;
  value: string | null;
}

const decoder = new TextDecoder();

/**
 * Reads a topic from the beginning until it holds `atLeast` records (or
 * `timeoutMs` passes), then to its end; returns them in partition and offset
 * order.
 *
 * @example
 * ```ts
 * import { readTopic } from "./topic_reader.ts";
 * await readTopic("lines", { atLeast: 0 }); // whatever is there now
 * ```
 */
export async function readTopic(
  topic: string,
  options: { atLeast?: number; timeoutMs?: number } = {},
): Promise<TextRecord[]> {
  const atLeast = options.atLeast ?? 0;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const connection = { bootstrapServers: kafkaBootstrap(), clientId: "test-topic-reader" };
  const admin = await createKafkaAdmin(connection);
  try {
    let ends = await waitForTopic(admin, topic, deadline);
    while (total(ends) < atLeast && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      ends = await admin.endOffsets([topic]);
    }
    const reader = await createKafkaPartitionReader({
      ...connection,
      partitions: ends.map((e) => ({ topic, partition: e.partition, offset: "earliest" })),
    });
    try {
      const out: TextRecord[] = [];
      while (!reader.caughtUp(ends)) {
        for (const r of await reader.poll(200)) {
          out.push({
            partition: r.partition,
            offset: r.offset,
            key: r.key === null ? null : decoder.decode(r.key),
            value: r.value === null ? null : decoder.decode(r.value),
          });
        }
      }
      return out.sort((a, b) =>
        a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0)
      );
    } finally {
      await reader.close();
    }
  } finally {
    await admin.close();
  }
}

function total(ends: { offset: bigint }[]): number {
  return ends.reduce((n, e) => n + Number(e.offset), 0);
}

async function waitForTopic(
  admin: Awaited<ReturnType<typeof createKafkaAdmin>>,
  topic: string,
  deadline: number,
) {
  while (true) {
    try {
      return await admin.endOffsets([topic]);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
