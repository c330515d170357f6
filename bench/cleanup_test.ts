import assert from "node:assert/strict";
import { Cleanup } from "./cleanup.ts";

Deno.test("Cleanup runs steps newest first, survives failures, runs once", async () => {
  const done: string[] = [];
  const logged: string[] = [];
  const cleanup = new Cleanup((m) => logged.push(m));
  cleanup.add("a", () => done.push("a"));
  cleanup.add("fail", () => {
    throw new Error("boom");
  });
  const forget = cleanup.add("c", () => done.push("c"));
  cleanup.add("d", async () => {
    await Promise.resolve();
    done.push("d");
  });
  forget();
  await Promise.all([cleanup.run(), cleanup.run()]);
  await cleanup.run();
  assert.deepEqual(done, ["d", "a"]);
  assert.deepEqual(logged, ["warning: cannot fail: boom"]);
});
