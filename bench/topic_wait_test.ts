import assert from "node:assert/strict";
import { waitForFileSize } from "./topic_wait.ts";

Deno.test("waitForFileSize resolves at the size and ends early when the writer failed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/out.txt`;
    await Deno.writeTextFile(path, "12345");
    assert.ok(await waitForFileSize(path, 5, 1000) > 0);
    const began = performance.now();
    await assert.rejects(
      waitForFileSize(path, 10, 60_000, () => Promise.reject(new Error("task FAILED"))),
      /task FAILED/,
    );
    assert.ok(performance.now() - began < 5000);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
