import assert from "node:assert/strict";
import { delay } from "./delay.ts";

Deno.test("delay waits the given time", async () => {
  const started = performance.now();
  await delay(30);
  assert.ok(performance.now() - started >= 25);
});

Deno.test("delay resolves at once for an aborted signal", async () => {
  const started = performance.now();
  await delay(10_000, AbortSignal.abort());
  assert.ok(performance.now() - started < 50);
});

Deno.test("delay resolves early when the signal aborts, leaking no timer", async () => {
  const controller = new AbortController();
  const started = performance.now();
  const timer = setTimeout(() => controller.abort(), 20);
  await delay(10_000, controller.signal);
  clearTimeout(timer);
  assert.ok(performance.now() - started < 1000);
});
