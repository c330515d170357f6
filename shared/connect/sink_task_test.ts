import assert from "node:assert/strict";
import { ConnectError } from "./errors.ts";
import type { SinkRecord } from "./record.ts";
import { SinkTask } from "./sink_task.ts";
import { MemorySinkTaskContext } from "./test_contexts.ts";
import { topicPartitionOffsets } from "./topic_partition.ts";

class BufferingTask extends SinkTask {
  buffer: unknown[] = [];
  written: unknown[] = [];
  flushes = 0;
  version() {
    return "1.0";
  }
  start() {}
  put(records: readonly SinkRecord[]) {
    this.buffer.push(...records.map((r) => r.value));
  }
  override flush() {
    this.flushes++;
    this.written.push(...this.buffer);
    this.buffer = [];
  }
  stop() {}
  rewind() {
    for (const tp of this.context.assignment()) this.context.offset(tp, 0n);
  }
}

Deno.test("preCommit defaults to flush, then returns the offsets", async () => {
  const task = new BufferingTask();
  await task.put([{
    topic: "t",
    kafkaPartition: 0,
    kafkaOffset: 0n,
    timestampType: "CreateTime",
    keySchema: null,
    key: null,
    valueSchema: null,
    value: "a",
    timestamp: 1,
    headers: [],
  }]);
  const offsets = topicPartitionOffsets([{ topic: "t", partition: 0, offset: 1n }]);
  assert.equal(await task.preCommit(offsets), offsets);
  assert.equal(task.flushes, 1);
  assert.deepEqual(task.written, ["a"]);
});

Deno.test("open, close and flush are optional no-ops in the base", async () => {
  class Minimal extends SinkTask {
    version() {
      return "1";
    }
    start() {}
    put() {}
    stop() {}
  }
  const task = new Minimal();
  await task.open([{ topic: "t", partition: 0 }]);
  await task.flush(new Map());
  await task.close([{ topic: "t", partition: 0 }]);
  assert.equal((await task.preCommit(new Map())).size, 0);
});

Deno.test("the context reaches the worker after initialize", () => {
  const task = new BufferingTask();
  assert.throws(() => task.rewind(), ConnectError);
  const context = new MemorySinkTaskContext({ assignment: [{ topic: "t", partition: 2 }] });
  task.initialize(context);
  task.rewind();
  assert.equal(context.rewinds.get("t-2"), 0n);
});
