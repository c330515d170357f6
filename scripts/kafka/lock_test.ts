import assert from "node:assert/strict";
import { join } from "node:path";
import { acquireLock, withLock } from "./lock.ts";

Deno.test("a second holder waits, and gets the lock once it is released", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "sub", ".lock");
  try {
    const first = await acquireLock(path);
    assert.equal((await Deno.readTextFile(path)).trim(), String(Deno.pid));
    let waitedOn: number | undefined;
    const second = acquireLock(path, { onWait: (pid) => (waitedOn = pid), timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.equal(waitedOn, Deno.pid);
    await first.release();
    await first.release(); // idempotent
    const lock = await second;
    await lock.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("waiting past the timeout fails with Cannot <action>: ... locked by pid", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, ".lock");
  try {
    const held = await acquireLock(path);
    try {
      await assert.rejects(
        acquireLock(path, { timeoutMs: 150, action: "start Kafka" }),
        new RegExp(`^Error: Cannot start Kafka: .*\\.lock is locked by pid ${Deno.pid}`),
      );
    } finally {
      await held.release();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("withLock serialises concurrent sections", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, ".lock");
  let inside = 0;
  let overlap = false;
  const section = () =>
    withLock(path, async () => {
      inside++;
      if (inside > 1) overlap = true;
      await new Promise((resolve) => setTimeout(resolve, 30));
      inside--;
    });
  try {
    await Promise.all([section(), section(), section()]);
    assert.equal(overlap, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a lock held by a process that died is free again (no stale lock)", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, ".lock");
  try {
    const holder = new Deno.Command(Deno.execPath(), {
      args: [
        "eval",
        `const f = await Deno.open(${
          JSON.stringify(path)
        }, { read: true, write: true, create: true });
         await f.lock(true); console.log("locked"); setInterval(() => {}, 1000);`,
      ],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const reader = holder.stdout.getReader();
    const { value } = await reader.read();
    assert.match(new TextDecoder().decode(value), /locked/);
    await assert.rejects(acquireLock(path, { timeoutMs: 100 }), /is locked by/);
    holder.kill("SIGKILL");
    await holder.status;
    reader.releaseLock();
    await holder.stdout.cancel();
    const lock = await acquireLock(path, { timeoutMs: 2_000 });
    await lock.release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
