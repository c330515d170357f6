import assert from "node:assert/strict";
import { Password } from "./password.ts";

Deno.test("a password hides itself everywhere but value()", () => {
  const p = new Password("hunter2");
  assert.equal(p.value(), "hunter2");
  assert.equal(String(p), "[hidden]");
  assert.equal(`${p}`, "[hidden]");
  assert.equal(JSON.stringify({ p }), '{"p":"[hidden]"}');
  assert.equal(Deno.inspect(p), "[hidden]");
  assert.equal(Deno.inspect({ p }).includes("hunter2"), false);
});
