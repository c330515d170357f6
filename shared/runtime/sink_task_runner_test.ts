/**
 * The sink runner's delivery rules with a consumer double at the client
 * seam's interface, so the test decides what each poll returns and sees
 * every commit. (End-to-end sink delivery against the real broker is in
 * tests/walkthrough_test.ts.)
 */
import assert from "node:assert/strict";
import { RetriableError } from "../connect/errors.ts";
import type { SinkTaskContext } from "../connect/contexts.ts";
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
  /** What committed() answers for TP (the group's newest commit). */
  groupCommit: bigint | null = null;
  polls = 0;
  closed = false;
  constructor(readonly listener: RebalanceListener) {}
  async poll(): Promise<ConsumerRecord[]> {
    this.polls++;
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
  /** Errors the next committed() calls throw, one each. */
  committedErrors: Error[] = [];
  committed() {
    const error = this.committedErrors.shift();
    if (error) return Promise.reject(error);
    return Promise.resolve([{ ...TP, offset: this.groupCommit }]);
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
  /** Runs in open(), with the task's context. */
  onOpen: ((context: SinkTaskContext) => void) | null = null;
  override open(partitions: readonly TopicPartition[]) {
    this.opened.push(...partitions);
    this.onOpen?.(this.context);
  }
  put(records: readonly SinkRecord[]) {
    if (this.failNextPut) {
      const err = this.failNextPut;
      this.failNextPut = null;
      throw err;
    }
    for (const r of records) this.buffered.push(String(r.value));
  }
  override flush(_offsets: TopicPartitionOffsets) {
    for (const value of this.buffered.splice(0)) this.flushed.push(value);
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

function setup(
  flushIntervalMs: number,
  grace: { rebalanceGraceMs?: number; rebalanceGraceBufferBytes?: number } = {
    rebalanceGraceMs: 0,
  },
) {
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
    ...grace,
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

Deno.test("a new partition's records wait out the grace, then start from the newest commit", async () => {
  const { task, runner, consumer } = setup(60_000, { rebalanceGraceMs: 300 });
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(0, "a"), record(1, "b")], [record(2, "c")]);
  await until(() => consumer().batches.length === 0, "the reads");
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(task.buffered, [], "nothing put during the grace");
  // The previous owner noticed late and committed what it had written.
  consumer().groupCommit = 2n;
  await until(() => task.flushed.length > 0, "the put after the grace");
  assert.deepEqual(task.flushed, ["c"], "records below the newest commit are not put again");
  await until(() => consumer().commits.length === 1, "the commit");
  assert.deepEqual(consumer().commits[0], [{ topic: "t", partition: 0, offset: 3n }]);
  assert.deepEqual(consumer().seeks, [], "held records above the commit: no seek");
  await runner.stop();
});

Deno.test("a commit beyond everything held moves the position to it", async () => {
  const { task, runner, consumer } = setup(60_000, { rebalanceGraceMs: 200 });
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(0, "a")]);
  consumer().groupCommit = 7n;
  await until(() => consumer().seeks.length === 1, "the seek");
  assert.deepEqual(consumer().seeks, [7n]);
  assert.deepEqual(task.buffered, []);
  await runner.stop();
  assert.deepEqual(task.flushed, []);
});

Deno.test("past its byte budget the grace stops reading until it ends", async () => {
  const { task, runner, consumer } = setup(60_000, {
    rebalanceGraceMs: 300,
    rebalanceGraceBufferBytes: 2,
  });
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  const before = consumer().polls;
  consumer().batches.push([record(0, "held")]);
  await until(() => consumer().batches.length === 0, "the read");
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(consumer().polls - before <= 2, `${consumer().polls - before} polls while full`);
  await until(() => task.flushed.length === 1, "the put after the grace");
  assert.deepEqual(task.flushed, ["held"]);
  await runner.stop();
});

Deno.test("a task's own seek ends the grace of its partition", async () => {
  const { task, runner, consumer } = setup(60_000, { rebalanceGraceMs: 60_000 });
  task.onOpen = (context) => context.offset(TP, 4n);
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(4, "e")]);
  await until(() => task.flushed.length === 1, "the put without waiting for the grace");
  assert.deepEqual(task.flushed, ["e"]);
  await runner.stop();
});

Deno.test("a stop during the grace puts and commits none of what it held", async () => {
  const { task, runner, consumer } = setup(60_000, { rebalanceGraceMs: 60_000 });
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  consumer().batches.push([record(0, "a")]);
  await until(() => consumer().batches.length === 0, "the read");
  await runner.stop();
  assert.deepEqual(task.buffered, []);
  assert.deepEqual(task.flushed, []);
  assert.deepEqual(consumer().commits, []);
});

Deno.test("a grace releases a large hold whole", async () => {
  const { task, runner, consumer } = setup(60_000, { rebalanceGraceMs: 200 });
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  const count = 200_000; // more than a call's argument limit
  consumer().batches.push(Array.from({ length: count }, (_, i) => record(i, "v")));
  await until(() => task.flushed.length === count, "every held record put");
  await runner.stop();
  assert.deepEqual(consumer().commits.at(-1), [{ topic: "t", partition: 0, offset: 200_000n }]);
});

Deno.test("a grace whose commits cannot be read yet keeps holding, then puts", async () => {
  const { task, states, runner, consumer } = setup(60_000, { rebalanceGraceMs: 100 });
  runner.start();
  await until(() => consumer() !== undefined, "the consumer");
  const loading = Object.assign(new Error("loading"), { apiId: "COORDINATOR_LOAD_IN_PROGRESS" });
  consumer().committedErrors.push(loading);
  consumer().batches.push([record(0, "a")]);
  await until(() => task.flushed.length === 1, "the put once the commits could be read");
  assert.deepEqual(task.flushed, ["a"]);
  assert.equal(consumer().committedErrors.length, 0, "asked again after the failure");
  assert.ok(!states.includes("FAILED"));
  await runner.stop();
});
