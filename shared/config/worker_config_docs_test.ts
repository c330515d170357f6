import assert from "node:assert/strict";
import { workerConfigMarkdown } from "./worker_config_docs.ts";

Deno.test("docs/reference/worker_config.md is generated from the key definitions", async () => {
  const committed = await Deno.readTextFile(
    new URL("../../docs/reference/worker_config.md", import.meta.url),
  );
  assert.equal(committed, workerConfigMarkdown(), "run `deno task docs` to regenerate it");
});

Deno.test("the docs name every key with its default", () => {
  const md = workerConfigMarkdown();
  assert.match(md, /\| `bootstrap.servers` \| list \| `localhost:9092` \|/);
  assert.match(md, /\| `listeners` \| list \| `http:\/\/:8083` \(sink: `http:\/\/:8084`\) \|/);
});
