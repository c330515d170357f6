import assert from "node:assert/strict";
import { pluginClassName, simpleClassName } from "./class_name.ts";

Deno.test("pluginClassName prefers the declared className", () => {
  class A {
    static readonly className = "com.example.AConnector";
  }
  class B {}
  class C {
    static readonly className = "";
  }
  assert.equal(pluginClassName(A), "com.example.AConnector");
  assert.equal(pluginClassName(B), "B");
  assert.equal(pluginClassName(C), "C");
});

Deno.test("simpleClassName is what follows the last dot", () => {
  assert.equal(simpleClassName("a.b.CConnector"), "CConnector");
  assert.equal(simpleClassName("Plain"), "Plain");
});
