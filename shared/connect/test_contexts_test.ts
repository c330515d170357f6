import assert from "node:assert/strict";
import {
  MemoryConnectorContext,
  MemoryOffsetStorageReader,
  MemorySinkTaskContext,
  MemorySourceTaskContext,
} from "./test_contexts.ts";

Deno.test("MemoryConnectorContext records requests and errors", () => {
  const context = new MemoryConnectorContext();
  assert.deepEqual(context.allowedFileDirs, []);
  context.requestTaskReconfiguration();
  context.requestTaskReconfiguration();
  const err = new Error("x");
  context.raiseError(err);
  assert.equal(context.reconfigurationRequests, 2);
  assert.deepEqual(context.raisedErrors, [err]);
});

Deno.test("MemoryOffsetStorageReader compares partitions by value", () => {
  const reader = new MemoryOffsetStorageReader([
    { partition: { a: 1, b: "x" }, offset: { position: 3 } },
  ]);
  assert.deepEqual(reader.offset({ b: "x", a: 1 }), { position: 3 });
  assert.equal(reader.offset({ a: 1 }), null);
  const p1 = { a: 1, b: "x" };
  const p2 = { a: 2 };
  const offsets = reader.offsets([p1, p2]);
  assert.deepEqual(offsets.get(p1), { position: 3 });
  assert.equal(offsets.get(p2), null);
});

Deno.test("MemorySourceTaskContext serves configs and offsets", () => {
  const context = new MemorySourceTaskContext({
    configs: { topic: "t" },
    offsets: [{ partition: { f: "a" }, offset: { p: 1 } }],
    allowedFileDirs: ["/d"],
  });
  assert.deepEqual(context.configs(), { topic: "t" });
  assert.deepEqual(context.offsetStorageReader.offset({ f: "a" }), { p: 1 });
  assert.deepEqual(context.allowedFileDirs, ["/d"]);
  assert.deepEqual(new MemorySourceTaskContext().configs(), {});
});

Deno.test("MemorySinkTaskContext records what the task asked for", () => {
  const tp = { topic: "t", partition: 0 };
  const context = new MemorySinkTaskContext({ assignment: [tp], configs: { topics: "t" } });
  assert.deepEqual(context.assignment(), [tp]);
  assert.deepEqual(context.configs(), { topics: "t" });
  context.pause([tp]);
  assert.ok(context.paused.has("t-0"));
  context.resume([tp]);
  assert.equal(context.paused.size, 0);
  context.offset(tp, 7n);
  assert.equal(context.rewinds.get("t-0"), 7n);
  context.requestCommit();
  assert.equal(context.commitRequests, 1);
  context.timeout(500);
  assert.equal(context.timeoutMs, 500);
});
