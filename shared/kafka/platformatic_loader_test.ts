import assert from "node:assert/strict";
import process from "node:process";
import { plt } from "./platformatic_loader.ts";

Deno.test("the library loads and process.env is the real one again", () => {
  assert.equal(typeof plt.Producer, "function");
  assert.equal(typeof plt.Consumer, "function");
  assert.equal(typeof plt.Admin, "function");
  if (Deno.permissions.querySync({ name: "env" }).state === "granted") {
    process.env.TRIBUTARY_LOADER_TEST = "1";
    assert.equal(Deno.env.get("TRIBUTARY_LOADER_TEST"), "1");
    delete process.env.TRIBUTARY_LOADER_TEST;
  } else {
    // Under a narrow --allow-env the real env refuses again once loaded: the
    // guard was only in place during the import.
    assert.throws(() => Object.keys(process.env));
  }
});
