/**
 * The source runner's delivery rules, with acknowledgements under the
 * test's control: a producer double at the client seam's interface holds
 * each send until the test acknowledges or fails it. (End-to-end delivery
 * against the real broker is proven in tests/walkthrough_test.ts.)
 */
import assert from "node:assert/strict";
import type { SourceRecord } from "../connect/record.ts";
import { SourceTask } from "../connect/source_task.ts";
import { MemoryOffsetStorageReader } from "../connect/test_contexts.ts";
import { SimpleHeaderConverter } from "../converters/header_converter.ts";
import { StringConverter } from "../converters/string_converter.ts";
import type { KafkaProducer, ProducerRecord, RecordMetadata } from "../kafka/types.ts";
import type { PartitionOffset } from "../offsets/submitted_offsets.ts";
import type { State } from "./herder.ts";
import { createLogger } from "./log.ts";
import { SourceTaskRunner } from "./source_task_runner.ts";

/** Hands out the records queued by the test, one batch per poll. */
class ScriptedTask extends SourceTask {
  batches: SourceRecord[][] = [];
  stopped = false;
  version() {
    return "1";
  }
  start() {}
  async poll(signal?: AbortSignal): Promise<SourceRecord[] | null> {
    const next = this.batches.shift();
    if (next) return next;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 20);
      signal?.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
    return null;
  }
  stop() {
    this.stopped = true;
  }
}

interface PendingSend {
  records: readonly ProducerRecord[];
  /** Whether it came through `deliver` (no per-record metadata). */
  delivered?: boolean;
  ack(): void;
  fail(err: Error): void;
}

/** A producer whose sends complete only when the test says so. */
class HeldProducer implements KafkaProducer {
  pending: PendingSend[] = [];
  #offset = 0n;
  send(records: readonly ProducerRecord[]): Promise<RecordMetadata[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        records,
        ack: () =>
          resolve(records.map((r) => ({
            topic: r.topic,
            partition: 0,
            offset: this.#offset++,
            timestamp: 0,
          }))),
        fail: reject,
      });
    });
  }
  deliver(records: readonly ProducerRecord[]): Promise<void> {
    const sent = this.send(records).then(() => {});
    this.pending.at(-1)!.delivered = true;
    return sent;
  }
  beginTransaction(): never {
    throw new Error("not used");
  }
  flush() {
    return Promise.resolve();
  }
  close() {
    return Promise.resolve();
  }
}

const line = (file: string, text: string, position: number): SourceRecord => ({
  sourcePartition: { filename: file },
  sourceOffset: { position },
  topic: "lines",
  kafkaPartition: null,
  keySchema: null,
  key: null,
  valueSchema: { type: "string", optional: false },
  value: text,
  timestamp: null,
  headers: [],
});

/** A task that looks at every acknowledged record, and fails on the first. */
class CommittingTask extends ScriptedTask {
  committed: string[] = [];
  override commitRecord(record: SourceRecord, metadata: RecordMetadata): void {
    this.committed.push(`${record.value}@${metadata.offset}`);
    if (this.committed.length === 1) throw new Error("commitRecord broke");
  }
}

function setup(task: ScriptedTask = new ScriptedTask()) {
  const producer = new HeldProducer();
  const written: PartitionOffset[][] = [];
  const states: State[] = [];
  const runner = new SourceTaskRunner({
    connector: "c",
    taskId: 0,
    task,
    props: {},
    env: { allowedFileDirs: [] },
    offsetReader: new MemoryOffsetStorageReader(),
    keyConverter: new StringConverter(),
    valueConverter: new StringConverter(),
    headerConverter: new SimpleHeaderConverter(),
    producer,
    offsetWriter: {
      write: (_connector, offsets) => {
        written.push([...offsets]);
        return Promise.resolve();
      },
    },
    offsetFlushIntervalMs: 20,
    offsetFlushTimeoutMs: 200,
    onState: (s) => states.push(s),
    log: createLogger("test", { level: "error", sink: () => {} }),
  });
  return { task, producer, written, states, runner };
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Cannot see ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const committed = (written: PartitionOffset[][]) =>
  written.flat().map((o) => `${o.partition.filename}@${o.offset.position}`);

Deno.test("an offset is committed only after its batch and every earlier one are acknowledged", async () => {
  const { task, producer, written, runner } = setup();
  task.batches.push([line("a", "1", 2), line("a", "2", 4)], [line("a", "3", 6)]);
  runner.start();
  await until(() => producer.pending.length === 2, "two sends");
  producer.pending[1].ack();
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(committed(written), [], "the later batch alone commits nothing");
  producer.pending[0].ack();
  await until(() => committed(written).length > 0, "a commit");
  assert.deepEqual(committed(written), ["a@6"]);
  await runner.stop();
  assert.equal(task.stopped, true);
});

Deno.test("a stop waits for acknowledgements and commits everything acknowledged", async () => {
  const { task, producer, written, states, runner } = setup();
  task.batches.push([line("a", "1", 2)], [line("b", "x", 9)]);
  runner.start();
  await until(() => producer.pending.length === 2, "two sends");
  const stopping = runner.stop();
  producer.pending[0].ack();
  producer.pending[1].ack();
  await stopping;
  assert.deepEqual(committed(written).sort(), ["a@2", "b@9"]);
  assert.equal(states.at(-1), "UNASSIGNED");
});

Deno.test("a stop commits nothing unacknowledged: those records are sent again later", async () => {
  const { task, producer, written, runner } = setup();
  task.batches.push([line("a", "1", 2)], [line("a", "2", 4)]);
  runner.start();
  await until(() => producer.pending.length === 2, "two sends");
  producer.pending[0].ack();
  await runner.stop(); // the second send never completes within the flush timeout
  assert.deepEqual(committed(written), ["a@2"]);
});

Deno.test("a failed send fails the task and commits nothing past it", async () => {
  const { task, producer, written, states, runner } = setup();
  task.batches.push([line("a", "1", 2)], [line("a", "2", 4)]);
  runner.start();
  await until(() => producer.pending.length === 2, "two sends");
  producer.pending[0].fail(new Error("broker down"));
  producer.pending[1].ack();
  await until(() => states.includes("FAILED"), "FAILED");
  await runner.stop();
  assert.deepEqual(committed(written), [], "a@4 must wait for a@2, which was never acknowledged");
  assert.match(String(runner.failure), /broker down/);
});

Deno.test("sends skip per-record metadata unless the task overrides commitRecord", async () => {
  const plain = setup();
  plain.task.batches.push([line("a", "1", 2)]);
  plain.runner.start();
  await until(() => plain.producer.pending.length === 1, "a send");
  assert.equal(plain.producer.pending[0].delivered, true);
  plain.producer.pending[0].ack();
  await plain.runner.stop();
  assert.deepEqual(committed(plain.written), ["a@2"]);

  const committing = setup(new CommittingTask());
  const task = committing.task as CommittingTask;
  task.batches.push([line("a", "1", 2), line("a", "2", 4)]);
  committing.runner.start();
  await until(() => committing.producer.pending.length === 1, "a send");
  assert.equal(committing.producer.pending[0].delivered, undefined);
  committing.producer.pending[0].ack();
  await until(() => task.committed.length === 2, "commitRecord twice");
  await committing.runner.stop();
  // A throwing commitRecord is logged; the task and its offsets go on.
  assert.deepEqual(task.committed, ["1@0", "2@1"]);
  assert.deepEqual(committed(committing.written), ["a@4"]);
  assert.equal(committing.states.includes("FAILED"), false);
});

Deno.test("pause aborts a pending poll and resume continues", async () => {
  const { task, producer, states, runner } = setup();
  runner.start();
  await until(() => states.includes("RUNNING"), "RUNNING");
  runner.pause();
  task.batches.push([line("a", "1", 2)]);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(producer.pending.length, 0, "nothing is polled while paused");
  runner.resume();
  await until(() => producer.pending.length === 1, "the send after resume");
  producer.pending[0].ack();
  await runner.stop();
  assert.deepEqual(states.slice(0, 3), ["RUNNING", "PAUSED", "RUNNING"]);
});
