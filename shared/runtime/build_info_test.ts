import assert from "node:assert/strict";
import { buildInfo, VERSION } from "./build_info.ts";

Deno.test("buildInfo prefers TRIBUTARY_COMMIT", async () => {
  assert.deepEqual(await buildInfo({ TRIBUTARY_COMMIT: "c0ffee" }), {
    version: VERSION,
    commit: "c0ffee",
  });
});

Deno.test("buildInfo reads HEAD through a loose or packed ref", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const root = new URL(`file://${dir}/`);
    await Deno.mkdir(`${dir}/.git/refs/heads`, { recursive: true });
    await Deno.writeTextFile(`${dir}/.git/HEAD`, "ref: refs/heads/main\n");
    await Deno.writeTextFile(`${dir}/.git/packed-refs`, "# pack\nabc123 refs/heads/main\n");
    assert.equal((await buildInfo({}, root)).commit, "abc123");
    await Deno.writeTextFile(`${dir}/.git/refs/heads/main`, "def456\n");
    assert.equal((await buildInfo({}, root)).commit, "def456");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("buildInfo answers unknown outside a checkout", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal((await buildInfo({}, new URL(`file://${dir}/`))).commit, "unknown");
  } finally {
    await Deno.remove(dir);
  }
});
