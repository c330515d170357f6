import assert from "node:assert/strict";
import { ClusterState } from "./cluster_state.ts";
import { compact, createMemoryControlLog, MemoryControlTopic } from "./memory_control_log.ts";
import { encodeControlRecord } from "./records.ts";

const connector = (name: string, incarnation = "c1") =>
  encodeControlRecord({
    type: "connector",
    name,
    value: { incarnation, type: "source", class: "C", config: { name } },
  });

Deno.test("records are stamped with offsets and the injected LogAppendTime clock", () => {
  let now = 500;
  const topic = new MemoryControlTopic({ now: () => now });
  assert.equal(topic.appendNow([connector("a"), connector("b")]), 1n);
  now = 800;
  assert.equal(topic.appendNow([{ key: "connector/a", value: null }]), 2n);
  assert.deepEqual(topic.records().map((r) => [r.offset, r.timestamp, r.key]), [
    [0n, 500, "connector/a"],
    [1n, 500, "connector/b"],
    [2n, 800, "connector/a"],
  ]);
  assert.equal(topic.endOffset, 3n);
  assert.throws(
    () => topic.appendNow([]),
    /^Error: Cannot append control records: the batch is empty$/,
  );
});

Deno.test("append resolves before the fold; waitForOffset reads your own write", async () => {
  const topic = new MemoryControlTopic({ now: () => 1 });
  const w1 = topic.open();
  const w2 = topic.open();
  const offset = await w1.append([connector("fs")]);
  assert.equal(offset, 0n);
  assert.deepEqual(w1.state().connectorNames(), [], "not folded yet, as with Kafka");
  await w1.waitForOffset(offset);
  await w2.waitForOffset(offset);
  assert.deepEqual(w1.state().connectorNames(), ["fs"]);
  assert.deepEqual(w2.state().connectorNames(), ["fs"]);
  await w1.close();
  await w2.close();
});

Deno.test("listeners hear each folded batch with its keys", async () => {
  const log = createMemoryControlLog({ now: () => 1 });
  const heard: [bigint, readonly string[]][] = [];
  const off = log.onChange((c) => heard.push([c.offset, c.keys]));
  const last = await log.append([connector("a"), connector("b")]);
  await log.waitForOffset(last);
  off();
  await log.waitForOffset(await log.append([connector("c")]));
  assert.deepEqual(heard, [[1n, ["connector/a", "connector/b"]]]);
  await log.close();
});

Deno.test("manual mode folds only on flush", async () => {
  const log = createMemoryControlLog({ manual: true, now: () => 1 });
  await log.append([connector("a")]);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(log.state().offset, -1n);
  assert.equal(log.flush(), 1);
  assert.equal(log.state().offset, 0n);
  assert.equal(log.flush(), 0);
  await log.close();
});

Deno.test("a worker opening later folds the existing log at once", async () => {
  const topic = new MemoryControlTopic({ now: () => 1 });
  topic.appendNow([connector("a"), connector("b")]);
  const log = topic.open();
  assert.deepEqual(log.state().connectorNames(), ["a", "b"]);
  await log.close();
});

Deno.test("compaction keeps the latest record per key, and a new reader agrees", async () => {
  let now = 0;
  const topic = new MemoryControlTopic({ now: () => (now += 10) });
  const old = topic.open({ manual: true });
  topic.appendNow([connector("a", "c1")]);
  topic.appendNow([connector("a", "c2")]);
  topic.appendNow([connector("b")]);
  topic.appendNow([{ key: "connector/b", value: null }]);
  topic.appendNow([connector("c")]);
  old.flush();
  topic.compact({ dropTombstones: false });
  assert.deepEqual(topic.records().map((r) => r.offset), [1n, 3n, 4n]);
  topic.compact();
  assert.deepEqual(topic.records().map((r) => r.offset), [1n, 4n]);
  const fresh = topic.open();
  assert.deepEqual(fresh.state().connectorNames(), old.state().connectorNames());
  assert.equal(fresh.state().connector("a")!.incarnation, "c2");
  await old.close();
  await fresh.close();
});

Deno.test("compact() leaves records at and above the first uncleanable offset alone", () => {
  const r = (offset: bigint, key: string, value: Uint8Array | null = new Uint8Array([1])) => ({
    offset,
    timestamp: Number(offset),
    key,
    value,
  });
  const records = [r(0n, "a"), r(1n, "b", null), r(2n, "a"), r(3n, "a"), r(4n, "b")];
  assert.deepEqual(compact(records, { before: 2n }).map((x) => x.offset), [0n, 2n, 3n, 4n]);
  assert.deepEqual(compact(records).map((x) => x.offset), [3n, 4n]);
  assert.deepEqual(compact([]), []);
  const state = new ClusterState();
  assert.equal(state.applyAll(compact(records)), 2);
});

Deno.test("failing appends reject with a Cannot message, then recover", async () => {
  const log = createMemoryControlLog({ now: () => 1 });
  log.topic.failAppends(new Error("NOT_ENOUGH_REPLICAS"));
  await assert.rejects(
    log.append([connector("a")]),
    /^Error: Cannot append control records: NOT_ENOUGH_REPLICAS$/,
  );
  log.topic.failAppends(undefined);
  assert.equal(await log.append([connector("a")]), 0n);
  await log.close();
});

Deno.test("close rejects pending waits and later appends, and is idempotent", async () => {
  const log = createMemoryControlLog({ now: () => 1 });
  const waiting = log.waitForOffset(10n);
  await log.close();
  await log.close();
  await assert.rejects(waiting, /Cannot wait for control offset 10: the control log is closed/);
  await assert.rejects(
    log.append([connector("a")]),
    /Cannot append control records: the control log is closed/,
  );
  log.topic.appendNow([connector("a")]);
  assert.equal(log.state().offset, -1n, "a closed log stops following the topic");
});

Deno.test("unreadable records reach the onUnreadable option", async () => {
  const seen: string[] = [];
  const log = createMemoryControlLog({ now: () => 1, onUnreadable: (u) => seen.push(u.key) });
  const offset = await log.append([{ key: "connector/x", value: new Uint8Array([1, 2, 3]) }]);
  await log.waitForOffset(offset);
  assert.deepEqual(seen, ["connector/x"]);
  await log.close();
});
