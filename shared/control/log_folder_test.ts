import assert from "node:assert/strict";
import { ClusterState, type LogRecord } from "./cluster_state.ts";
import type { ControlChange } from "./control_log.ts";
import { LogFolder } from "./log_folder.ts";

const record = (offset: bigint, key = "connector/x"): LogRecord => ({
  offset,
  timestamp: 1_000 + Number(offset),
  key,
  value: null,
});

Deno.test("a batch is folded, then listeners hear it once, then waiters wake", async () => {
  const folder = new LogFolder(new ClusterState());
  const events: string[] = [];
  const changes: ControlChange[] = [];
  folder.onChange((change) => {
    changes.push(change);
    events.push(`listener@${change.offset}`);
  });
  const waited = folder.waitForOffset(2n).then(() => events.push("waiter"));
  folder.deliver([record(0n), record(1n, "tasks/x"), record(2n)]);
  await waited;
  assert.deepEqual(events, ["listener@2", "waiter"]);
  assert.equal(changes.length, 1);
  assert.deepEqual(changes[0].keys, ["connector/x", "tasks/x", "connector/x"]);
  assert.equal(changes[0].state, folder.state);
  folder.close();
});

Deno.test("redelivered records neither notify nor move the offset", () => {
  const folder = new LogFolder(new ClusterState());
  let calls = 0;
  folder.onChange(() => calls++);
  folder.deliver([record(0n), record(1n)]);
  folder.deliver([record(0n), record(1n)]);
  folder.deliver([]);
  assert.equal(calls, 1);
  assert.equal(folder.state.offset, 1n);
  folder.close();
});

Deno.test("waitForOffset resolves at once for a folded offset, only when reached otherwise", async () => {
  const folder = new LogFolder(new ClusterState());
  folder.deliver([record(0n)]);
  await folder.waitForOffset(0n);
  await folder.waitForOffset(-1n);
  let done = false;
  const pending = folder.waitForOffset(3n).then(() => (done = true));
  folder.deliver([record(1n), record(2n)]);
  await Promise.resolve();
  assert.equal(done, false);
  folder.deliver([record(3n)]);
  await pending;
  assert.equal(done, true);
  folder.close();
});

Deno.test("an abort or a close rejects the wait with a Cannot message", async () => {
  const folder = new LogFolder(new ClusterState());
  const controller = new AbortController();
  const aborted = folder.waitForOffset(5n, controller.signal);
  controller.abort(new Error("request timed out"));
  await assert.rejects(aborted, /^Error: Cannot wait for control offset 5: request timed out$/);
  await assert.rejects(
    folder.waitForOffset(5n, AbortSignal.abort()),
    /Cannot wait for control offset 5/,
  );
  const closing = folder.waitForOffset(9n);
  folder.close();
  await assert.rejects(closing, /Cannot wait for control offset 9: the control log is closed/);
  await assert.rejects(folder.waitForOffset(0n), /the control log is closed/);
  assert.equal(folder.closed, true);
  folder.deliver([record(0n)]);
  assert.equal(folder.state.offset, -1n, "nothing is folded after close");
});

Deno.test("a throwing listener is reported and the others still run", () => {
  const errors: Error[] = [];
  const folder = new LogFolder(new ClusterState(), (e) => errors.push(e));
  let second = 0;
  folder.onChange(() => {
    throw new Error("listener bug");
  });
  const off = folder.onChange(() => second++);
  folder.deliver([record(0n)]);
  assert.equal(second, 1);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /^Cannot notify a control log listener: listener bug$/);
  assert.ok(errors[0].cause instanceof Error);
  off();
  folder.deliver([record(1n)]);
  assert.equal(second, 1, "removed listeners are not called");
  folder.close();
});
