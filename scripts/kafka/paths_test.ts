import assert from "node:assert/strict";
import { join } from "node:path";
import { defaultRunDir, kafkaCacheRoot, log4jConfigPath, pomPath, repoRoot } from "./paths.ts";

Deno.test("paths hang off the repo root", async () => {
  const root = repoRoot();
  assert.ok(!root.endsWith("/"));
  await Deno.stat(join(root, "deno.json"));
  assert.equal(kafkaCacheRoot(), join(root, ".cache", "kafka"));
  assert.equal(defaultRunDir(), join(root, ".cache", "kafka", "run", "default"));
  assert.equal(defaultRunDir("bench"), join(root, ".cache", "kafka", "run", "bench"));
  await Deno.stat(log4jConfigPath());
  await Deno.stat(pomPath());
});

Deno.test("defaultRunDir refuses names that would escape the run folder", () => {
  assert.throws(() => defaultRunDir("../x"), /^Error: Cannot pick a run directory: name/);
  assert.throws(() => defaultRunDir(""), /Cannot pick a run directory/);
});
