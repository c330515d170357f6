import assert from "node:assert/strict";
import { commandLine, isAlive, waitForExit } from "./process_info.ts";

Deno.test("commandLine sees this process", async () => {
  const line = await commandLine(Deno.pid);
  assert.ok(line?.includes("deno"), line);
  assert.equal(await isAlive(Deno.pid), true);
  assert.equal(await isAlive(Deno.pid, "deno"), true);
});

Deno.test("a marker that is not on the command line means 'not ours'", async () => {
  assert.equal(await isAlive(Deno.pid, "/no/such/server.properties"), false);
});

Deno.test("absent and invalid pids are not alive", async () => {
  assert.equal(await commandLine(0), undefined);
  assert.equal(await commandLine(-3), undefined);
  assert.equal(await commandLine(4_194_303), undefined);
});

Deno.test("waitForExit follows a child to its end; zombies count as gone", async () => {
  const child = new Deno.Command("sleep", { args: ["30"], stdout: "null", stderr: "null" })
    .spawn();
  try {
    assert.equal(await isAlive(child.pid, "sleep 30"), true);
    assert.equal(await waitForExit(child.pid, "sleep 30", 100), false);
    child.kill("SIGKILL");
    // Not awaiting status first: the child may linger as a zombie, which must count as gone.
    assert.equal(await waitForExit(child.pid, "sleep 30", 5_000), true);
  } finally {
    await child.status;
  }
});
