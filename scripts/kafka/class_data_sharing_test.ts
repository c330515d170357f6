import assert from "node:assert/strict";
import { join } from "node:path";
import { archiveKey, discardArchive, planCds, promoteArchive } from "./class_data_sharing.ts";

Deno.test("archiveKey is a stable 16-hex-digit digest", async () => {
  const key = await archiveKey(["java 17", "4.4.0"]);
  assert.match(key, /^[0-9a-f]{16}$/);
  assert.equal(await archiveKey(["java 17", "4.4.0"]), key);
  assert.notEqual(await archiveKey(["java 21", "4.4.0"]), key);
});

Deno.test("no archive: create one at exit, promote it, then map it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cds = join(dir, "cds");
    assert.deepEqual(await planCds(cds, "broker", "k", false), {
      args: [],
      archive: join(cds, "broker-k.jsa"),
    });
    const plan = await planCds(cds, "broker", "k", true);
    assert.ok(plan.pending?.startsWith(join(cds, "broker-k.jsa.pending-")));
    assert.deepEqual(plan.args, [`-XX:ArchiveClassesAtExit=${plan.pending}`]);
    await Deno.writeTextFile(plan.pending!, "archive bytes");
    assert.equal(await promoteArchive(plan), true);
    assert.equal(await Deno.readTextFile(plan.archive), "archive bytes");
    const next = await planCds(cds, "broker", "k", true);
    assert.deepEqual(next.args, [`-XX:SharedArchiveFile=${plan.archive}`, "-Xshare:auto"]);
    assert.equal(next.pending, undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("promoting an archive removes the same role's archives for other keys", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "broker-old.jsa"), "old");
    await Deno.writeTextFile(join(dir, "storage-tool-old.jsa"), "other role");
    const plan = await planCds(dir, "broker", "new", true);
    await Deno.writeTextFile(plan.pending!, "new");
    assert.equal(await promoteArchive(plan), true);
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert.deepEqual(names.sort(), ["broker-new.jsa", "storage-tool-old.jsa"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a second pending archive, an empty one or a discarded one is deleted", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await planCds(dir, "tool", "k", true);
    const second = await planCds(dir, "tool", "k", true);
    const empty = await planCds(dir, "tool", "k", true);
    const crashed = await planCds(dir, "tool", "k", true);
    await Deno.writeTextFile(first.pending!, "one");
    await Deno.writeTextFile(second.pending!, "two");
    await Deno.writeTextFile(empty.pending!, "");
    await Deno.writeTextFile(crashed.pending!, "partial");
    assert.equal(await promoteArchive(empty), false);
    assert.equal(await promoteArchive(first), true);
    assert.equal(await promoteArchive(second), false);
    await discardArchive(crashed);
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert.deepEqual(names, ["tool-k.jsa"]);
    assert.equal(await Deno.readTextFile(join(dir, "tool-k.jsa")), "one");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
