/**
 * The sink runner's delivery rules with a consumer double at the client
 * seam's interface, so the test decides what each poll returns and sees
 * every commit. (End-to-end sink delivery against the real broker is in
 * tests/walkthrough_test.ts.)
 */
import assert from "node:assert/strict";
import { RetriableError } from "../connect/errors.ts";
import type { SinkRecord } from "../connect/record.ts";
import { SinkTask } from "../connect/sink_task.ts";
import type { TopicPartition, TopicPartitionOffsets } from "../connect/topic_partition.ts";
import { SimpleHeaderConverter } from "../converters/header_converter.ts";
import { StringConverter } from "../converters/string_converter.ts";
import type {
  ConsumerRecord,
  KafkaGroupConsumer,
  RebalanceListener,
  TopicPartitionOffset,
} from "../kafka/types.ts";
import type { State } from "./herder.ts";
import { createLogger } from "./log.ts";
import { SinkTaskRunner } from "./sink_task_runner.ts";

const TP: TopicPartition = { topic: "t", partition: 0 };

/** Returns queued batches from poll; records commits and seeks. */
class ScriptedConsumer implements KafkaGroupConsumer {
  readonly groupId = "connect-c";
  batches: ConsumerRecord[][] = [];
  commits: TopicPartitionOffset[][] = [];
  seeks: bigint[] = [];
  /** Errors the next commits throw, one each. */
  commitErrors: Error[] = [];
  closed = false;
  constructor(readonly listener: RebalanceListener) {}
  async poll(): Promise<ConsumerRecord[]> {
    const next = this.batches.shift();
    if (next) return next;
    await new Promise((r) => setTimeout(r, 5));
    return [];
  }
  commit(offsets: readonly TopicPartitionOffset[]) {
    const error = this.commitErrors.shift();
    if (error) return Promise.reject(error);
    this.commits.push([...offsets]);
    return Promise.resolve();
  }
  committed() {
    return Promise.resolve([]);
  }
  assignment() {
    return [TP];
  }
  subscription() {
    return ["t"];
  }
  position() {
    return undefined;
  }
  seek(_tp: TopicPartition, offset: bigint) {
    this.seeks.push(offset);
  }
  pause() {}
  resume() {}
  paused() {
    return [];
  }
  async close() {
    this.closed = true;
    await this.listener.onPartitionsRevoked?.([TP]);
  }
}

/** Buffers put records; flush makes them durable. Can fail puts on demand. */
class BufferingTask extends SinkTask {
  buffered: string[] = [];
  flushed: string[] = [];
  failNextPut: Error | null = null;
  opened: TopicPartition[] = [];
  closedPartitions: TopicPartition[] = [];
  version() {
    return "1";
  }
  start() {}
  override open(partitions: readonly TopicPartition[]) {
    this.opened.push(...partitions);
  }
  put(records: readonly SinkRecord[]) {
    if (this.failNextPut) {
      const err = this.failNextPut;
      this.failNextPut = null;
      throw err;
    }
    this.buffered.push(...records.map((r) => String(r.value)));
  }
  override flush(_offsets: TopicPartitionOffsets) {
    this.flushed.push(...this.buffered.splice(0));
  }
  override close(partitions: readonly TopicPartition[]) {
    this.closedPartitions.push(...partitions);
  }
  stop() {}
}

const encoder = new TextEncoder();
const record = (offset: number, value: string): ConsumerRecord => ({
  topic: "t",
  partition: 0,
  offset: BigInt(offset),
  timestamp: 0,
  timestampType: "CreateTime",
  key: null,
  value: encoder.encode(value),
  headers: [],
});

function setup(flushIntervalMs: number) {
  const task = new BufferingTask();
  const states: State[] = [];
  let consumer!: ScriptedConsumer;
  const runner = new SinkTaskRunner({
    connector: "c",
    taskId: 0,
    task,
    props: {},
    env: { allowedFileDirs: [] },
    keyConverter: new StringConverter(),
    valueConverter: new StringConverter(),
    headerConverter: new SimpleHeaderConverter(),
    createConsumer: async (listener) => {
      consumer = new ScriptedConsumer(listener);
      await listener.onPartitionsAssigned?.([TP]);
      return consumer;
    },
    offsetFlushIntervalMs: flushIntervalMs,
    onState: (s) => states.push(s),
    log: createLogger("test", { level: "error", sink: () => {} }),
    pollWaitMs: 5,
  });
  return { task, states, runner, consumer: () => consumer };
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Cannot see ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

Deno.test("a commit covers only records the task has flushed", async () => {
  const { task, runner, consumer } = setup(30);
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(0, "a"), record(1, "b")]);
  await until(() => consumer().commits.length === 1, "a commit");
  assert.deepEqual(task.flushed, ["a", "b"], "flushed before the commit");
  assert.deepEqual(consumer().commits[0], [{ topic: "t", partition: 0, offset: 2n }]);
  await runner.stop();
  assert.deepEqual(task.opened, [TP]);
  assert.deepEqual(task.closedPartitions, [TP]);
});

Deno.test("a stop flushes and commits what was put", async () => {
  const { task, runner, consumer } = setup(60_000);
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(5, "x")]);
  await until(() => task.buffered.length === 1, "the put");
  await runner.stop();
  assert.deepEqual(task.flushed, ["x"]);
  assert.deepEqual(consumer().commits.flat().map((o) => o.offset), [6n]);
  assert.equal(consumer().closed, true);
});

Deno.test("a RetriableError from put redelivers the same records", async () => {
  const { task, runner, consumer } = setup(60_000);
  task.failNextPut = new RetriableError("busy");
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(3, "r")]);
  await until(() => consumer().seeks.length === 1, "the rewind");
  assert.deepEqual(consumer().seeks, [3n], "rewound to the first record of the failed batch");
  assert.deepEqual(consumer().commits, [], "nothing committed for the failed put");
  await runner.stop();
});

Deno.test("a failing put fails the task without committing its records", async () => {
  const { task, states, runner, consumer } = setup(30);
  task.failNextPut = new Error("disk full");
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(0, "lost?")]);
  await until(() => states.includes("FAILED"), "FAILED");
  await runner.stop();
  assert.deepEqual(consumer().commits, []);
});

Deno.test("a poll that finds nothing after a put commits at once, and only once", async () => {
  const { task, runner, consumer } = setup(60_000);
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(0, "a"), record(1, "b")]);
  await until(() => consumer().commits.length === 1, "a commit long before the interval");
  assert.deepEqual(task.flushed, ["a", "b"]);
  await new Promise((r) => setTimeout(r, 50)); // several more empty polls
  assert.equal(consumer().commits.length, 1, "nothing new, no commit");
  consumer().batches.push([record(2, "c")]);
  await until(() => consumer().commits.length === 2, "the next commit");
  assert.deepEqual(consumer().commits[1], [{ topic: "t", partition: 0, offset: 3n }]);
  await runner.stop();
});

Deno.test("a commit refused for want of a group coordinator is retried, not fatal", async () => {
  const { task, states, runner, consumer } = setup(60_000);
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  const notCoordinator = Object.assign(new Error("This is not the correct coordinator."), {
    apiId: "NOT_COORDINATOR",
  });
  consumer().commitErrors.push(new AggregateError([notCoordinator], "commit failed 4 times."));
  consumer().batches.push([record(0, "a")]);
  await until(() => consumer().commits.length === 1, "the retried commit");
  assert.deepEqual(consumer().commits[0], [{ topic: "t", partition: 0, offset: 1n }]);
  assert.deepEqual(task.flushed, ["a"]);
  assert.ok(!states.includes("FAILED"));
  // Any other commit failure still fails the task.
  consumer().commitErrors.push(new Error("GROUP_AUTHORIZATION_FAILED"));
  consumer().batches.push([record(1, "b")]);
  await until(() => states.includes("FAILED"), "FAILED");
  await runner.stop();
});
