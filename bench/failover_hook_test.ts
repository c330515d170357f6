import assert from "node:assert/strict";
import { failoverRows, failoverSamples } from "./failover_hook.ts";

Deno.test("failoverSamples: bare numbers are Tributary's", () => {
  assert.deepEqual(failoverSamples(1200), { tributary: [1200] });
  assert.deepEqual(failoverSamples([900, 1000]), { tributary: [900, 1000] });
  assert.deepEqual(failoverSamples({ samplesMs: [5, 6] }), { tributary: [5, 6] });
  assert.deepEqual(failoverSamples({ medianMs: 7 }), { tributary: [7] });
});

Deno.test("failoverSamples: per-system entries", () => {
  assert.deepEqual(
    failoverSamples({ tributary: { samplesMs: [900, 1100] }, kafkaConnect: [4000], other: 1 }),
    { tributary: [900, 1100], kafka_connect: [4000] },
  );
  assert.deepEqual(failoverSamples({ Tributary: 3, connect: { ms: 9 } }), {
    tributary: [3],
    kafka_connect: [9],
  });
});

Deno.test("failoverSamples: anything else gives nothing", () => {
  assert.deepEqual(failoverSamples(undefined), {});
  assert.deepEqual(failoverSamples("fast"), {});
  assert.deepEqual(failoverSamples({ note: "n/a" }), {});
  assert.deepEqual(failoverSamples([]), {});
});

Deno.test("failoverRows: benchFailover's result makes a SIGKILL and a SIGTERM row", () => {
  const rows = failoverRows({
    sigkillMs: [9968, 9979, 9978],
    sigtermMs: [25, 42, 26],
    sigkillMedianMs: 9978,
    sigtermMedianMs: 26,
    sessionTimeoutMs: 10000,
  });
  assert.deepEqual(rows.map((r) => [r.id, r.samples]), [
    ["failover_sigkill", { tributary: [9968, 9979, 9978] }],
    ["failover_sigterm", { tributary: [25, 42, 26] }],
  ]);
  assert.deepEqual(failoverRows(1200).map((r) => r.samples), [{ tributary: [1200] }]);
  assert.deepEqual(failoverRows({ note: "n/a" }), []);
});
