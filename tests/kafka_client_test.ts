/**
 * Integration tests of the Kafka client seam (`shared/kafka/`) against a real
 * broker named by `KAFKA_BOOTSTRAP`. Single-node friendly: replication
 * factor 1, unique topic and group names per run; every test deletes its
 * topics and closes every client it opened.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  checkKafkaConnection,
  type ConsumerRecord,
  createKafkaAdmin,
  createKafkaGroupConsumer,
  createKafkaPartitionReader,
  createKafkaProducer,
  type KafkaAdmin,
  KafkaClientError,
  type KafkaConnectionOptions,
  type KafkaPartitionReader,
  partitionForKey,
  type TopicPartitionOffset,
} from "../shared/kafka/mod.ts";
import { kafkaBootstrap, uniqueName } from "./helpers/kafka_env.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function connection(name: string): KafkaConnectionOptions {
  return { bootstrapServers: kafkaBootstrap(), clientId: uniqueName(name) };
}

async function withAdmin<T>(run: (admin: KafkaAdmin) => Promise<T>): Promise<T> {
  const admin = await createKafkaAdmin(connection("test-admin"));
  try {
    return await run(admin);
  } finally {
    await admin.close();
  }
}

/** Reads every partition of the reader up to `ends`. */
async function readToEnd(
  reader: KafkaPartitionReader,
  ends: readonly TopicPartitionOffset[],
): Promise<ConsumerRecord[]> {
  const records: ConsumerRecord[] = [];
  const started = Date.now();
  while (!reader.caughtUp(ends)) {
    assert.ok(Date.now() - started < 60_000, "reading to the end took over 60 s");
    records.push(...await reader.poll(1000));
  }
  return records;
}

Deno.test("an unreachable broker fails fast with its address in the message", async () => {
  const started = Date.now();
  await assert.rejects(
    checkKafkaConnection({ bootstrapServers: ["127.0.0.1:9999"], clientId: "unreachable" }),
    (error: unknown) => {
      assert.ok(error instanceof KafkaClientError);
      assert.match(error.message, /^Cannot connect to Kafka at 127\.0\.0\.1:9999: .*ECONNREFUSED/);
      assert.ok(error.cause !== undefined);
      return true;
    },
  );
  await assert.rejects(
    createKafkaProducer({ bootstrapServers: ["127.0.0.1:9999"], clientId: "unreachable" }),
    /^KafkaClientError: Cannot connect to Kafka at 127\.0\.0\.1:9999: /,
  );
  assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
});

Deno.test("a broker that accepts but never answers fails within connectTimeoutMs", async () => {
  // A TCP server that accepts connections and never replies: the check must
  // give up on its own deadline rather than the 30 s request timeout.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) held.push(conn);
  })();
  try {
    const started = Date.now();
    await assert.rejects(
      createKafkaAdmin({
        bootstrapServers: [`127.0.0.1:${port}`],
        clientId: "silent",
        connectTimeoutMs: 1000,
      }),
      (error: unknown) => {
        assert.ok(error instanceof KafkaClientError);
        assert.equal(
          error.message,
          `Cannot connect to Kafka at 127.0.0.1:${port}: no answer from the cluster within 1000 ms`,
        );
        return true;
      },
    );
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 900 && elapsed < 2500, `took ${elapsed} ms`);
  } finally {
    listener.close();
    await accepting.catch(() => {});
    for (const conn of held) conn.close();
  }
});

Deno.test("createTopic applies configs (seen by describeTopics) and is idempotent; offsets", async () => {
  await withAdmin(async (admin) => {
    const topic = uniqueName("seam-configs");
    try {
      const created = await admin.createTopic({
        name: topic,
        partitions: 3,
        replicationFactor: 1,
        configs: { "cleanup.policy": "compact", "message.timestamp.type": "LogAppendTime" },
      });
      assert.equal(created, true);
      assert.equal(
        await admin.createTopic({ name: topic, partitions: 3, replicationFactor: 1 }),
        false,
      );
      const [described] = await admin.describeTopics([topic]);
      assert.equal(described.name, topic);
      assert.deepEqual(described.partitions.map((p) => p.partition), [0, 1, 2]);
      assert.deepEqual(described.partitions[0].replicas.length, 1);
      assert.equal(described.configs["cleanup.policy"], "compact");
      assert.equal(described.configs["message.timestamp.type"], "LogAppendTime");
      assert.ok((await admin.listTopics()).includes(topic));
      assert.ok((await admin.clusterInfo()).clusterId.length > 0);

      const producer = await createKafkaProducer(connection("seam-offsets"));
      try {
        const metadata = await producer.send(
          Array.from({ length: 10 }, (_, i) => ({
            topic,
            partition: i % 2,
            key: encoder.encode(`k${i}`),
            value: encoder.encode(`v${i}`),
          })),
        );
        assert.deepEqual(metadata.map((m) => m.offset), [0n, 0n, 1n, 1n, 2n, 2n, 3n, 3n, 4n, 4n]);
      } finally {
        await producer.close();
      }
      assert.deepEqual(await admin.endOffsets([topic]), [
        { topic, partition: 0, offset: 5n },
        { topic, partition: 1, offset: 5n },
        { topic, partition: 2, offset: 0n },
      ]);
      assert.deepEqual(await admin.endOffsets([{ topic, partition: 1 }], "read_committed"), [
        { topic, partition: 1, offset: 5n },
      ]);
      assert.deepEqual(await admin.beginningOffsets([{ topic, partition: 0 }]), [
        { topic, partition: 0, offset: 0n },
      ]);

      const reader = await createKafkaPartitionReader({
        ...connection("seam-logappend"),
        partitions: [{ topic, partition: 0 }],
      });
      try {
        const records = await readToEnd(reader, await reader.endOffsets());
        assert.equal(records.length, 5);
        assert.ok(records.every((r) => r.timestampType === "LogAppendTime"));
      } finally {
        await reader.close();
      }
      await assert.rejects(
        admin.describeTopics([`${topic}-missing`]),
        /^KafkaClientError: Cannot describe topics/,
      );
    } finally {
      await admin.deleteTopics([topic]);
    }
  });
});

Deno.test("100,000 records to a compacted topic are all read back, in order", async () => {
  await withAdmin(async (admin) => {
    const topic = uniqueName("seam-100k");
    const count = 100_000;
    const partitions = 3;
    await admin.createTopic({
      name: topic,
      partitions,
      replicationFactor: 1,
      configs: { "cleanup.policy": "compact" },
    });
    try {
      const records = Array.from({ length: count }, (_, i) => ({
        topic,
        key: encoder.encode(`key-${i}`),
        value: encoder.encode(`value-${i}`),
        headers: i % 1000 === 0 ? [{ key: "n", value: encoder.encode(String(i)) }] : undefined,
      }));
      const producer = await createKafkaProducer({
        ...connection("seam-100k-producer"),
        lingerMs: 0,
      });
      let produceMs: number;
      try {
        const started = performance.now();
        const metadata = await producer.send(records);
        produceMs = performance.now() - started;
        assert.equal(metadata.length, count);
        for (let i = 0; i < count; i += 997) {
          assert.equal(metadata[i].partition, partitionForKey(records[i].key, partitions));
        }
      } finally {
        await producer.close();
      }

      const reader = await createKafkaPartitionReader({
        ...connection("seam-100k-reader"),
        partitions: Array.from({ length: partitions }, (_, partition) => ({ topic, partition })),
      });
      let read: ConsumerRecord[];
      let consumeMs: number;
      try {
        const started = performance.now();
        read = await readToEnd(reader, await reader.endOffsets());
        consumeMs = performance.now() - started;
      } finally {
        await reader.close();
      }
      console.log(
        `100k records: produce ${produceMs.toFixed(0)} ms, consume ${consumeMs.toFixed(0)} ms`,
      );

      assert.equal(read.length, count);
      const seen = new Set<number>();
      const lastIndex = new Map<number, number>();
      const nextOffset = new Map<number, bigint>();
      for (const record of read) {
        const index = Number(decoder.decode(record.key!).slice("key-".length));
        assert.equal(decoder.decode(record.value!), `value-${index}`);
        assert.ok(!seen.has(index), `key-${index} read twice`);
        seen.add(index);
        // Within a partition: offsets contiguous from 0, and send order kept.
        assert.equal(record.offset, nextOffset.get(record.partition) ?? 0n);
        nextOffset.set(record.partition, record.offset + 1n);
        assert.ok(index > (lastIndex.get(record.partition) ?? -1));
        lastIndex.set(record.partition, index);
        if (index % 1000 === 0) {
          assert.deepEqual(record.headers.map((h) => [h.key, decoder.decode(h.value!)]), [[
            "n",
            String(index),
          ]]);
        }
      }
      assert.equal(seen.size, count);
    } finally {
      await admin.deleteTopics([topic]);
    }
  });
});

Deno.test("deliver writes every record once, like send, without metadata", async () => {
  await withAdmin(async (admin) => {
    const topic = uniqueName("seam-deliver");
    await admin.createTopic({ name: topic, partitions: 2, replicationFactor: 1 });
    try {
      const producer = await createKafkaProducer({
        ...connection("seam-deliver-producer"),
        maxInFlightRequests: 5,
      });
      try {
        const sends = [];
        for (let b = 0; b < 10; b++) {
          sends.push(producer.deliver(Array.from({ length: 1000 }, (_, i) => ({
            topic,
            key: null,
            value: encoder.encode(`v-${b * 1000 + i}`),
          }))));
        }
        assert.deepEqual(await Promise.all(sends), Array(10).fill(undefined));
        assert.deepEqual(await producer.deliver([]), undefined);
      } finally {
        await producer.close();
      }
      await assert.rejects(
        producer.deliver([{ topic, key: null, value: encoder.encode("late") }]),
        /closed/,
      );
      const reader = await createKafkaPartitionReader({
        ...connection("seam-deliver-reader"),
        partitions: [{ topic, partition: 0 }, { topic, partition: 1 }],
      });
      try {
        const read = await readToEnd(reader, await reader.endOffsets());
        const values = new Set(read.map((r) => decoder.decode(r.value!)));
        assert.equal(read.length, 10_000);
        assert.equal(values.size, 10_000);
      } finally {
        await reader.close();
      }
    } finally {
      await admin.deleteTopics([topic]);
    }
  });
});

Deno.test("a new group member resumes exactly after the committed offsets", async () => {
  await withAdmin(async (admin) => {
    const topic = uniqueName("seam-resume");
    const groupId = uniqueName("seam-group");
    const total = 300;
    await admin.createTopic({ name: topic, partitions: 2, replicationFactor: 1 });
    try {
      const producer = await createKafkaProducer(connection("seam-resume-producer"));
      try {
        await producer.send(Array.from({ length: total }, (_, i) => ({
          topic,
          key: encoder.encode(`k${i}`),
          value: encoder.encode(String(i)),
        })));
      } finally {
        await producer.close();
      }

      const processed: string[] = [];
      const events: string[] = [];
      const first = await createKafkaGroupConsumer({
        ...connection("seam-resume-1"),
        groupId,
        topics: [topic],
        listener: {
          onPartitionsAssigned: (tps) => void events.push(`assigned ${tps.length}`),
          onPartitionsRevoked: (tps) => void events.push(`revoked ${tps.length}`),
        },
      });
      try {
        // Process the first 120 records polled, then commit next offsets for them.
        const commits = new Map<number, bigint>();
        while (processed.length < 120) {
          for (const record of await first.poll(1000)) {
            if (processed.length === 120) break;
            processed.push(decoder.decode(record.value!));
            commits.set(record.partition, record.offset + 1n);
          }
        }
        await first.commit(
          [...commits].map(([partition, offset]) => ({ topic, partition, offset })),
        );
        assert.deepEqual(
          (await first.committed([{ topic, partition: 0 }, { topic, partition: 1 }]))
            .map((c) => c.offset ?? 0n),
          [commits.get(0) ?? 0n, commits.get(1) ?? 0n],
        );
        assert.equal(first.assignment().length, 2);
      } finally {
        await first.close();
      }
      assert.deepEqual(events, ["assigned 2", "revoked 2"]);

      const second = await createKafkaGroupConsumer({
        ...connection("seam-resume-2"),
        groupId,
        topics: [topic],
      });
      try {
        const started = Date.now();
        while (processed.length < total) {
          assert.ok(Date.now() - started < 30_000, `only ${processed.length} of ${total} records`);
          for (const record of await second.poll(1000)) {
            processed.push(decoder.decode(record.value!));
          }
        }
        assert.deepEqual(await second.poll(300), []);
      } finally {
        await second.close();
      }
      assert.equal(processed.length, total);
      assert.equal(new Set(processed).size, total, "a record was seen twice");
    } finally {
      await admin.deleteConsumerGroup(groupId);
      await admin.deleteTopics([topic]);
    }
  });
});

Deno.test("an aborted transaction is invisible to read_committed, a committed one visible", async () => {
  await withAdmin(async (admin) => {
    const topic = uniqueName("seam-tx");
    await admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
    try {
      const producer = await createKafkaProducer({
        ...connection("seam-tx-producer"),
        transactionalId: uniqueName("seam-tx-id"),
      });
      try {
        const batch = (label: string, n: number) =>
          Array.from(
            { length: n },
            (_, i) => ({ topic, key: null, value: encoder.encode(`${label}-${i}`) }),
          );
        const committed = await producer.beginTransaction();
        await committed.send(batch("committed", 10));
        await committed.commit();
        const aborted = await producer.beginTransaction();
        await aborted.send(batch("aborted", 10));
        await assert.rejects(producer.send(batch("outside", 1)), /a transaction is open/);
        await aborted.abort();
        const last = await producer.beginTransaction();
        await last.send(batch("last", 5));
        await last.commit();
      } finally {
        await producer.close();
      }

      const read = async (isolationLevel: "read_committed" | "read_uncommitted") => {
        const reader = await createKafkaPartitionReader({
          ...connection("seam-tx-reader"),
          isolationLevel,
          partitions: [{ topic, partition: 0 }],
        });
        try {
          const values = (await readToEnd(reader, await reader.endOffsets()))
            .map((r) => decoder.decode(r.value!));
          return values;
        } finally {
          await reader.close();
        }
      };
      const committedView = await read("read_committed");
      assert.deepEqual(committedView, [
        ...Array.from({ length: 10 }, (_, i) => `committed-${i}`),
        ...Array.from({ length: 5 }, (_, i) => `last-${i}`),
      ]);
      const uncommittedView = await read("read_uncommitted");
      assert.equal(uncommittedView.length, 25);
      assert.ok(uncommittedView.includes("aborted-0"));
    } finally {
      await admin.deleteTopics([topic]);
    }
  });
});

Deno.test("pattern subscription, pause and resume", async () => {
  await withAdmin(async (admin) => {
    const prefix = uniqueName("seam-pattern");
    const topics = [`${prefix}-a`, `${prefix}-b`];
    for (const name of topics) {
      await admin.createTopic({ name, partitions: 1, replicationFactor: 1 });
    }
    const groupId = uniqueName("seam-pattern-group");
    try {
      const producer = await createKafkaProducer(connection("seam-pattern-producer"));
      try {
        await producer.send(
          topics.flatMap((topic) =>
            Array.from(
              { length: 20 },
              (_, i) => ({ topic, key: null, value: encoder.encode(`${topic}:${i}`) }),
            )
          ),
        );
      } finally {
        await producer.close();
      }
      const escaped = prefix.replace(/[-]/g, "\\-");
      const consumer = await createKafkaGroupConsumer({
        ...connection("seam-pattern-consumer"),
        groupId,
        topicPattern: new RegExp(`${escaped}-[ab]`),
      });
      try {
        assert.deepEqual(consumer.subscription(), topics);
        await consumer.poll(0);
        consumer.pause([{ topic: topics[1], partition: 0 }]);
        const seen: ConsumerRecord[] = [];
        const started = Date.now();
        while (seen.length < 20 && Date.now() - started < 20_000) {
          seen.push(...await consumer.poll(500));
        }
        assert.ok(seen.every((r) => r.topic === topics[0]), "a paused partition returned records");
        assert.equal(seen.length, 20);
        assert.deepEqual(consumer.paused(), [{ topic: topics[1], partition: 0 }]);
        consumer.resume([{ topic: topics[1], partition: 0 }]);
        while (seen.length < 40 && Date.now() - started < 20_000) {
          seen.push(...await consumer.poll(500));
        }
        assert.equal(seen.length, 40);
        assert.equal(consumer.position({ topic: topics[1], partition: 0 }), 20n);
      } finally {
        await consumer.close();
      }
    } finally {
      await admin.deleteConsumerGroup(groupId);
      await admin.deleteTopics(topics);
    }
  });
});
