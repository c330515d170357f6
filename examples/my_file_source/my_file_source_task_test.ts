import assert from "node:assert/strict";
import { ConnectError, Schemas, type SourceRecord } from "../../shared/connect/mod.ts";
import { MemorySourceTaskContext } from "../../shared/connect/test_contexts.ts";
import { MyFileSourceTask } from "./my_file_source_task.ts";

async function withFile(
  text: string,
  fn: (file: string, dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir());
  try {
    const file = `${dir}/in.txt`;
    if (text !== "") await Deno.writeTextFile(file, text);
    await fn(file, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function startTask(
  file: string,
  dir: string,
  offsets: { partition: { filename: string }; offset: { position: number } }[] = [],
): MyFileSourceTask {
  const task = new MyFileSourceTask();
  task.initialize(new MemorySourceTaskContext({ allowedFileDirs: [dir], offsets }));
  task.start({ file, topic: "lines" });
  return task;
}

const values = (records: SourceRecord[] | null) => records?.map((r) => r.value) ?? [];
const positions = (records: SourceRecord[] | null) =>
  records?.map((r) => r.sourceOffset.position) ?? [];

Deno.test("each line becomes a string record with its byte offset", async () => {
  await withFile("hello\nwörld\n", async (file, dir) => {
    const task = startTask(file, dir);
    try {
      const records = await task.poll();
      assert.deepEqual(values(records), ["hello", "wörld"]);
      // "wörld\n" is 7 bytes: ö is two bytes in UTF-8.
      assert.deepEqual(positions(records), [6, 13]);
      const [first] = records!;
      assert.deepEqual(first.sourcePartition, { filename: file });
      assert.equal(first.topic, "lines");
      assert.equal(first.valueSchema, Schemas.STRING);
      assert.equal(first.key, null);
      assert.equal(first.kafkaPartition, null);
      assert.equal(typeof first.timestamp, "number");
      assert.deepEqual(first.headers, []);
    } finally {
      task.stop();
    }
  });
});

Deno.test("a partial last line waits for its newline", async () => {
  await withFile("one\ntw", async (file, dir) => {
    const task = startTask(file, dir);
    try {
      assert.deepEqual(values(await task.poll()), ["one"]);
      assert.equal(await task.poll(AbortSignal.abort()), null);
      await Deno.writeTextFile(file, "o\r\nthree\n", { append: true });
      const records = await task.poll();
      assert.deepEqual(values(records), ["two", "three"]);
      assert.deepEqual(positions(records), [9, 15]);
    } finally {
      task.stop();
    }
  });
});

Deno.test("after a restart it resumes from the stored byte offset", async () => {
  await withFile("é1\né2\né3\n", async (file, dir) => {
    const first = startTask(file, dir);
    const records = await first.poll();
    first.stop();
    assert.deepEqual(values(records), ["é1", "é2", "é3"]);
    // The worker stored the offset of the second record only.
    const stored = records![1].sourceOffset.position as number;
    await Deno.writeTextFile(file, "é4\n", { append: true });
    const second = startTask(file, dir, [{
      partition: { filename: file },
      offset: { position: stored },
    }]);
    try {
      assert.deepEqual(values(await second.poll()), ["é3", "é4"]);
    } finally {
      second.stop();
    }
  });
});

Deno.test("a missing file yields nothing, and poll returns as soon as it is aborted", async () => {
  await withFile("", async (file, dir) => {
    const task = startTask(file, dir);
    try {
      const controller = new AbortController();
      const started = performance.now();
      const polling = task.poll(controller.signal);
      setTimeout(() => controller.abort(), 20);
      assert.equal(await polling, null);
      assert.ok(performance.now() - started < 500);
      await Deno.writeTextFile(file, "late\n");
      assert.deepEqual(values(await task.poll()), ["late"]);
    } finally {
      task.stop();
    }
  });
});

Deno.test("no new data: poll waits, but not past an abort", async () => {
  await withFile("a\n", async (file, dir) => {
    const task = startTask(file, dir);
    try {
      await task.poll();
      const started = performance.now();
      assert.equal(await task.poll(AbortSignal.abort()), null);
      assert.ok(performance.now() - started < 200);
    } finally {
      task.stop();
    }
  });
});

Deno.test("lines longer than one read are assembled", async () => {
  const long = "x".repeat(200_000);
  await withFile(`${long}\nshort\n`, async (file, dir) => {
    const task = startTask(file, dir);
    try {
      const got: SourceRecord[] = [];
      for (let i = 0; i < 10 && got.length < 2; i++) got.push(...(await task.poll()) ?? []);
      assert.deepEqual(got.map((r) => (r.value as string).length), [200_000, 5]);
      assert.deepEqual(positions(got), [200_001, 200_007]);
    } finally {
      task.stop();
    }
  });
});

Deno.test("a file outside the allowed directories fails the task", async () => {
  await withFile("a\n", async (file) => {
    const task = new MyFileSourceTask();
    task.initialize(new MemorySourceTaskContext({ allowedFileDirs: ["/nowhere"] }));
    task.start({ file, topic: "lines" });
    await assert.rejects(() => task.poll(), ConnectError);
    task.stop();
  });
});
