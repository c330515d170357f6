import assert from "node:assert/strict";
import { resolveWorkerConfig } from "../config/worker_config.ts";
import { createLogger } from "./log.ts";
import { startWorker, type WorkerRuntime } from "./worker.ts";

const config = resolveWorkerConfig("source", new Map([["listeners", "http://127.0.0.1:0"]]));
const log = createLogger("test", { level: "error", sink: () => {} });
const build = { version: "0.1.0", commit: "abc" };

Deno.test("a worker answers 503 while starting, then 200 with the cluster id", async () => {
  let release!: (r: WorkerRuntime & { answer: string }) => void;
  const runtimeReady = new Promise<WorkerRuntime & { answer: string }>((r) => release = r);
  let stopped = false;
  let listening!: (url: string) => void;
  const urlKnown = new Promise<string>((r) => listening = r);
  const starting = startWorker({
    config,
    build,
    log: createLogger("t", {
      sink: (line) => {
        const m = /url=(\S+)/.exec(line);
        if (m) listening(m[1]);
      },
    }),
    startRuntime: () => runtimeReady,
    restPlugins: (runtime) => [(app) => app.get("/answer", (c) => c.text(runtime().answer))],
  });
  const url = await urlKnown;
  const early = await fetch(`${url}/health`);
  assert.equal(early.status, 503);
  assert.equal((await early.json()).status, "starting");
  const earlyRoute = await fetch(`${url}/answer`);
  assert.equal(earlyRoute.status, 503);
  await earlyRoute.body?.cancel();
  release({ clusterId: "cid-1", answer: "42", stop: () => Promise.resolve(void (stopped = true)) });
  const worker = await starting;
  const health = await fetch(`${worker.url}/health`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, "healthy");
  const root = await (await fetch(`${worker.url}/`)).json();
  assert.deepEqual(root, { version: "0.1.0", commit: "abc", kafka_cluster_id: "cid-1" });
  assert.equal(await (await fetch(`${worker.url}/answer`)).text(), "42");
  await worker.stop();
  await worker.stop();
  assert.equal(stopped, true);
});

Deno.test("a runtime that cannot start closes the REST server and rejects", async () => {
  await assert.rejects(
    startWorker({
      config,
      build,
      log,
      startRuntime: () => Promise.reject(new Error("Cannot connect to Kafka at x:1: refused")),
    }),
    /Cannot connect to Kafka at x:1/,
  );
});

Deno.test("a busy port is reported naming listeners", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const busy = resolveWorkerConfig(
      "sink",
      new Map([["listeners", `http://127.0.0.1:${(taken.addr as Deno.NetAddr).port}`]]),
    );
    await assert.rejects(
      startWorker({
        config: busy,
        build,
        log,
        startRuntime: () => Promise.resolve({ clusterId: "c", stop: () => Promise.resolve() }),
      }),
      /^Error: Cannot listen on 127\.0\.0\.1:\d+ \(listeners\)/,
    );
  } finally {
    taken.close();
  }
});
