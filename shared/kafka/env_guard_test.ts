import assert from "node:assert/strict";
import { createEnvGuard, withEnvGuard } from "./env_guard.ts";

const denied = () => {
  throw new Error("NotCapable");
};

Deno.test("the guard turns refused env access into absence", () => {
  const strict = new Proxy({} as Record<string, string>, {
    get: denied,
    has: denied,
    ownKeys: denied,
    deleteProperty: denied,
    set: denied,
  });
  const guarded = createEnvGuard(strict);
  assert.deepEqual(Object.keys(guarded), []);
  assert.equal(guarded.DEBUG, undefined);
  assert.equal("DEBUG" in guarded, false);
  assert.equal(delete guarded.DEBUG, true);
  guarded.DEBUG = "x";
});

Deno.test("the guard passes through permitted access and is restored afterwards", async () => {
  const env: Record<string, string | undefined> = { A: "1" };
  const holder = { env };
  const seen = await withEnvGuard(holder, () => {
    holder.env.B = "2";
    return Promise.resolve({ keys: Object.keys(holder.env), a: holder.env.A });
  });
  assert.deepEqual(seen, { keys: ["A", "B"], a: "1" });
  assert.equal(holder.env, env);
  await assert.rejects(withEnvGuard(holder, () => Promise.reject(new Error("x"))), /x/);
  assert.equal(holder.env, env);
});
