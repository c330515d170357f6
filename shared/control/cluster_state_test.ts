import assert from "node:assert/strict";
import type { ConnectorConfig, State } from "../runtime/herder.ts";
import { taskKey, toWorkSet } from "./assignment.ts";
import { ClusterState, type LogRecord, type UnreadableRecord } from "./cluster_state.ts";
import { compact } from "./memory_control_log.ts";
import {
  configHash,
  type ControlRecord,
  encodeControlRecord,
  type WorkerKind,
  type WorkSet,
} from "./records.ts";

/** Builds a control-topic log as a broker would stamp it. */
class LogBuilder {
  readonly records: LogRecord[] = [];
  now = 1_000_000;

  raw(key: string, value: Uint8Array | null, advanceMs = 10): LogRecord {
    this.now += advanceMs;
    const r = { offset: BigInt(this.records.length), timestamp: this.now, key, value };
    this.records.push(r);
    return r;
  }

  add(record: ControlRecord, advanceMs = 10): LogRecord {
    const { key, value } = encodeControlRecord(record);
    return this.raw(key, value, advanceMs);
  }

  connector(
    name: string,
    incarnation: string,
    config: ConnectorConfig = {},
    type: WorkerKind = "source",
  ) {
    return this.add({
      type: "connector",
      name,
      value: { incarnation, type, class: `${type}Class`, config: { name, ...config } },
    });
  }

  deleteConnector(name: string) {
    return this.add({ type: "connector", name, value: null });
  }

  target(name: string, incarnation: string, state: "RUNNING" | "PAUSED" | "STOPPED") {
    return this.add({ type: "target-state", name, value: { incarnation, state } });
  }

  tasks(
    name: string,
    incarnation: string,
    count: number,
    generation = 1,
    config?: ConnectorConfig,
  ) {
    return this.add({
      type: "tasks",
      name,
      value: {
        incarnation,
        generation,
        configHash: config ? configHash(config) : "unknown",
        configs: Array.from({ length: count }, (_, i) => ({ "task.class": "T", i: String(i) })),
      },
    });
  }

  heartbeat(
    id: string,
    options: {
      kind?: WorkerKind;
      assigned?: WorkSet;
      at?: bigint;
      running?: WorkSet;
      timeoutMs?: number;
      advanceMs?: number;
    } = {},
  ) {
    const kind = options.kind ?? "source";
    const assigned = options.assigned ?? { connectors: [], tasks: [] };
    return this.add({
      type: "member",
      kind,
      id,
      value: {
        kind,
        url: `http://${id}`,
        startedAt: 1,
        incarnation: `${id}-1`,
        sessionTimeoutMs: options.timeoutMs ?? 10_000,
        assigned,
        assignedAt: options.at ?? -1n,
        running: options.running ?? assigned,
      },
    }, options.advanceMs ?? 10);
  }

  leave(id: string, kind: WorkerKind = "source") {
    return this.add({ type: "member", kind, id, value: null });
  }

  status(name: string, incarnation: string, state: State, workerId: string, task?: number) {
    return this.add({
      type: "status",
      name,
      ...(task === undefined ? {} : { task }),
      value: { incarnation, state, workerId, generation: 1 },
    });
  }

  fold(options?: { onUnreadable?: (u: UnreadableRecord) => void }): ClusterState {
    const state = new ClusterState(options);
    state.applyAll(this.records);
    return state;
  }
}

Deno.test("creating a connector: config, type, class, default target state", () => {
  const log = new LogBuilder();
  log.connector("fs", "c1", { file: "/in" });
  log.connector("snk", "c2", {}, "sink");
  const state = log.fold();
  assert.equal(state.offset, 1n);
  assert.equal(state.clock, log.now);
  assert.deepEqual(state.connectorNames(), ["fs", "snk"]);
  const fs = state.connector("fs")!;
  assert.equal(fs.type, "source");
  assert.equal(fs.class, "sourceClass");
  assert.equal(fs.incarnation, "c1");
  assert.equal(fs.targetState, "RUNNING");
  assert.deepEqual(fs.config, { name: "fs", file: "/in" });
  assert.deepEqual(state.connectorsOfKind("sink").map((c) => c.name), ["snk"]);
  assert.deepEqual(state.connectorInfo("fs"), {
    name: "fs",
    config: { name: "fs", file: "/in" },
    tasks: [],
    type: "source",
  });
  assert.equal(state.connector("nope"), undefined);
  assert.equal(state.stateInfo("nope"), undefined);
});

Deno.test("task configs: generations, staleness against the config, task ids", () => {
  const log = new LogBuilder();
  const config = { name: "fs", file: "/in" };
  log.connector("fs", "c1", { file: "/in" });
  log.tasks("fs", "c1", 2, 1, config);
  let state = log.fold();
  assert.deepEqual(state.taskIds("fs"), [{ connector: "fs", task: 0 }, {
    connector: "fs",
    task: 1,
  }]);
  assert.equal(state.taskConfigs("fs")!.generation, 1);
  assert.equal(state.taskConfigs("fs")!.stale, false);
  assert.equal(state.nextTaskGeneration("fs"), 2);

  log.connector("fs", "c1", { file: "/other" });
  state = log.fold();
  assert.equal(state.taskConfigs("fs")!.stale, true, "config changed since generation");
  assert.equal(state.taskIds("fs").length, 2, "old tasks keep running until regenerated");

  log.tasks("fs", "c1", 3, 2, { name: "fs", file: "/other" });
  state = log.fold();
  assert.equal(state.taskConfigs("fs")!.generation, 2);
  assert.equal(state.taskConfigs("fs")!.stale, false);
  assert.equal(state.taskIds("fs").length, 3);
  assert.equal(state.nextTaskGeneration("fs"), 3);
  assert.equal(state.nextTaskGeneration("new"), 1);
});

Deno.test("pause and stop: target state, work, task ids, derived status", () => {
  const log = new LogBuilder();
  log.heartbeat("w1");
  log.connector("fs", "c1");
  log.tasks("fs", "c1", 2);
  log.target("fs", "c1", "PAUSED");
  let state = log.fold();
  assert.equal(state.connector("fs")!.targetState, "PAUSED");
  assert.deepEqual(state.work("source").connectors, ["fs"], "paused connectors stay assigned");
  assert.equal(state.work("source").tasks.length, 2);

  log.status("fs", "c1", "RUNNING", "w1");
  log.target("fs", "c1", "STOPPED");
  state = log.fold();
  assert.equal(state.targetState("fs"), "STOPPED");
  assert.deepEqual(state.work("source"), { connectors: [], tasks: [] });
  assert.deepEqual(state.taskIds("fs"), []);
  assert.deepEqual(state.connectorInfo("fs")!.tasks, []);
  assert.deepEqual(state.assignmentFor("source", "w1").connectors, new Set());
  assert.deepEqual(state.stateInfo("fs"), {
    name: "fs",
    connector: { state: "STOPPED", worker_id: "w1" },
    tasks: [],
    type: "source",
  });

  log.target("fs", "c1", "RUNNING");
  state = log.fold();
  assert.equal(state.work("source").tasks.length, 2);
});

Deno.test("deleting a connector clears everything of it; stale records do not resurrect it", () => {
  const log = new LogBuilder();
  log.heartbeat("w1");
  log.connector("fs", "c1");
  log.target("fs", "c1", "PAUSED");
  log.tasks("fs", "c1", 2);
  log.status("fs", "c1", "RUNNING", "w1");
  log.status("fs", "c1", "RUNNING", "w1", 0);
  log.add({
    type: "restart",
    name: "fs",
    value: { incarnation: "c1", requestId: "r1", includeTasks: true, onlyFailed: false },
  });
  log.deleteConnector("fs");
  // A task that had not yet seen the delete reports on the old connector:
  log.status("fs", "c1", "FAILED", "w1", 1);
  log.target("fs", "c1", "RUNNING");
  log.tasks("fs", "c1", 5, 2);
  const state = log.fold();
  assert.deepEqual(state.connectorNames(), []);
  assert.equal(state.connector("fs"), undefined);
  assert.equal(state.taskConfigs("fs"), undefined);
  assert.equal(state.status("fs"), undefined);
  assert.equal(state.restartRequest("fs"), undefined);
  assert.deepEqual(state.work("source"), { connectors: [], tasks: [] });
  assert.deepEqual(state.orphanKeys(), [
    "target-state/fs",
    "tasks/fs",
    "restart/fs",
    "status/fs",
    "status/fs/0",
    "status/fs/1",
  ]);
});

Deno.test("a connector re-created under the same name inherits nothing", () => {
  const log = new LogBuilder();
  log.connector("fs", "c1");
  log.target("fs", "c1", "STOPPED");
  log.tasks("fs", "c1", 4, 7);
  log.status("fs", "c1", "FAILED", "w1");
  log.deleteConnector("fs");
  log.connector("fs", "c2");
  let state = log.fold();
  const fs = state.connector("fs")!;
  assert.equal(fs.incarnation, "c2");
  assert.equal(fs.targetState, "RUNNING");
  assert.equal(state.taskConfigs("fs"), undefined);
  assert.equal(state.nextTaskGeneration("fs"), 1);
  assert.equal(state.status("fs")!.connector, undefined);
  assert.equal(state.stateInfo("fs")!.connector.state, "UNASSIGNED");

  // Even without the tombstone in between (it was compacted away, or a
  // create raced a delete), a new incarnation hides the old dependents.
  const raced = new LogBuilder();
  raced.connector("fs", "c1");
  raced.tasks("fs", "c1", 4);
  raced.connector("fs", "c2");
  state = raced.fold();
  assert.equal(state.taskConfigs("fs"), undefined);
  assert.deepEqual(state.deletionRecords("fs"), [
    { key: "connector/fs", value: null },
    { key: "tasks/fs", value: null },
  ]);
});

Deno.test("heartbeats expire by the log clock, not the wall clock; a tombstone leaves at once", () => {
  const log = new LogBuilder();
  log.heartbeat("w1", { timeoutMs: 1_000 });
  log.heartbeat("w2", { timeoutMs: 5_000 });
  let state = log.fold();
  assert.deepEqual(state.liveMembers("source"), ["w1", "w2"]);

  log.heartbeat("w2", { timeoutMs: 5_000, advanceMs: 990 }); // w1 last seen 1000 ms ago
  state = log.fold();
  assert.deepEqual(state.liveMembers("source"), ["w1", "w2"], "exactly the timeout: still live");
  const w1 = state.member("source", "w1")!;
  assert.equal(w1.expiresAt, w1.lastHeartbeat + 1_000);

  log.heartbeat("w2", { timeoutMs: 5_000, advanceMs: 1 });
  state = log.fold();
  assert.deepEqual(state.liveMembers("source"), ["w2"]);
  assert.equal(state.member("source", "w1")!.live, false);
  assert.deepEqual(state.members("source").map((m) => m.id), ["w1", "w2"]);

  log.heartbeat("w1", { timeoutMs: 1_000 });
  state = log.fold();
  assert.deepEqual(state.liveMembers("source"), ["w1", "w2"], "a late heartbeat revives");

  log.leave("w2");
  state = log.fold();
  assert.deepEqual(state.liveMembers("source"), ["w1"]);
  assert.equal(state.member("source", "w2"), undefined);
  assert.deepEqual(state.liveMembers("sink"), []);
});

Deno.test("members of the two kinds are separate, and assignment is per kind", () => {
  const log = new LogBuilder();
  log.heartbeat("w", { kind: "source" });
  log.heartbeat("w", { kind: "sink" });
  log.heartbeat("s2", { kind: "sink" });
  log.connector("src", "c1");
  log.tasks("src", "c1", 2);
  log.connector("snk", "c2", {}, "sink");
  log.tasks("snk", "c2", 2);
  const state = log.fold();
  assert.deepEqual(state.liveMembers("sink"), ["s2", "w"]);
  assert.deepEqual([...state.assignmentFor("source", "w").tasks], ["src/0", "src/1"]);
  const sinkTasks = [
    ...state.assignmentFor("sink", "w").tasks,
    ...state.assignmentFor("sink", "s2").tasks,
  ].sort();
  assert.deepEqual(sinkTasks, ["snk/0", "snk/1"]);
  assert.equal(state.assignmentFor("sink", "w").tasks.size, 1);
  assert.equal(state.connectorOwner("snk") !== undefined, true);
  assert.equal(state.assignmentFor("source", "nobody").tasks.size, 0);
});

Deno.test("garbage and newer-version records are reported, skipped, and make their key absent", () => {
  const log = new LogBuilder();
  log.connector("fs", "c1");
  log.connector("keep", "k1");
  log.raw("connector/fs", new TextEncoder().encode('{"v":2,"whatever":true}'));
  log.raw("connector/keep", new TextEncoder().encode("}{ garbage"));
  log.raw("no-such-type/x", new TextEncoder().encode("{}"));
  log.raw("connector/a/b", null);
  log.raw("member/source/w1", new Uint8Array([0xff]));
  log.connector("after", "a1");
  const reported: UnreadableRecord[] = [];
  const state = log.fold({
    onUnreadable: (u) => {
      reported.push(u);
      throw new Error("a throwing reporter must not break the fold");
    },
  });
  assert.equal(state.offset, 7n);
  assert.deepEqual(reported.map((u) => [u.offset, u.error.problem]), [
    [2n, "unsupported-version"],
    [3n, "malformed-value"],
    [4n, "unknown-key"],
    [5n, "malformed-key"],
    [6n, "malformed-value"],
  ]);
  assert.match(reported[0].error.message, /^Cannot decode control record connector\/fs: version 2/);
  // The readable records around them are folded; the unreadable keys count as absent.
  assert.deepEqual(state.connectorNames(), ["after"]);
  assert.deepEqual(state.unreadable().map((u) => u.key), [
    "connector/a/b",
    "connector/fs",
    "connector/keep",
    "member/source/w1",
  ]);

  log.connector("fs", "c9");
  const later = log.fold();
  assert.equal(later.connector("fs")!.incarnation, "c9");
  assert.ok(!later.unreadable().some((u) => u.key === "connector/fs"));
});

Deno.test("apply ignores redelivered offsets and never throws", () => {
  const log = new LogBuilder();
  log.connector("fs", "c1");
  const state = log.fold();
  assert.equal(state.apply({ ...log.records[0], key: "connector/other" }), false);
  assert.deepEqual(state.connectorNames(), ["fs"]);
  assert.equal(
    state.apply({ offset: 10n, timestamp: Number.NaN, key: "", value: new Uint8Array() }),
    true,
  );
  assert.equal(state.offset, 10n);
  assert.equal(state.clock, log.now, "a bad timestamp does not move the clock");
});

Deno.test("assignment follows heartbeat claims: join, leave, scale-up 1 -> 3", () => {
  const log = new LogBuilder();
  log.connector("a", "c1");
  log.tasks("a", "c1", 6);
  log.heartbeat("w1");
  let state = log.fold();
  assert.equal(state.assignmentFor("source", "w1").tasks.size, 6);

  const claim = (id: string) => {
    const at = state.offset;
    log.heartbeat(id, { assigned: toWorkSet(state.assignmentFor("source", id)), at });
    state = log.fold();
  };
  claim("w1");
  log.heartbeat("w2");
  state = log.fold();
  const afterJoin = state.assignment("source");
  assert.equal(afterJoin.get("w1")!.tasks.size, 3);
  assert.equal(afterJoin.get("w2")!.tasks.size, 3);
  claim("w2");
  claim("w1");
  assert.deepEqual(state.assignment("source"), afterJoin, "claims of the new assignment keep it");

  log.heartbeat("w3");
  state = log.fold();
  const three = state.assignment("source");
  assert.deepEqual([...three.values()].map((a) => a.tasks.size), [2, 2, 2]);
  for (const id of ["w1", "w2"]) {
    for (const t of three.get(id)!.tasks) assert.ok(afterJoin.get(id)!.tasks.has(t));
  }
  claim("w3");
  claim("w1");
  claim("w2");
  assert.deepEqual(state.assignment("source"), three);

  log.leave("w2");
  state = log.fold();
  const two = state.assignment("source");
  for (const id of ["w1", "w3"]) {
    for (const t of three.get(id)!.tasks) assert.ok(two.get(id)!.tasks.has(t), "survivors keep");
  }
  assert.equal(state.taskOwner({ connector: "a", task: 0 }) !== undefined, true);
});

Deno.test("handoff: a new owner waits while the old one still runs the unit", () => {
  const log = new LogBuilder();
  log.connector("a", "c1");
  log.tasks("a", "c1", 2);
  const both = {
    connectors: ["a"],
    tasks: [{ connector: "a", task: 0 }, { connector: "a", task: 1 }],
  };
  log.heartbeat("w1", { assigned: both, at: 2n });
  log.heartbeat("w2");
  let state = log.fold();
  const moving = [...state.assignmentFor("source", "w2").tasks];
  assert.equal(moving.length, 1);
  assert.deepEqual(state.handoffPending("source", "w2").tasks.map(taskKey), moving);
  // w1 has folded the new assignment and stopped the moving task:
  const w1 = state.assignmentFor("source", "w1");
  log.heartbeat("w1", { assigned: toWorkSet(w1), at: state.offset });
  state = log.fold();
  assert.deepEqual(state.handoffPending("source", "w2"), { connectors: [], tasks: [] });
});

Deno.test("derived status: no status yet, dead reporter, failed task", () => {
  const log = new LogBuilder();
  log.heartbeat("w1", { timeoutMs: 1_000 });
  log.heartbeat("w2", { timeoutMs: 60_000 });
  log.connector("fs", "c1");
  log.tasks("fs", "c1", 3);
  let state = log.fold();
  let info = state.stateInfo("fs")!;
  assert.equal(info.connector.state, "UNASSIGNED");
  assert.equal(info.connector.worker_id, state.connectorOwner("fs"));
  assert.deepEqual(info.tasks.map((t) => t.id), [0, 1, 2]);

  log.status("fs", "c1", "RUNNING", "w1");
  log.status("fs", "c1", "RUNNING", "w1", 0);
  log.add({
    type: "status",
    name: "fs",
    task: 1,
    value: { incarnation: "c1", state: "FAILED", workerId: "w1", trace: "boom", generation: 1 },
  });
  log.status("fs", "c1", "RUNNING", "w2", 2);
  log.status("fs", "c1", "RUNNING", "w2", 7); // no such task any more
  state = log.fold();
  info = state.stateInfo("fs")!;
  assert.deepEqual(info.connector, { state: "RUNNING", worker_id: "w1" });
  assert.deepEqual(info.tasks[1], { id: 1, state: "FAILED", worker_id: "w1", trace: "boom" });
  assert.deepEqual([...state.status("fs")!.tasks.keys()], [0, 1, 2]);

  log.heartbeat("w2", { timeoutMs: 60_000, advanceMs: 5_000 }); // w1's lease lapses
  state = log.fold();
  info = state.stateInfo("fs")!;
  assert.equal(info.connector.state, "UNASSIGNED");
  assert.equal(info.connector.worker_id, "w2", "shows where it is going");
  assert.equal(info.tasks[0].state, "UNASSIGNED");
  assert.equal(info.tasks[1].state, "FAILED", "a failure stays visible");
  assert.equal(info.tasks[2].state, "RUNNING");
  assert.equal(state.taskStatus("fs", 0)!.workerLive, false);
});

Deno.test("restart requests belong to the connector incarnation", () => {
  const log = new LogBuilder();
  log.connector("fs", "c1");
  const r = log.add({
    type: "restart",
    name: "fs",
    value: { incarnation: "c1", requestId: "r1", includeTasks: true, onlyFailed: true },
  });
  log.add({
    type: "restart",
    name: "fs",
    task: 2,
    value: { incarnation: "c1", requestId: "r2", includeTasks: false, onlyFailed: false },
  });
  let state = log.fold();
  assert.deepEqual(state.restartRequest("fs"), {
    name: "fs",
    requestId: "r1",
    includeTasks: true,
    onlyFailed: true,
    offset: r.offset,
    timestamp: r.timestamp,
  });
  assert.deepEqual(state.restartRequests().map((x) => [x.requestId, x.task]), [
    ["r1", undefined],
    ["r2", 2],
  ]);
  log.deleteConnector("fs");
  log.connector("fs", "c2");
  state = log.fold();
  assert.deepEqual(state.restartRequests(), []);
});

Deno.test("clone is independent of the original", () => {
  const log = new LogBuilder();
  log.connector("fs", "c1");
  const state = log.fold();
  const copy = state.clone();
  state.apply(log.deleteConnector("fs"));
  assert.deepEqual(state.connectorNames(), []);
  assert.deepEqual(copy.connectorNames(), ["fs"]);
  assert.equal(copy.offset, 0n);
});

Deno.test("orphanKeys lists long-expired heartbeats", () => {
  const log = new LogBuilder();
  log.heartbeat("gone", { timeoutMs: 1_000 });
  log.heartbeat("here", { advanceMs: 5_000 });
  const state = log.fold();
  assert.deepEqual(state.orphanKeys(), ["member/source/gone"]);
  assert.deepEqual(state.orphanKeys(10_000), []);
});

/** Everything a worker acts on or shows, as one comparable value. */
function snapshot(state: ClusterState): unknown {
  const kinds: WorkerKind[] = ["source", "sink"];
  return JSON.stringify({
    clock: state.clock,
    connectors: state.connectorNames().map((n) => ({
      c: state.connector(n),
      tasks: state.taskConfigs(n),
      info: state.stateInfo(n),
      restart: state.restartRequest(n),
    })),
    members: kinds.map((k) => state.members(k)),
    assignment: kinds.map((k) =>
      [...state.assignment(k)].map(([id, a]) => [id, [...a.connectors], [...a.tasks]])
    ),
  }, (_, v) => typeof v === "bigint" ? v.toString() : v);
}

/** A busy cluster's log: workers heartbeating their claims, connectors coming and going. */
function simulate(seed: number, steps: number): LogBuilder {
  let s = seed;
  const random = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const log = new LogBuilder();
  const workers: [string, WorkerKind][] = [
    ["w1", "source"],
    ["w2", "source"],
    ["w3", "source"],
    ["w4", "sink"],
    ["w5", "sink"],
  ];
  let incarnation = 0;
  for (let i = 0; i < steps; i++) {
    const state = log.fold();
    const roll = random();
    const name = pick(["c0", "c1", "c2", "c3", "c4"]);
    const [id, kind] = pick(workers);
    const c = state.connector(name);
    if (roll < 0.5) {
      log.heartbeat(id, {
        kind,
        assigned: toWorkSet(state.assignmentFor(kind, id)),
        at: state.offset,
        timeoutMs: 3_000,
        advanceMs: Math.floor(random() * (random() < 0.05 ? 4_000 : 600)),
      });
    } else if (roll < 0.58) {
      const inc = c && random() < 0.85 ? c.incarnation : `i${++incarnation}`;
      log.connector(name, inc, { n: String(i) }, c?.type ?? (random() < 0.7 ? "source" : "sink"));
    } else if (roll < 0.68) {
      if (c) {
        log.tasks(
          name,
          c.incarnation,
          1 + Math.floor(random() * 5),
          state.nextTaskGeneration(name),
        );
      }
    } else if (roll < 0.71) {
      if (c) log.target(name, c.incarnation, pick(["RUNNING", "PAUSED", "STOPPED"] as const));
    } else if (roll < 0.73) {
      for (const r of state.deletionRecords(name)) log.raw(r.key, r.value);
    } else if (roll < 0.9) {
      if (c) log.status(name, c.incarnation, "RUNNING", id, Math.floor(random() * 3));
    } else if (roll < 0.93) {
      log.leave(id, kind);
    } else if (roll < 0.95) {
      log.raw("connector/" + name, new TextEncoder().encode("garbage"));
    } else {
      for (const key of state.orphanKeys()) log.raw(key, null);
    }
  }
  return log;
}

Deno.test("two folds starting from different points of a compacted log agree", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const log = simulate(seed, 500);
    let busy = 0;
    const full = new ClusterState();
    const tail = log.records.slice(250);
    full.applyAll(log.records.slice(0, 250));
    // One worker started long ago and read every record; two others start
    // now and read a log the cleaner compacted below offset 250, one after
    // the tombstones were dropped too, one before.
    const below = (records: LogRecord[]) => records.filter((r) => r.offset < 250n);
    const noTombstones = new ClusterState();
    noTombstones.applyAll(below(compact(log.records, { before: 250n })));
    const withTombstones = new ClusterState();
    withTombstones.applyAll(
      below(compact(log.records, { before: 250n, dropTombstones: false })),
    );
    // Below the compaction point the readers have applied different records
    // (the last one there may be gone); from the first record they share on,
    // they must agree at every offset.
    for (const r of tail) {
      full.apply(r);
      noTombstones.apply(r);
      withTombstones.apply(r);
      const expected = snapshot(full);
      assert.equal(snapshot(noTombstones), expected, `seed ${seed} offset ${r.offset}`);
      assert.equal(snapshot(withTombstones), expected, `seed ${seed} offset ${r.offset}`);
      if (full.work("source").tasks.length > 0 && full.liveMembers("source").length > 1) busy++;
    }
    assert.ok(busy > 50, `seed ${seed}: the simulation should exercise the assignment`);
  }
});

Deno.test("a fold of the fully compacted log equals the full fold at the head", () => {
  for (const seed of [11, 12, 13]) {
    const log = simulate(seed, 300);
    const head = log.records.at(-1)!.offset + 1n;
    const compacted = compact(log.records, { before: head });
    assert.ok(compacted.length < log.records.length);
    const a = log.fold();
    const b = new ClusterState();
    b.applyAll(compacted);
    // The compacted fold's offset may be lower if the last record was a
    // dropped tombstone; everything it shows is the same.
    assert.equal(snapshot(b), snapshot(a), `seed ${seed}`);
  }
});

Deno.test("status reports name a worker by its advertised host:port, not its id", () => {
  const log = new LogBuilder();
  log.add({
    type: "member",
    kind: "source",
    id: "source-1",
    value: {
      kind: "source",
      url: "http://10.0.0.5:8083",
      startedAt: 1,
      incarnation: "i1",
      sessionTimeoutMs: 10_000,
      assigned: { connectors: ["fs"], tasks: [] },
      assignedAt: 0n,
      running: { connectors: ["fs"], tasks: [] },
    },
  });
  log.connector("fs", "c1");
  log.tasks("fs", "c1", 1);
  log.status("fs", "c1", "RUNNING", "source-1");
  log.status("fs", "c1", "FAILED", "gone-worker", 0);
  const state = log.fold();
  assert.equal(state.workerAddress("source", "source-1"), "10.0.0.5:8083");
  assert.equal(state.workerAddress("source", "nobody"), "nobody");
  const info = state.stateInfo("fs")!;
  assert.deepEqual(info.connector, { state: "RUNNING", worker_id: "10.0.0.5:8083" });
  assert.equal(info.tasks[0].worker_id, "gone-worker", "no heartbeat on record: the id");
});
