/**
 * The supervisor over an in-memory control topic with fake tasks: placement,
 * handoff, leases and self-fencing, target states, restarts,
 * reconfiguration, duplicate worker ids and unreadable records. Real
 * timers, short sessions (1 s); every wait polls a condition with a
 * deadline.
 */
import assert from "node:assert/strict";
import { resolveWorkerConfig } from "../config/worker_config.ts";
import { ConfigDef } from "../connect/config_def.ts";
import { SourceConnector } from "../connect/source_connector.ts";
import { SourceTask } from "../connect/source_task.ts";
import type { SourceRecord } from "../connect/record.ts";
import type { ClusterState } from "../control/cluster_state.ts";
import type { ControlChangeListener, ControlLog } from "../control/control_log.ts";
import { MemoryControlTopic } from "../control/memory_control_log.ts";
import { encodeControlRecord, type EncodedControlRecord } from "../control/records.ts";
import { ConnectWorker, type TaskFactory } from "./connect_worker.ts";
import { createLogger } from "./log.ts";
import { PluginRegistry } from "./plugins.ts";

const SESSION_MS = 1000;
const HEARTBEAT_MS = 100;

class FakeTask extends SourceTask {
  version(): string {
    return "1";
  }
  start(): void {}
  poll(): Promise<SourceRecord[] | null> {
    return Promise.resolve(null);
  }
  stop(): void {}
}

class FakeSource extends SourceConnector {
  static readonly className = "test.FakeSource";
  #props: Record<string, string> = {};
  version(): string {
    return "1";
  }
  config() {
    return new ConfigDef();
  }
  start(props: Record<string, string>): void {
    this.#props = { ...props };
  }
  taskClass() {
    return FakeTask;
  }
  taskConfigs(max: number): Record<string, string>[] {
    return Array.from({ length: max }, (_, i) => ({ ...this.#props, n: String(i) }));
  }
  stop(): void {}
}

/** Every task run: which worker, which task, when it started and stopped. */
interface Run {
  worker: string;
  key: string;
  generation: string;
  startedAt: number;
  stoppedAt?: number;
  paused: boolean;
}

/** A control log whose worker can be cut off (appends wait, nothing is read) and healed. */
class CutLog implements ControlLog {
  readonly #inner: ControlLog;
  readonly #listeners = new Set<ControlChangeListener>();
  #frozen: ClusterState | null = null;
  #healed: Promise<void> = Promise.resolve();
  #heal: () => void = () => {};

  constructor(inner: ControlLog) {
    this.#inner = inner;
    inner.onChange((change) => {
      if (this.#frozen) return;
      for (const l of this.#listeners) l(change);
    });
  }

  cut(): void {
    this.#frozen = this.#inner.state().clone();
    this.#healed = new Promise((resolve) => this.#heal = resolve);
  }

  heal(): void {
    this.#frozen = null;
    this.#heal();
    const state = this.#inner.state();
    for (const l of this.#listeners) l({ state, offset: state.offset, keys: [] });
  }

  async append(records: readonly EncodedControlRecord[]): Promise<bigint> {
    await this.#healed;
    return await this.#inner.append(records);
  }

  async waitForOffset(offset: bigint, signal?: AbortSignal): Promise<void> {
    await this.#healed;
    await this.#inner.waitForOffset(offset, signal);
  }

  state(): ClusterState {
    return this.#frozen ?? this.#inner.state();
  }

  onChange(listener: ControlChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.#heal();
    return this.#inner.close();
  }
}

class Harness {
  readonly topic = new MemoryControlTopic();
  readonly runs: Run[] = [];
  readonly workers = new Map<string, { worker: ConnectWorker; log: CutLog }>();
  readonly logLines: string[] = [];
  stopDelayMs = 20;

  factory(worker: string): TaskFactory {
    return (spec) => {
      const run: Run = {
        worker,
        key: `${spec.id.connector}/${spec.id.task}`,
        generation: spec.taskConfig.generation ?? "",
        startedAt: 0,
        paused: false,
      };
      return Promise.resolve({
        failure: null,
        start: (paused: boolean) => {
          run.startedAt = performance.now();
          run.paused = paused;
          this.runs.push(run);
          spec.onState(paused ? "PAUSED" : "RUNNING");
        },
        pause: () => {
          run.paused = true;
          spec.onState("PAUSED");
        },
        resume: () => {
          run.paused = false;
          spec.onState("RUNNING");
        },
        stop: async () => {
          await new Promise((r) => setTimeout(r, this.stopDelayMs));
          run.stoppedAt = performance.now();
          spec.onState("UNASSIGNED");
        },
      });
    };
  }

  config(id: string, kind: "source" | "sink" = "source") {
    return resolveWorkerConfig(
      kind,
      new Map([
        ["worker.id", id],
        ["listeners", "http://127.0.0.1:9999"],
        ["rest.advertised.host.name", `${id}.test`],
        ["session.timeout.ms", String(SESSION_MS)],
        ["heartbeat.interval.ms", String(HEARTBEAT_MS)],
        ["task.shutdown.graceful.timeout.ms", "2000"],
      ]),
    );
  }

  /** What each worker settles before it rejoins after a fence. */
  readonly beforeRejoin = new Map<string, () => Promise<void>>();

  worker(id: string): ConnectWorker {
    const log = new CutLog(this.topic.open());
    const worker = new ConnectWorker({
      config: this.config(id),
      log,
      plugins: new PluginRegistry([FakeSource]),
      env: { allowedFileDirs: [] },
      tasks: this.factory(id),
      logger: createLogger(id, { level: "info", sink: (l) => this.logLines.push(l) }),
      beforeRejoin: () => this.beforeRejoin.get(id)?.() ?? Promise.resolve(),
    });
    this.workers.set(id, { worker, log });
    return worker;
  }

  async start(...ids: string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.worker(id).start()));
  }

  log(id: string): CutLog {
    return this.workers.get(id)!.log;
  }

  /** An observer's view of the topic. */
  readonly view = this.topic.open();

  state(): ClusterState {
    this.view.flush();
    return this.view.state();
  }

  append(...records: EncodedControlRecord[]): bigint {
    return this.topic.appendNow(records);
  }

  createConnector(name: string, tasksMax: number, extra: Record<string, string> = {}) {
    return this.append(encodeControlRecord({
      type: "connector",
      name,
      value: {
        incarnation: `${name}-inc`,
        type: "source",
        class: "test.FakeSource",
        config: { "connector.class": "FakeSource", "tasks.max": String(tasksMax), ...extra },
      },
    }));
  }

  setConfig(name: string, config: Record<string, string>) {
    const c = this.state().connector(name)!;
    return this.append(encodeControlRecord({
      type: "connector",
      name,
      value: { incarnation: c.incarnation, type: "source", class: c.class, config },
    }));
  }

  target(name: string, state: "RUNNING" | "PAUSED" | "STOPPED") {
    return this.append(encodeControlRecord({
      type: "target-state",
      name,
      value: { incarnation: this.state().connector(name)!.incarnation, state },
    }));
  }

  live(): Run[] {
    return this.runs.filter((r) => r.stoppedAt === undefined);
  }

  /** Runs of each task by worker, currently live. */
  placement(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.live()) out.set(r.worker, [...(out.get(r.worker) ?? []), r.key].sort());
    return out;
  }

  /** No task ever ran on two workers at once. */
  assertNoOverlap(): void {
    const byKey = new Map<string, Run[]>();
    for (const r of this.runs) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    for (const [key, runs] of byKey) {
      runs.sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < runs.length; i++) {
        const before = runs[i - 1];
        assert.ok(
          before.stoppedAt !== undefined && before.stoppedAt <= runs[i].startedAt,
          `task ${key} ran on ${before.worker} and ${runs[i].worker} at once`,
        );
      }
    }
  }

  async stopAll(): Promise<void> {
    for (const { worker, log } of this.workers.values()) {
      log.heal();
      await worker.stop();
      await log.close();
    }
    await this.view.close();
  }
}

async function until(what: string, ok: () => boolean, timeoutMs = 5000): Promise<number> {
  const began = performance.now();
  while (!ok()) {
    if (performance.now() - began > timeoutMs) throw new Error(`Cannot see ${what} in time`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - began;
}

const count = (h: Harness, worker: string) => h.placement().get(worker)?.length ?? 0;

Deno.test("one worker runs a connector's tasks and reports them RUNNING under its id", async () => {
  const h = new Harness();
  try {
    await h.start("w1");
    h.createConnector("a", 3);
    await until("3 tasks", () => h.live().length === 3);
    await until("statuses", () => {
      const info = h.state().stateInfo("a");
      return info?.connector.state === "RUNNING" && info.tasks.length === 3 &&
        info.tasks.every((t) => t.state === "RUNNING" && t.worker_id === "w1.test:9999");
    });
    const me = h.state().member("source", "w1")!;
    assert.equal(me.running.tasks.length, 3);
    assert.equal(me.assigned.tasks.length, 3);
  } finally {
    await h.stopAll();
  }
});

Deno.test("two workers split the work evenly; a clean leave hands it over at once", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 3);
    h.createConnector("b", 3);
    await until("6 tasks, 3 each", () => count(h, "w1") === 3 && count(h, "w2") === 3);
    const before = h.placement();
    const began = performance.now();
    await h.workers.get("w1")!.worker.stop();
    await until("all 6 on w2", () => count(h, "w2") === 6);
    const ms = performance.now() - began;
    assert.ok(ms < SESSION_MS, `handoff took ${ms} ms, less than a session timeout expected`);
    // Sticky: w2 kept its own three.
    for (const key of before.get("w2")!) {
      assert.equal(h.runs.filter((r) => r.key === key).length, 1, `${key} was not restarted`);
    }
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("scale-up 1 -> 3 moves only the newcomers' share, after the old owner stopped it", async () => {
  const h = new Harness();
  h.stopDelayMs = 150;
  try {
    await h.start("w1");
    h.createConnector("a", 4);
    h.createConnector("b", 2);
    await until("6 tasks on w1", () => count(h, "w1") === 6);
    await h.start("w2", "w3");
    await until(
      "2 tasks each",
      () => count(h, "w1") === 2 && count(h, "w2") === 2 && count(h, "w3") === 2,
    );
    // Four tasks moved once each; the two that stayed on w1 never restarted.
    assert.equal(h.runs.length, 10);
    for (const key of h.placement().get("w1")!) {
      assert.equal(h.runs.filter((r) => r.key === key).length, 1);
    }
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("a worker cut off from the log fences itself before the others take its work", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 4);
    await until("2 tasks each", () => count(h, "w1") === 2 && count(h, "w2") === 2);
    const w1 = h.workers.get("w1")!.worker;
    const cutAt = performance.now();
    h.log("w1").cut();
    await until("w1 fenced", () => w1.fenced, SESSION_MS * 2);
    const fencedMs = performance.now() - cutAt;
    assert.ok(!w1.leaseValid(), "tasks on a fenced worker must hold");
    await until("w1's tasks stopped", () => count(h, "w1") === 0);
    await until("all 4 on w2", () => count(h, "w2") === 4, SESSION_MS * 3);
    const tookOverMs = performance.now() - cutAt;
    assert.ok(fencedMs < SESSION_MS, `fenced after ${fencedMs} ms`);
    assert.ok(tookOverMs < SESSION_MS + 500, `took over after ${tookOverMs} ms`);
    // w2 started each moved task only after w1 had stopped it.
    h.assertNoOverlap();

    // Healed, w1 rejoins with an empty claim and gets its share back.
    h.log("w1").heal();
    await until("rejoined", () => !w1.fenced);
    await until("2 tasks each again", () => count(h, "w1") === 2 && count(h, "w2") === 2);
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("a fenced worker rejoins only once its writes from before the fence have settled", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 4);
    await until("2 tasks each", () => count(h, "w1") === 2 && count(h, "w2") === 2);
    const w1 = h.workers.get("w1")!.worker;
    let settle!: () => void;
    const inFlight = new Promise<void>((resolve) => settle = resolve);
    h.beforeRejoin.set("w1", () => inFlight);
    h.log("w1").cut();
    await until("w1 fenced", () => w1.fenced, SESSION_MS * 2);
    await until("all 4 on w2", () => count(h, "w2") === 4, SESSION_MS * 3);
    h.log("w1").heal();
    await new Promise((r) => setTimeout(r, SESSION_MS / 2));
    assert.ok(w1.fenced, "still fenced while its earlier writes are in flight");
    assert.equal(count(h, "w2"), 4);
    settle();
    await until("rejoined", () => !w1.fenced);
    await until("2 tasks each again", () => count(h, "w1") === 2 && count(h, "w2") === 2);
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("a worker's SIGKILL-like death: its tasks run elsewhere within the session timeout", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2", "w3");
    h.createConnector("a", 6);
    await until("2 each", () => ["w1", "w2", "w3"].every((w) => count(h, w) === 2));
    const killedAt = performance.now();
    h.log("w3").cut(); // never heals: as dead as a killed process
    const ms = await until(
      "w3's tasks on w1 and w2",
      () => count(h, "w1") === 3 && count(h, "w2") === 3,
      SESSION_MS * 3,
    );
    assert.ok(ms < SESSION_MS + 500, `moved after ${ms} ms`);
    assert.ok(performance.now() - killedAt >= SESSION_MS * 0.8, "not before the lease ran out");
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("pause, resume, stop, restart and delete reach the worker that runs the tasks", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 2);
    await until("2 tasks", () => h.live().length === 2);
    h.target("a", "PAUSED");
    await until("paused", () => h.live().every((r) => r.paused));
    await until("PAUSED status", () => {
      const info = h.state().stateInfo("a")!;
      return info.connector.state === "PAUSED" && info.tasks.every((t) => t.state === "PAUSED");
    });
    h.target("a", "RUNNING");
    await until("resumed", () => h.live().every((r) => !r.paused));
    h.target("a", "STOPPED");
    await until("stopped", () => h.live().length === 0);
    assert.equal(h.state().stateInfo("a")!.connector.state, "STOPPED");
    h.target("a", "RUNNING");
    await until("running again", () => h.live().length === 2);
    const runs = h.runs.length;
    h.append(encodeControlRecord({
      type: "restart",
      name: "a",
      task: 1,
      value: { incarnation: "a-inc", requestId: "r1", includeTasks: false, onlyFailed: false },
    }));
    await until("task 1 restarted", () => h.runs.length === runs + 1 && h.live().length === 2);
    assert.equal(h.runs.at(-1)!.key, "a/1");
    h.append(...h.state().deletionRecords("a"));
    await until("deleted", () => h.live().length === 0);
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("a config or tasks.max change restarts only that connector's tasks", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 2);
    h.createConnector("b", 2);
    await until("4 tasks", () => h.live().length === 4);
    const bRuns = () => h.runs.filter((r) => r.key.startsWith("b/")).length;
    h.setConfig("a", { "connector.class": "FakeSource", "tasks.max": "2", extra: "1" });
    await until("a restarted", () => h.runs.filter((r) => r.key.startsWith("a/")).length === 4);
    await until("4 live", () => h.live().length === 4);
    h.setConfig("a", { "connector.class": "FakeSource", "tasks.max": "4", extra: "1" });
    await until("a has 4 tasks", () => h.live().filter((r) => r.key.startsWith("a/")).length === 4);
    assert.equal(bRuns(), 2, "b's tasks never restarted");
    assert.equal(h.state().taskConfigs("a")!.generation, 3);
    assert.deepEqual([...h.placement().values()].map((k) => k.length).sort(), [3, 3]);
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("a second worker with a live worker's id refuses to start", async () => {
  const h = new Harness();
  try {
    await h.start("w1");
    const began = performance.now();
    await assert.rejects(
      () => h.worker("w1").start(),
      /Cannot start the source worker: worker id "w1" is already used by a live worker \(http:\/\/w1\.test:9999/,
    );
    assert.ok(performance.now() - began < SESSION_MS, "refused as soon as a heartbeat arrived");
    h.workers.delete("w1");
  } finally {
    await h.stopAll();
  }
});

Deno.test("a worker restarted with the id of its dead session waits it out, then starts", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 2);
    await until("1 each", () => count(h, "w1") === 1 && count(h, "w2") === 1);
    h.log("w1").cut(); // killed
    const old = h.workers.get("w1")!;
    const began = performance.now();
    const fresh = h.worker("w1");
    h.workers.set("w1-old", old);
    await fresh.start();
    const waited = performance.now() - began;
    assert.ok(waited < SESSION_MS + 300, `waited ${waited} ms`);
    await until("1 each again", () => count(h, "w1") === 1 && count(h, "w2") === 1);
  } finally {
    await h.stopAll();
  }
});

Deno.test("deleting a connector while its worker is cut off leaves nothing running when it returns", async () => {
  const h = new Harness();
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 2);
    h.createConnector("b", 2);
    await until("2 each", () => count(h, "w1") === 2 && count(h, "w2") === 2);
    h.log("w1").cut();
    h.append(...h.state().deletionRecords("a"));
    await new Promise((r) => setTimeout(r, 200));
    h.log("w1").heal();
    await until("no task of a anywhere", () => !h.live().some((r) => r.key.startsWith("a/")));
    await until("b still runs", () => h.live().filter((r) => r.key.startsWith("b/")).length === 2);
    const members = h.state().members("source");
    assert.ok(members.every((m) => m.running.tasks.every((t) => t.connector !== "a")));
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});

Deno.test("a control record the worker cannot parse is logged and skipped", async () => {
  const h = new Harness();
  try {
    await h.start("w1");
    h.append({ key: "connector/x", value: new TextEncoder().encode("{not json") });
    h.append({ key: "who/knows", value: new TextEncoder().encode("{}") });
    h.append({
      key: "connector/y",
      value: new TextEncoder().encode(JSON.stringify({ v: 99, anything: true })),
    });
    h.createConnector("a", 1);
    await until("a runs", () => h.live().length === 1);
    assert.ok(h.workers.get("w1")!.worker.leaseValid());
  } finally {
    await h.stopAll();
  }
});

Deno.test("under churn (workers joining, leaving and dying fast) no task ever runs twice", async () => {
  const h = new Harness();
  h.stopDelayMs = 40;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    await h.start("w1", "w2");
    h.createConnector("a", 6);
    h.createConnector("b", 3);
    await until("9 tasks", () => h.live().length === 9);
    await h.start("w3");
    await pause(60);
    await h.start("w4");
    await pause(30);
    await h.workers.get("w1")!.worker.stop();
    await pause(90);
    await h.start("w5");
    h.log("w2").cut(); // dies
    await pause(50);
    await h.start("w6");
    await pause(20);
    await h.workers.get("w3")!.worker.stop();
    await pause(70);
    h.setConfig("b", { "connector.class": "FakeSource", "tasks.max": "4" });
    await h.start("w7");
    const live = ["w4", "w5", "w6", "w7"];
    await until(
      "10 tasks balanced over the live workers",
      () => {
        const counts = live.map((w) => count(h, w));
        return h.live().length === 10 && counts.every((n) => n >= 2 && n <= 3);
      },
      SESSION_MS * 5,
    );
    h.assertNoOverlap();
  } finally {
    await h.stopAll();
  }
});
