import assert from "node:assert/strict";
import { shortUrl, summarizeProfile } from "./cpu_profile_summary.ts";

Deno.test("summarizeProfile adds self time per function and file", () => {
  const summary = summarizeProfile({
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 } },
      { id: 2, callFrame: { functionName: "encode", url: "file:///r/shared/a.ts", lineNumber: 9 } },
      { id: 3, callFrame: { functionName: "", url: "file:///r/shared/a.ts", lineNumber: 19 } },
    ],
    samples: [2, 2, 3, 1],
    timeDeltas: [1000, 3000, 2000, 500],
  }, "/r/");
  assert.equal(summary.totalMs, 6.5);
  assert.deepEqual(summary.functions, [
    { name: "encode shared/a.ts:10", ms: 4 },
    { name: "(anonymous) shared/a.ts:20", ms: 2 },
    { name: "(root) (native)", ms: 0.5 },
  ]);
  assert.deepEqual(summary.files, [{ name: "shared/a.ts", ms: 6 }, { name: "(native)", ms: 0.5 }]);
});

Deno.test("shortUrl names npm packages and repository files", () => {
  assert.equal(
    shortUrl("file:///r/node_modules/.deno/@platformatic+kafka@2.12.1/node_modules/x/y.js", "/r/"),
    "npm:@platformatic+kafka@2.12.1",
  );
  assert.equal(shortUrl("file:///r/bench/main.ts", "/r/"), "bench/main.ts");
  assert.equal(
    shortUrl("ext:deno_web/08_text_encoding.js", "/r/"),
    "ext:deno_web/08_text_encoding.js",
  );
  assert.equal(shortUrl("", "/r/"), "(native)");
});
