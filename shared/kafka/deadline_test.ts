import assert from "node:assert/strict";
import { cancellableDelay, withDeadline } from "./deadline.ts";

Deno.test("withDeadline resolves, or rejects on time, leaving no timer", async () => {
  assert.equal(await withDeadline(Promise.resolve(7), 1000, () => new Error("late")), 7);
  const started = Date.now();
  await assert.rejects(withDeadline(new Promise(() => {}), 20, () => new Error("late")), /late/);
  assert.ok(Date.now() - started < 500);
  await assert.rejects(
    withDeadline(Promise.reject(new Error("own")), 1000, () => new Error("late")),
    /own/,
  );
});

Deno.test("cancellableDelay resolves at once when cancelled", async () => {
  const delay = cancellableDelay(60_000);
  delay.cancel();
  await delay.promise;
  const short = cancellableDelay(5);
  await short.promise;
  short.cancel();
});
