import assert from "node:assert/strict";
import { createLogger } from "./log.ts";

Deno.test("logger filters by level and formats fields", () => {
  const lines: string[] = [];
  const log = createLogger("w", { level: "info", sink: (l) => lines.push(l) });
  log.debug("hidden");
  log.info("ready", { url: "http://x:1", n: 3, big: 5n, text: "two words" });
  log.child("task").error("failed", { err: new Error("boom") });
  assert.equal(lines.length, 2);
  assert.match(lines[0], /INFO {2}\[w\] ready url=http:\/\/x:1 n=3 big=5 text="two words"$/);
  assert.match(lines[1], /ERROR \[w\.task\] failed err="boom"$/);
});
