import assert from "node:assert/strict";
import { delay } from "./delay.ts";
import { ConnectError } from "./errors.ts";
import type { SourceRecord } from "./record.ts";
import { SourceTask } from "./source_task.ts";
import { MemorySourceTaskContext } from "./test_contexts.ts";

class CounterTask extends SourceTask {
  next = 0;
  version() {
    return "1.0";
  }
  start() {
    const stored = this.context.offsetStorageReader.offset({ counter: "main" });
    this.next = Number(stored?.next ?? 0);
  }
  async poll(signal?: AbortSignal): Promise<SourceRecord[] | null> {
    await delay(10_000, signal);
    if (signal?.aborted) return null;
    return [];
  }
  stop() {}
}

Deno.test("a source task resumes from the offset storage reader", () => {
  const task = new CounterTask();
  task.initialize(
    new MemorySourceTaskContext({
      offsets: [{ partition: { counter: "main" }, offset: { next: 41 } }],
    }),
  );
  task.start();
  assert.equal(task.next, 41);
});

Deno.test("poll returns promptly once its signal aborts", async () => {
  const task = new CounterTask();
  const controller = new AbortController();
  const started = performance.now();
  const polling = task.poll(controller.signal);
  controller.abort();
  assert.equal(await polling, null);
  assert.ok(performance.now() - started < 500);
});

Deno.test("commit and commitRecord are optional no-ops", async () => {
  const task = new CounterTask();
  await task.commit();
  await task.commitRecord(
    {
      sourcePartition: {},
      sourceOffset: {},
      topic: "t",
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: null,
      value: null,
      timestamp: null,
      headers: [],
    },
    null,
  );
});

Deno.test("the context throws before initialize", () => {
  assert.throws(() => new CounterTask().start(), ConnectError);
});
