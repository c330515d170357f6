import assert from "node:assert/strict";
import { resultsFileName } from "./results.ts";

Deno.test("resultsFileName is a sortable UTC stamp", () => {
  const at = new Date(Date.UTC(2026, 10, 25, 4, 30, 5, 123));
  assert.equal(resultsFileName(at, false), "2026-11-25T04-30-05Z.json");
  assert.equal(resultsFileName(at, true), "2026-11-25T04-30-05Z-quick.json");
});
