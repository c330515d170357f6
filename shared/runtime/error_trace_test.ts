import assert from "node:assert/strict";
import { errorTrace } from "./error_trace.ts";

Deno.test("errorTrace shows the stack and its causes", () => {
  const trace = errorTrace(new Error("outer", { cause: new Error("inner", { cause: "root" }) }));
  assert.match(trace, /^Error: outer\n\s+at /);
  assert.match(trace, /\nCaused by: Error: inner\n/);
  assert.match(trace, /\nCaused by: root$/);
  assert.equal(errorTrace(42), "42");
});
