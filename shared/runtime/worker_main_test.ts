import assert from "node:assert/strict";
import { runWorkerMain } from "./worker_main.ts";

Deno.test("an invalid config exits 1 before anything starts", async () => {
  let started = false;
  const code = await runWorkerMain({
    kind: "source",
    args: [],
    env: { CONNECT_COLOUR: "red", TRIBUTARY_LOG_LEVEL: "error" },
    startRuntime: () => {
      started = true;
      return Promise.resolve({ clusterId: "c", stop: () => Promise.resolve() });
    },
    stopSignal: Promise.resolve("test"),
  });
  assert.equal(code, 1);
  assert.equal(started, false);
});

Deno.test("a stop signal stops the runtime and exits 0, even if stopping hangs", async () => {
  const env = { CONNECT_LISTENERS: "http://127.0.0.1:0", TRIBUTARY_LOG_LEVEL: "error" };
  let stopped = false;
  assert.equal(
    await runWorkerMain({
      kind: "sink",
      args: [],
      env,
      startRuntime: () =>
        Promise.resolve({ clusterId: "c", stop: () => Promise.resolve(void (stopped = true)) }),
      stopSignal: Promise.resolve("SIGTERM"),
    }),
    0,
  );
  assert.equal(stopped, true);
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  const started = Date.now();
  assert.equal(
    await runWorkerMain({
      kind: "sink",
      args: [],
      env,
      startRuntime: () =>
        Promise.resolve({
          clusterId: "c",
          stop: () => new Promise<void>((r) => hangTimer = setTimeout(r, 2000)),
        }),
      stopSignal: Promise.resolve("SIGINT"),
      stopDeadlineMs: 100,
    }),
    0,
  );
  assert.ok(Date.now() - started < 1500);
  clearTimeout(hangTimer);
});
