/**
 * Integration tests of the Kafka-backed control log
 * (`shared/control/kafka_control_log.ts`) against the broker named by
 * `KAFKA_BOOTSTRAP`: several workers' logs on one control topic agree on the
 * folded state and the assignment at the same offsets. Unique topic names;
 * every test deletes its topics and closes what it opened.
 *
 * @module
 */
import assert from "node:assert/strict";
import { toWorkSet } from "../shared/control/assignment.ts";
import type { UnreadableRecord } from "../shared/control/cluster_state.ts";
import {
  type KafkaControlLog,
  type KafkaControlLogOptions,
  openKafkaControlLog,
} from "../shared/control/kafka_control_log.ts";
import { encodeControlRecord, type WorkerKind } from "../shared/control/records.ts";
import { createKafkaAdmin, createKafkaProducer } from "../shared/kafka/mod.ts";
import { kafkaBootstrap, uniqueName } from "./helpers/kafka_env.ts";

function options(
  topic: string,
  extra: Partial<KafkaControlLogOptions> = {},
): KafkaControlLogOptions {
  return {
    bootstrapServers: kafkaBootstrap(),
    clientId: uniqueName("control-test"),
    topic,
    replicationFactor: 1,
    ...extra,
  };
}

/** Runs `body` with a fresh control topic name, deleting the topic afterwards. */
async function withTopic(body: (topic: string, logs: KafkaControlLog[]) => Promise<void>) {
  const topic = uniqueName("control");
  const logs: KafkaControlLog[] = [];
  try {
    await body(topic, logs);
  } finally {
    await Promise.allSettled(logs.map((log) => log.close()));
    const admin = await createKafkaAdmin({
      bootstrapServers: kafkaBootstrap(),
      clientId: "cleanup",
    });
    try {
      await admin.deleteTopics([topic]).catch(() => {});
    } finally {
      await admin.close();
    }
  }
}

async function open(
  topic: string,
  logs: KafkaControlLog[],
  extra?: Partial<KafkaControlLogOptions>,
) {
  const log = await openKafkaControlLog(options(topic, extra));
  logs.push(log);
  return log;
}

const connector = (name: string, incarnation: string, type: WorkerKind = "source") =>
  encodeControlRecord({
    type: "connector",
    name,
    value: { incarnation, type, class: "FileStreamSource", config: { name } },
  });

function heartbeat(log: KafkaControlLog, id: string) {
  const state = log.state();
  return encodeControlRecord({
    type: "member",
    kind: "source",
    id,
    value: {
      kind: "source",
      url: `http://${id}`,
      startedAt: Date.now(),
      incarnation: crypto.randomUUID(),
      sessionTimeoutMs: 30_000,
      assigned: toWorkSet(state.assignmentFor("source", id)),
      assignedAt: state.offset,
      running: { connectors: [], tasks: [] },
    },
  });
}

function assignmentOf(log: KafkaControlLog): string {
  return JSON.stringify(
    [...log.state().assignment("source")].map(([id, a]) => [id, [...a.connectors], [...a.tasks]]),
  );
}

Deno.test("the control topic is created compacted, one partition, LogAppendTime", async () => {
  await withTopic(async (topic, logs) => {
    await open(topic, logs);
    const admin = await createKafkaAdmin({
      bootstrapServers: kafkaBootstrap(),
      clientId: "describe",
    });
    try {
      const [described] = await admin.describeTopics([topic]);
      assert.equal(described.partitions.length, 1);
      assert.equal(described.configs["cleanup.policy"], "compact");
      assert.equal(described.configs["message.timestamp.type"], "LogAppendTime");
    } finally {
      await admin.close();
    }
  });
});

Deno.test("two workers read each other's writes; a REST write waits for its own record", async () => {
  await withTopic(async (topic, logs) => {
    const a = await open(topic, logs);
    const b = await open(topic, logs);
    const changes: bigint[] = [];
    b.onChange((change) => changes.push(change.offset));

    const before = Date.now();
    const offset = await a.append([connector("fs", "c1")]);
    await a.waitForOffset(offset);
    assert.deepEqual(a.state().connectorNames(), ["fs"], "read your own write");
    await b.waitForOffset(offset, AbortSignal.timeout(10_000));
    assert.deepEqual(b.state().connectorNames(), ["fs"]);
    const stamped = b.state().connector("fs")!.timestamp;
    assert.ok(Math.abs(stamped - before) < 30_000, "the broker stamps LogAppendTime");
    assert.equal(b.state().clock, stamped);
    assert.ok(changes.includes(offset));

    const paused = await b.append([
      encodeControlRecord({
        type: "target-state",
        name: "fs",
        value: { incarnation: "c1", state: "PAUSED" },
      }),
    ]);
    assert.equal(paused, offset + 1n);
    await a.waitForOffset(paused, AbortSignal.timeout(10_000));
    assert.equal(a.state().targetState("fs"), "PAUSED");
  });
});

Deno.test("workers agree on membership and assignment; a late starter catches up at open", async () => {
  await withTopic(async (topic, logs) => {
    const a = await open(topic, logs);
    const b = await open(topic, logs);
    await a.append([
      connector("one", "c1"),
      encodeControlRecord({
        type: "tasks",
        name: "one",
        value: {
          incarnation: "c1",
          generation: 1,
          configHash: "h",
          configs: [{}, {}, {}, {}],
        },
      }),
    ]);
    await a.waitForOffset(await a.append([heartbeat(a, "wa")]));
    await b.waitForOffset(await b.append([heartbeat(b, "wb")]), AbortSignal.timeout(10_000));
    // Both members claim what they were given, twice round.
    for (let round = 0; round < 2; round++) {
      await a.waitForOffset(await a.append([heartbeat(a, "wa")]), AbortSignal.timeout(10_000));
      await b.waitForOffset(await b.append([heartbeat(b, "wb")]), AbortSignal.timeout(10_000));
    }
    const last = b.state().offset;
    await a.waitForOffset(last, AbortSignal.timeout(10_000));
    assert.equal(a.state().offset, last);
    assert.deepEqual(a.state().liveMembers("source"), ["wa", "wb"]);
    assert.equal(assignmentOf(a), assignmentOf(b));
    assert.equal(a.state().assignmentFor("source", "wa").tasks.size, 2);
    assert.equal(a.state().assignmentFor("source", "wb").tasks.size, 2);

    const late = await open(topic, logs);
    assert.equal(late.state().offset, last, "opening resolves once caught up");
    assert.equal(assignmentOf(late), assignmentOf(a));

    await a.waitForOffset(
      await a.append([{ key: "member/source/wb", value: null }]),
      AbortSignal.timeout(10_000),
    );
    assert.deepEqual(a.state().liveMembers("source"), ["wa"]);
    assert.equal(a.state().assignmentFor("source", "wa").tasks.size, 4);
  });
});

Deno.test("garbage on the control topic is reported and skipped", async () => {
  await withTopic(async (topic, logs) => {
    const skipped: UnreadableRecord[] = [];
    const log = await open(topic, logs, { onUnreadable: (u) => skipped.push(u) });
    const producer = await createKafkaProducer({
      bootstrapServers: kafkaBootstrap(),
      clientId: uniqueName("garbage"),
    });
    try {
      const enc = new TextEncoder();
      await producer.send([
        { topic, partition: 0, key: enc.encode("connector/x"), value: enc.encode("{not json") },
        { topic, partition: 0, key: enc.encode("session-key"), value: enc.encode("{}") },
        { topic, partition: 0, key: new Uint8Array([0xc3, 0x28]), value: null },
        { topic, partition: 0, key: enc.encode("connector/y"), value: enc.encode('{"v":99}') },
      ]);
    } finally {
      await producer.close();
    }
    const offset = await log.append([connector("ok", "c1")]);
    await log.waitForOffset(offset, AbortSignal.timeout(10_000));
    assert.deepEqual(log.state().connectorNames(), ["ok"]);
    assert.deepEqual(skipped.map((u) => u.error.problem), [
      "malformed-value",
      "unknown-key",
      "unknown-key",
      "unsupported-version",
    ]);
  });
});

Deno.test("a topic of the wrong shape is refused with the reasons", async () => {
  const topic = uniqueName("control-bad");
  const admin = await createKafkaAdmin({ bootstrapServers: kafkaBootstrap(), clientId: "bad" });
  try {
    await admin.createTopic({ name: topic, partitions: 3, replicationFactor: 1 });
    await assert.rejects(
      openKafkaControlLog(options(topic)),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, new RegExp(`^Cannot open control topic ${topic}: `));
        assert.match(error.message, /it has 3 partitions, not 1/);
        assert.match(error.message, /cleanup\.policy is "delete", not "compact"/);
        return true;
      },
    );
  } finally {
    await admin.deleteTopics([topic]).catch(() => {});
    await admin.close();
  }
});
