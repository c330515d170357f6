/**
 * One view from anywhere, against the real broker with worker processes:
 * every worker (source or sink) answers every REST call for the whole
 * cluster, accepts every write, and reports the same status within a second
 * of a change. Config and `tasks.max` changes restart only that connector's
 * tasks; pause, resume, stop, restart and delete work whichever worker
 * receives them. A control-topic observer (a read-only fold of the topic)
 * tells which units restarted (a start writes a new status record) and what
 * each worker runs (its heartbeat).
 */
import assert from "node:assert/strict";
import { openKafkaControlLog } from "../shared/control/kafka_control_log.ts";
import { eventually, type StatusBody, TestCluster } from "./helpers/cluster.ts";
import { kafkaBootstrap } from "./helpers/kafka_env.ts";

const STRING = "org.apache.kafka.connect.storage.StringConverter";

Deno.test("every worker serves the whole cluster; changes apply across workers", async () => {
  const c = await TestCluster.create({ name: "rest", sessionTimeoutMs: 3000 });
  const observer = await openKafkaControlLog({
    bootstrapServers: kafkaBootstrap(),
    clientId: "rest-observer",
    topic: `${c.group}-control`,
  });
  const report: string[] = [];
  try {
    await Promise.all([
      c.start("source-1", "source"),
      c.start("source-2", "source"),
      c.start("sink-1", "sink"),
    ]);
    const run = c.group.slice(-8);
    const [a, b] = [`a-${run}`, `b-${run}`];
    const files = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${c.dir}/${prefix}${i}.txt`);
    const config = (name: string, nFiles: number, tasksMax: number) => ({
      "connector.class": "FileStreamSource",
      file: files(name, nFiles).join(","),
      "tasks.max": String(tasksMax),
      topic: `${c.group}-${name}`,
      "value.converter": STRING,
    });
    // Writes through a sink worker work for source connectors, and vice versa.
    assert.equal(
      (await c.rest("sink-1", "POST", "/connectors", {
        name: a,
        config: config("a", 4, 2),
      })).status,
      201,
    );
    assert.equal(
      (await c.rest("source-2", "POST", "/connectors", {
        name: b,
        config: config("b", 2, 2),
      })).status,
      201,
    );

    const names = [a, b];
    const view = async (worker: string) => {
      const r = await c.rest(worker, "GET", "/connectors?expand=status&expand=info");
      assert.equal(r.status, 200);
      return r.body;
    };
    /** Polls every worker until they agree and `ok` holds; returns how far apart they were. */
    const agreeOn = async (what: string, ok: (s: Record<string, StatusBody | null>) => boolean) => {
      let firstSeen = -1;
      const began = performance.now();
      const { ms } = await eventually(
        what,
        async () => {
          const all = await Promise.all(c.live().map((w) => view(w.name)));
          const states = all.map((v) =>
            Object.fromEntries(names.map((n) => [n, v[n]?.status ?? null]))
          );
          const oks = states.map(ok);
          if (firstSeen < 0 && oks.some((x) => x)) firstSeen = performance.now();
          return { all, oks };
        },
        ({ all, oks }) =>
          oks.every((x) => x) && all.every((v) => JSON.stringify(v) === JSON.stringify(all[0])),
        20_000,
        20,
      );
      const lag = performance.now() - firstSeen;
      report.push(
        `${what}: after ${Math.round(ms)} ms; all workers within ${Math.round(lag)} ms`,
      );
      assert.ok(lag <= 1000, `${what}: workers disagreed for ${Math.round(lag)} ms`);
      void began;
    };
    const runningWith = (tasks: Record<string, number>) => (s: Record<string, StatusBody | null>) =>
      Object.entries(tasks).every(([n, count]) =>
        s[n]?.connector.state === "RUNNING" && s[n]!.tasks.length === count &&
        s[n]!.tasks.every((t) => t.state === "RUNNING")
      );
    await agreeOn("both connectors running", runningWith({ [a]: 2, [b]: 2 }));

    /** The offset of the latest status record of each task of a connector. */
    const taskStatusOffsets = (name: string) =>
      new Map([...observer.state().status(name)?.tasks ?? []].map(([t, v]) => [t, v.offset]));
    const runningTasks = (name: string) =>
      observer.state().members("source").flatMap((m) =>
        m.live ? m.running.tasks.filter((t) => t.connector === name) : []
      );

    // Pause through one worker, resume through a sink worker.
    assert.equal((await c.rest("source-2", "PUT", `/connectors/${a}/pause`)).status, 202);
    await agreeOn(
      "a paused",
      (s) =>
        s[a]?.connector.state === "PAUSED" && s[a]!.tasks.every((t) => t.state === "PAUSED") &&
        s[b]?.connector.state === "RUNNING",
    );
    assert.equal((await c.rest("sink-1", "PUT", `/connectors/${a}/resume`)).status, 202);
    await agreeOn("a resumed", runningWith({ [a]: 2, [b]: 2 }));

    // A config change restarts a's tasks only.
    let bBefore = taskStatusOffsets(b);
    let aBefore = taskStatusOffsets(a);
    const changed = { ...config("a", 4, 2), "batch.size": "100" };
    assert.equal((await c.rest("source-1", "PUT", `/connectors/${a}/config`, changed)).status, 200);
    await eventually(
      "a's tasks restarted",
      () => Promise.resolve(taskStatusOffsets(a)),
      (now) => [...aBefore].every(([t, o]) => (now.get(t) ?? -1n) > o),
    );
    await agreeOn("a reconfigured", runningWith({ [a]: 2, [b]: 2 }));
    assert.deepEqual(taskStatusOffsets(b), bBefore, "b's tasks did not restart");
    const tasksOfA = await c.rest("sink-1", "GET", `/connectors/${a}/tasks`);
    assert.ok(
      tasksOfA.body.every((t: { config: Record<string, string> }) =>
        t.config["batch.size"] === "100"
      ),
    );

    // tasks.max 2 -> 4: four tasks, one file each; b untouched.
    bBefore = taskStatusOffsets(b);
    assert.equal(
      (await c.rest("source-2", "PATCH", `/connectors/${a}/config`, { "tasks.max": "4" })).status,
      200,
    );
    await agreeOn("a with four tasks", runningWith({ [a]: 4, [b]: 2 }));
    assert.deepEqual(taskStatusOffsets(b), bBefore, "b's tasks did not restart");
    const four = await c.rest("source-1", "GET", `/connectors/${a}/tasks`);
    assert.deepEqual(
      four.body.map((t: { config: Record<string, string> }) => t.config.file),
      files("a", 4),
    );
    const perWorker = new Map<string, number>();
    for (const t of (await c.status("source-1", a))!.tasks) {
      perWorker.set(t.worker_id, (perWorker.get(t.worker_id) ?? 0) + 1);
    }
    assert.deepEqual([...perWorker.values()].sort(), [2, 2], "a's tasks spread over both");

    // Restart one task of b through a sink worker: only that task restarts.
    bBefore = taskStatusOffsets(b);
    aBefore = taskStatusOffsets(a);
    assert.equal((await c.rest("sink-1", "POST", `/connectors/${b}/tasks/1/restart`)).status, 204);
    await eventually(
      "b's task 1 restarted",
      () => Promise.resolve(taskStatusOffsets(b)),
      (now) => (now.get(1) ?? -1n) > bBefore.get(1)!,
    );
    await agreeOn("b/1 running again", runningWith({ [a]: 4, [b]: 2 }));
    assert.equal(taskStatusOffsets(b).get(0), bBefore.get(0), "b/0 did not restart");
    assert.deepEqual(taskStatusOffsets(a), aBefore, "a's tasks did not restart");

    // Stop a: STOPPED everywhere, no task of it runs anywhere; then run it again.
    assert.equal((await c.rest("source-1", "PUT", `/connectors/${a}/stop`)).status, 204);
    await agreeOn(
      "a stopped",
      (s) => s[a]?.connector.state === "STOPPED" && s[a]!.tasks.length === 0,
    );
    await eventually("a's tasks stopped", () => Promise.resolve(runningTasks(a)), (t) => !t.length);
    assert.equal((await c.rest("sink-1", "PUT", `/connectors/${a}/resume`)).status, 202);
    await agreeOn("a running again", runningWith({ [a]: 4, [b]: 2 }));

    // Delete b through a source worker: gone everywhere, nothing of it runs.
    assert.equal((await c.rest("source-2", "DELETE", `/connectors/${b}`)).status, 204);
    const deletedAt = performance.now();
    await eventually(
      "b gone on every worker",
      () => Promise.all(c.live().map((w) => c.rest(w.name, "GET", `/connectors/${b}`))),
      (all) => all.every((r) => r.status === 404),
      1000,
      20,
    );
    report.push(
      `b deleted: 404 on every worker after ${Math.round(performance.now() - deletedAt)} ms`,
    );
    await eventually("b's tasks stopped", () => Promise.resolve(runningTasks(b)), (t) => !t.length);
    const list = await c.rest("sink-1", "GET", "/connectors");
    assert.deepEqual(list.body, [a]);
    console.log(`\n${report.map((l) => `  ${l}`).join("\n")}`);
  } catch (err) {
    console.log(report.join("\n"));
    console.log(c.output());
    throw err;
  } finally {
    await observer.close();
    await c.close();
  }
});
