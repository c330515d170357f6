import assert from "node:assert/strict";
import { FileTailer, type TailerLogger, type TailReadResult } from "./file_tailer.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

function collectingLogger(): TailerLogger & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    info: (m) => messages.push(`INFO ${m}`),
    warn: (m) => messages.push(`WARN ${m}`),
  };
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "file_tailer_test_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function append(path: string, text: string): Promise<void> {
  await Deno.writeFile(path, enc.encode(text), { append: true, create: true });
}

/** Reads until idle, returning the text read and every non-data result. */
async function readAll(tailer: FileTailer): Promise<{ text: string; events: TailReadResult[] }> {
  const buf = new Uint8Array(7); // small on purpose: several reads
  let text = "";
  const events: TailReadResult[] = [];
  while (true) {
    const r = await tailer.read(buf);
    if (r.kind === "data") text += dec.decode(buf.subarray(0, r.bytes));
    else if (r.kind === "idle") return { text, events };
    else events.push(r);
  }
}

Deno.test("FileTailer reads from a start position and is idle at end of file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.txt`;
    await append(path, "hello\nworld\n");
    await using tailer = new FileTailer({ path, position: 6, logger: collectingLogger() });
    assert.deepEqual(await readAll(tailer), { text: "world\n", events: [] });
    assert.equal(tailer.position, 12);
    await append(path, "more\n");
    assert.deepEqual(await readAll(tailer), { text: "more\n", events: [] });
    assert.equal(tailer.position, 17);
  });
});

Deno.test("FileTailer waits for a missing file, logging once", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/later.txt`;
    const logger = collectingLogger();
    await using tailer = new FileTailer({ path, logger });
    for (let i = 0; i < 5; i++) assert.deepEqual(await readAll(tailer), { text: "", events: [] });
    assert.equal(logger.messages.length, 1);
    assert.match(logger.messages[0], /WARN File .*later\.txt does not exist yet/);
    await append(path, "now\n");
    assert.deepEqual(await readAll(tailer), { text: "now\n", events: [] });
    assert.match(logger.messages[1], /INFO File .*later\.txt appeared/);
  });
});

Deno.test("FileTailer starts over when the file is truncated", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.txt`;
    const logger = collectingLogger();
    await append(path, "0123456789\n");
    await using tailer = new FileTailer({ path, logger });
    assert.equal((await readAll(tailer)).text, "0123456789\n");
    await Deno.truncate(path, 0);
    await append(path, "new\n");
    assert.deepEqual(await readAll(tailer), {
      text: "new\n",
      events: [{ kind: "reset", reason: "truncated" }],
    });
    assert.equal(tailer.position, 4);
    assert.ok(logger.messages.some((m) => /truncated to 4 bytes, below position 11/.test(m)));
  });
});

Deno.test("FileTailer starts over when a stored position is past the end of the file", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.txt`;
    await append(path, "short\n");
    const logger = collectingLogger();
    await using tailer = new FileTailer({ path, position: 1000, logger });
    assert.deepEqual(await readAll(tailer), {
      text: "short\n",
      events: [{ kind: "reset", reason: "truncated" }],
    });
    assert.ok(logger.messages.some((m) => /fewer than the stored position 1000/.test(m)));
  });
});

Deno.test("FileTailer drains the old file, then reads a file renamed into place", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.txt`;
    const logger = collectingLogger();
    await append(path, "old 1\n");
    await using tailer = new FileTailer({ path, logger });
    assert.equal((await readAll(tailer)).text, "old 1\n");
    // Rotate: append to the old file after we read, then rename a new one over it.
    await append(path, "old 2\n");
    await Deno.writeTextFile(`${dir}/in.txt.tmp`, "new 1\n");
    await Deno.rename(`${dir}/in.txt.tmp`, path);
    assert.deepEqual(await readAll(tailer), {
      text: "old 2\nnew 1\n",
      events: [{ kind: "reset", reason: "replaced" }],
    });
    assert.ok(logger.messages.some((m) => /was replaced/.test(m)));
  });
});

Deno.test("FileTailer keeps its handle when the file is removed, then follows a new one", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.txt`;
    const logger = collectingLogger();
    await append(path, "a\n");
    await using tailer = new FileTailer({ path, logger });
    assert.equal((await readAll(tailer)).text, "a\n");
    await Deno.remove(path);
    assert.equal((await readAll(tailer)).text, "");
    assert.equal((await readAll(tailer)).text, "");
    assert.equal(logger.messages.filter((m) => /was removed/.test(m)).length, 1);
    await append(path, "b\n");
    assert.deepEqual(await readAll(tailer), {
      text: "b\n",
      events: [{ kind: "reset", reason: "replaced" }],
    });
  });
});

Deno.test("FileTailer.waitForChange wakes up on an append well before the fallback timer", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.txt`;
    await append(path, "");
    await using tailer = new FileTailer({ path, fallbackIntervalMs: 10_000 });
    await readAll(tailer);
    // Prime the watcher, then measure a wake-up.
    await tailer.waitForChange(undefined, 50);
    const started = performance.now();
    const waited = tailer.waitForChange();
    setTimeout(() => append(path, "x\n"), 20);
    await waited;
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2_000, `woke after ${elapsed} ms`);
    assert.equal((await readAll(tailer)).text, "x\n");
  });
});

Deno.test("FileTailer.waitForChange returns at once when the signal aborts", async () => {
  await withTempDir(async (dir) => {
    await using tailer = new FileTailer({ path: `${dir}/none.txt`, fallbackIntervalMs: 10_000 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 10);
    await tailer.waitForChange(controller.signal);
    assert.ok(performance.now() - started < 1_000);
    await tailer.waitForChange(controller.signal); // already aborted: immediate
  });
});

Deno.test("FileTailer.waitForChange falls back to its timer without a watchable directory", async () => {
  const logger = collectingLogger();
  await using tailer = new FileTailer({
    path: "/nonexistent-dir-for-tailer-test/in.txt",
    fallbackIntervalMs: 20,
    logger,
  });
  const started = performance.now();
  await tailer.waitForChange();
  await tailer.waitForChange();
  assert.ok(performance.now() - started < 1_000);
  assert.equal(logger.messages.filter((m) => /Cannot watch directory/.test(m)).length, 1);
});

Deno.test("FileTailer.close ends a pending wait and is idempotent", async () => {
  await withTempDir(async (dir) => {
    const tailer = new FileTailer({ path: `${dir}/in.txt`, fallbackIntervalMs: 10_000 });
    const waited = tailer.waitForChange();
    await tailer.close();
    await waited;
    await tailer.close();
    await assert.rejects(() => tailer.read(new Uint8Array(1)), /Cannot read file .*closed/);
  });
});

Deno.test("FileTailer rejects a directory and a negative position", async () => {
  await withTempDir(async (dir) => {
    await using tailer = new FileTailer({ path: dir });
    await assert.rejects(() => tailer.read(new Uint8Array(1)), /not a regular file/);
  });
  assert.throws(() => new FileTailer({ path: "x", position: -1 }), RangeError);
});

Deno.test("FileTailer calls checkPath before every open and propagates its refusal", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/in.txt`;
    await append(path, "a\n");
    const checked: string[] = [];
    let allow = true;
    await using tailer = new FileTailer({
      path,
      logger: collectingLogger(),
      checkPath: (p) => {
        checked.push(p);
        if (!allow) throw new Error("Cannot open file: not allowed");
      },
    });
    assert.equal((await readAll(tailer)).text, "a\n");
    assert.deepEqual(checked, [path]);
    allow = false;
    await Deno.writeTextFile(`${dir}/new.txt`, "b\n");
    await Deno.rename(`${dir}/new.txt`, path);
    assert.equal((await tailer.read(new Uint8Array(8))).kind, "reset");
    await assert.rejects(() => tailer.read(new Uint8Array(8)), /not allowed/);
  });
});
