/**
 * Bad input against the real broker with worker processes: a second worker
 * with a live worker's id refuses to start, while one restarted with the id
 * of a SIGKILLed worker starts once the dead session's lease runs out;
 * garbage on the control topic is logged and skipped; and a connector
 * deleted while a worker running its tasks is frozen (SIGSTOP) has no task
 * running anywhere once that worker returns (SIGCONT).
 */
import assert from "node:assert/strict";
import { openKafkaControlLog } from "../shared/control/kafka_control_log.ts";
import { createKafkaProducer } from "../shared/kafka/mod.ts";
import { eventually, TestCluster } from "./helpers/cluster.ts";
import { kafkaBootstrap } from "./helpers/kafka_env.ts";
import { readTopic } from "./helpers/topic_reader.ts";
import { freePort, startWorkerProcess } from "./helpers/worker_process.ts";

const SESSION_MS = 3000;
const STRING = "org.apache.kafka.connect.storage.StringConverter";

Deno.test("a duplicate worker id is refused; a SIGKILLed worker's id is free after its lease", async () => {
  const c = await TestCluster.create({ name: "dupid", sessionTimeoutMs: SESSION_MS });
  try {
    await c.start("source-1", "source");
    const twin = startWorkerProcess({
      kind: "source",
      port: freePort(),
      dirs: [c.dir],
      env: { ...c.env, CONNECT_WORKER_ID: "source-1" },
    });
    const status = await twin.status;
    assert.equal(status.code, 1, twin.output());
    assert.match(
      twin.output(),
      /Cannot start the source worker: worker id "source-1" is already used by a live worker \(http:\/\/localhost:\d+, started [^)]+\) in this cluster/,
    );
    assert.equal((await c.rest("source-1", "GET", "/")).status, 200, "the first one runs on");

    // Killed, then started again at once with the same id: it waits the old session out.
    await c.stop("source-1", "SIGKILL");
    const began = performance.now();
    await c.start("source-1", "source");
    const ms = performance.now() - began;
    assert.ok(ms < SESSION_MS + 5000, `restarted after ${ms} ms`);
    assert.match(c.worker("source-1").process.output(), /still within its lease: waiting/);
  } catch (err) {
    console.log(c.output());
    throw err;
  } finally {
    await c.close();
  }
});

Deno.test("garbage on the control topic is logged and skipped; the worker keeps working", async () => {
  const c = await TestCluster.create({ name: "garbage", sessionTimeoutMs: SESSION_MS });
  const producer = await createKafkaProducer({
    bootstrapServers: kafkaBootstrap(),
    clientId: "garbage-writer",
  });
  try {
    await c.start("source-1", "source");
    const enc = new TextEncoder();
    await producer.send([
      {
        topic: `${c.group}-control`,
        partition: 0,
        key: enc.encode("connector/x"),
        value: enc.encode("{not json"),
      },
      {
        topic: `${c.group}-control`,
        partition: 0,
        key: enc.encode("from/the/future"),
        value: enc.encode("{}"),
      },
      {
        topic: `${c.group}-control`,
        partition: 0,
        key: enc.encode("connector/y"),
        value: enc.encode(JSON.stringify({ v: 2, shiny: true })),
      },
      {
        topic: `${c.group}-control`,
        partition: 0,
        key: new Uint8Array([0xff, 0xfe]),
        value: enc.encode("{}"),
      },
    ]);
    await eventually(
      "the skipped records logged",
      () => Promise.resolve(c.worker("source-1").process.output()),
      (out) => (out.match(/skipping a control record it cannot read/g) ?? []).length >= 4,
    );
    const topic = `${c.group}-lines`;
    await Deno.writeTextFile(`${c.dir}/in.txt`, "one\ntwo\n");
    const created = await c.rest("source-1", "POST", "/connectors", {
      name: `fs-${c.group.slice(-8)}`,
      config: {
        "connector.class": "FileStreamSource",
        file: `${c.dir}/in.txt`,
        topic,
        "value.converter": STRING,
      },
    });
    assert.equal(created.status, 201);
    const records = await readTopic(topic, { atLeast: 2 });
    assert.deepEqual(records.map((r) => r.value), ["one", "two"]);
    assert.deepEqual(
      (await c.rest("source-1", "GET", "/connectors")).body,
      [`fs-${c.group.slice(-8)}`],
    );
  } catch (err) {
    console.log(c.output());
    throw err;
  } finally {
    await producer.close();
    await c.close();
  }
});

Deno.test("a connector deleted while its worker is frozen runs nowhere once the worker returns", async () => {
  const c = await TestCluster.create({ name: "frozen", sessionTimeoutMs: SESSION_MS });
  const observer = await openKafkaControlLog({
    bootstrapServers: kafkaBootstrap(),
    clientId: "frozen-observer",
    topic: `${c.group}-control`,
  });
  try {
    await Promise.all([c.start("source-1", "source"), c.start("source-2", "source")]);
    const run = c.group.slice(-8);
    const [doomed, kept] = [`doomed-${run}`, `kept-${run}`];
    const topic = (n: string) => `${c.group}-${n}`;
    for (const [name, n] of [[doomed, 4], [kept, 2]] as const) {
      const files = Array.from({ length: n }, (_, i) => `${c.dir}/${name}-${i}.txt`);
      for (const f of files) await Deno.writeTextFile(f, "first\n");
      const r = await c.rest("source-1", "POST", "/connectors", {
        name,
        config: {
          "connector.class": "FileStreamSource",
          file: files.join(","),
          "tasks.max": String(n),
          topic: topic(name),
          "value.converter": STRING,
        },
      });
      assert.equal(r.status, 201);
    }
    const running = (name: string, worker?: string) =>
      observer.state().members("source").flatMap((m) =>
        m.live && (!worker || m.id === worker)
          ? m.running.tasks.filter((t) => t.connector === name)
          : []
      );
    await eventually(
      "doomed's tasks on both workers",
      () =>
        Promise.resolve([running(doomed, "source-1").length, running(doomed, "source-2").length]),
      ([one, two]) => one === 2 && two === 2,
    );
    await readTopic(topic(doomed), { atLeast: 4 });

    // Freeze source-1 (as a long GC pause or a suspended VM would), delete doomed elsewhere.
    const frozen = c.worker("source-1").process;
    frozen.child.kill("SIGSTOP");
    try {
      assert.equal((await c.rest("source-2", "DELETE", `/connectors/${doomed}`)).status, 204);
      // Lines appended now must never be sent: the connector is gone.
      for (let i = 0; i < 4; i++) {
        await Deno.writeTextFile(`${c.dir}/${doomed}-${i}.txt`, "after delete\n", { append: true });
      }
      // source-2 takes kept's share of source-1 once source-1's lease runs out.
      await eventually(
        "kept running on source-2 alone",
        () => c.status("source-2", kept),
        (s) =>
          s !== null && s.tasks.length === 2 &&
          s.tasks.every((t) =>
            t.state === "RUNNING" && t.worker_id === c.worker("source-2").address
          ),
        SESSION_MS + 10_000,
      );
    } finally {
      frozen.child.kill("SIGCONT");
    }
    // source-1 wakes up with doomed's tasks in memory: it fences itself, stops them, rejoins.
    await eventually(
      "source-1 back, running none of doomed",
      () => Promise.resolve(observer.state().member("source", "source-1")),
      (m) => m !== undefined && m.live && m.running.tasks.every((t) => t.connector !== doomed),
      10_000,
    );
    await eventually(
      "kept spread over both again",
      () => c.status("source-2", kept),
      (s) => s !== null && new Set(s.tasks.map((t) => t.worker_id)).size === 2,
    );
    assert.deepEqual(running(doomed), []);
    await new Promise((r) => setTimeout(r, 1000));
    const lines = (await readTopic(topic(doomed), { atLeast: 4 })).map((r) => r.value);
    assert.ok(!lines.includes("after delete"), `doomed sent lines after its delete: ${lines}`);
    assert.match(frozen.output(), /cannot confirm this worker's lease/);
  } catch (err) {
    console.log(c.output());
    throw err;
  } finally {
    await observer.close();
    await c.close();
  }
});
