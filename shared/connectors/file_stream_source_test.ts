import assert from "node:assert/strict";
import { configDocsMarkdown } from "../connect/config_docs.ts";
import type { SourceRecord } from "../connect/record.ts";
import { MemoryConnectorContext, MemorySourceTaskContext } from "../connect/test_contexts.ts";
import { runConnectorConformance } from "./conformance.ts";
import type { TailerLogger } from "./file/file_tailer.ts";
import {
  FILE_STREAM_SOURCE_CONFIG,
  FileStreamSourceConnector,
  FileStreamSourceTask,
} from "./file_stream_source.ts";

const enc = new TextEncoder();

runConnectorConformance({
  connectorClass: FileStreamSourceConnector,
  fixture: async () => {
    const dir = await Deno.makeTempDir({ prefix: "file_source_conformance_" });
    await Deno.writeTextFile(`${dir}/in.txt`, "a\nb\nc\n");
    return {
      config: { file: `${dir}/in.txt`, topic: "lines" },
      env: { allowedFileDirs: [dir] },
      cleanup: () => Deno.remove(dir, { recursive: true }),
    };
  },
});

function collectingLogger(): TailerLogger & { messages: string[] } {
  const messages: string[] = [];
  return {
    messages,
    info: (m) => messages.push(`INFO ${m}`),
    warn: (m) => messages.push(`WARN ${m}`),
  };
}

interface Harness {
  dir: string;
  file: string;
  task: FileStreamSourceTask;
  logger: ReturnType<typeof collectingLogger>;
}

/** Runs `fn` with a started task on `<tmp>/in.txt` (not created), cleaning up after. */
async function withTask(
  options: {
    props?: Record<string, string>;
    position?: number;
    fallbackIntervalMs?: number;
    readBufferSize?: number;
    setup?: (file: string) => Promise<void>;
  },
  fn: (h: Harness) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "file_source_test_" });
  const file = `${dir}/in.txt`;
  const logger = collectingLogger();
  const task = new FileStreamSourceTask({
    logger,
    fallbackIntervalMs: options.fallbackIntervalMs,
    readBufferSize: options.readBufferSize,
    maxPollWaitMs: 200,
  });
  try {
    await options.setup?.(file);
    const props = { file, topic: "lines", ...options.props };
    task.initialize(
      new MemorySourceTaskContext({
        configs: props,
        allowedFileDirs: [dir],
        offsets: options.position === undefined
          ? []
          : [{ partition: { filename: file }, offset: { position: options.position } }],
      }),
    );
    task.start(props);
    await fn({ dir, file, task, logger });
  } finally {
    await task.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Polls until `count` records arrived (or 5 s passed). */
async function pollRecords(task: FileStreamSourceTask, count: number): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  const deadline = performance.now() + 5_000;
  while (out.length < count && performance.now() < deadline) {
    const batch = await task.poll(AbortSignal.timeout(1_000));
    if (batch !== null) out.push(...batch);
  }
  return out;
}

const valuesAndPositions = (records: SourceRecord[]) =>
  records.map((r) => [r.value, r.sourceOffset.position]);

async function append(path: string, data: string | Uint8Array): Promise<void> {
  await Deno.writeFile(path, typeof data === "string" ? enc.encode(data) : data, {
    append: true,
    create: true,
  });
}

Deno.test("FileStreamSourceConnector validates its config, with errors on their keys", () => {
  const connector = new FileStreamSourceConnector();
  const errorsOf = (props: Record<string, string>, dirs: string[]) =>
    Object.fromEntries(
      connector.validate(props, { allowedFileDirs: dirs })
        .filter((v) => v.errorMessages.length > 0)
        .map((v) => [v.name, v.errorMessages]),
    );
  assert.deepEqual(errorsOf({ file: "/data/in.txt", topic: "t" }, ["/data"]), {});
  assert.deepEqual(errorsOf({ file: "/etc/passwd", topic: "t" }, ["/data"]), {
    file: [
      "Invalid value /etc/passwd for configuration file: it is not inside an allowed directory (allowed: /data)",
    ],
  });
  assert.deepEqual(
    errorsOf({ file: "/data/../etc/passwd", topic: "t" }, ["/data"]).file?.length,
    1,
  );
  assert.deepEqual(Object.keys(errorsOf({ file: "/data/in.txt", topic: "t" }, [])), ["file"]);
  assert.deepEqual(errorsOf({ file: "/data/in.txt", topic: " ", "batch.size": "0" }, ["/data"]), {
    topic: ["Invalid value  for configuration topic: String must be non-empty"],
    "batch.size": ["Invalid value 0 for configuration batch.size: Value must be at least 1"],
  });
  assert.deepEqual(Object.keys(errorsOf({}, ["/data"])), ["file", "topic"]);
});

Deno.test("FileStreamSourceConnector makes one task config whatever tasks.max", () => {
  const connector = new FileStreamSourceConnector();
  connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
  connector.start({ file: "/data/in.txt", topic: "lines", "tasks.max": "3", name: "fs" });
  assert.deepEqual(connector.taskConfigs(3), [
    { file: "/data/in.txt", topic: "lines", "batch.size": "2000" },
  ]);
  assert.equal(connector.taskClass(), FileStreamSourceTask);
  assert.equal(
    FileStreamSourceConnector.className,
    "org.apache.kafka.connect.file.FileStreamSourceConnector",
  );
  assert.equal(connector.exactlyOnceSupport({ file: "/data/in.txt" }), "SUPPORTED");
  connector.stop();
  assert.throws(() => connector.taskConfigs(1), /Cannot create task configs/);
});

Deno.test("FileStreamSourceConnector.start rejects a file outside the allowed directories", () => {
  const connector = new FileStreamSourceConnector();
  connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
  assert.throws(
    () => connector.start({ file: "/etc/passwd", topic: "lines" }),
    /configuration file: it is not inside an allowed directory/,
  );
});

Deno.test("FileStreamSourceConnector.alterOffsets checks positions like Kafka Connect", () => {
  const connector = new FileStreamSourceConnector();
  const config = { file: "/data/in.txt", topic: "t" };
  const partition = { filename: "/data/in.txt" };
  assert.equal(connector.alterOffsets(config, [{ partition, offset: { position: 10 } }]), true);
  assert.equal(connector.alterOffsets(config, [{ partition, offset: null }]), true);
  assert.throws(
    () => connector.alterOffsets(config, [{ partition, offset: { position: -1 } }]),
    /Cannot alter offsets: .*non-negative/,
  );
  assert.throws(
    () => connector.alterOffsets(config, [{ partition, offset: { position: "1" } }]),
    /expected to be an integer/,
  );
  assert.throws(
    () => connector.alterOffsets(config, [{ partition, offset: { other: 1 } }]),
    /contain the key 'position'/,
  );
  assert.throws(
    () => connector.alterOffsets(config, [{ partition: { f: "x" }, offset: { position: 1 } }]),
    /contain the key 'filename'/,
  );
  assert.throws(() => connector.alterOffsets({ topic: "t" }, []), /'file' configuration/);
});

Deno.test("FileStreamSourceTask sends each line as a string record with its byte offset", async () => {
  await withTask({ setup: (f) => append(f, "first\r\nsecond\rthird\n\nfourth") }, async (h) => {
    const records = await pollRecords(h.task, 4);
    assert.deepEqual(valuesAndPositions(records), [
      ["first", 7],
      ["second", 14],
      ["third", 20],
      ["", 21],
    ]);
    const [r] = records;
    assert.deepEqual(r.sourcePartition, { filename: h.file });
    assert.equal(r.topic, "lines");
    assert.equal(r.key, null);
    assert.equal(r.keySchema, null);
    assert.equal(r.kafkaPartition, null);
    assert.deepEqual(r.valueSchema, { type: "string", optional: false });
    assert.equal(typeof r.timestamp, "number");
    assert.deepEqual(r.headers, []);
    // "fourth" has no terminator yet: it waits.
    assert.equal(await h.task.poll(AbortSignal.timeout(100)), null);
    await append(h.file, "\n");
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 1)), [["fourth", 28]]);
  });
});

Deno.test("FileStreamSourceTask returns at most batch.size records per poll", async () => {
  const lines = Array.from({ length: 25 }, (_, i) => `line-${i}`);
  await withTask({
    props: { "batch.size": "10" },
    setup: (f) => append(f, lines.map((l) => `${l}\n`).join("")),
  }, async (h) => {
    const sizes: number[] = [];
    const values: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const batch = await h.task.poll();
      assert.ok(batch !== null);
      sizes.push(batch.length);
      values.push(...batch.map((r) => r.value));
    }
    assert.deepEqual(sizes, [10, 10, 5]);
    assert.deepEqual(values, lines);
  });
});

Deno.test("FileStreamSourceTask reads across small chunks with split \\r\\n and multi-byte text", async () => {
  const text = "αβγ\r\n€€€€€€€€\r\n😀😀😀😀\n";
  await withTask({ readBufferSize: 4, setup: (f) => append(f, text) }, async (h) => {
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 3)), [
      ["αβγ", 8],
      ["€€€€€€€€", 34],
      ["😀😀😀😀", 51],
    ]);
  });
});

Deno.test("FileStreamSourceTask resumes at a stored byte offset in multi-byte text", async () => {
  // "héllo wörld\n" is 14 bytes but 12 UTF-16 chars: a char count would resume mid-line.
  const text = "héllo wörld\nñandú €5\nlast\n";
  await withTask({ position: 14, setup: (f) => append(f, text) }, async (h) => {
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 2)), [
      ["ñandú €5", 27],
      ["last", 32],
    ]);
    assert.ok(h.logger.messages.some((m) => /Resuming .* at byte 14/.test(m)));
  });
});

Deno.test("FileStreamSourceTask rejects a stored offset that is not a byte position", async () => {
  const dir = await Deno.makeTempDir({ prefix: "file_source_test_" });
  try {
    const file = `${dir}/in.txt`;
    const props = { file, topic: "lines" };
    const task = new FileStreamSourceTask({ logger: collectingLogger() });
    task.initialize(
      new MemorySourceTaskContext({
        configs: props,
        allowedFileDirs: [dir],
        offsets: [{ partition: { filename: file }, offset: { position: "12" } }],
      }),
    );
    assert.throws(() => task.start(props), /Cannot resume .*not a non-negative integer/);
    await task.stop();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("FileStreamSourceTask.start rejects a file outside the allowed directories", async () => {
  const task = new FileStreamSourceTask({ logger: collectingLogger() });
  const props = { file: "/etc/passwd", topic: "lines" };
  task.initialize(new MemorySourceTaskContext({ configs: props, allowedFileDirs: ["/data"] }));
  assert.throws(() => task.start(props), /not inside an allowed directory/);
  await task.stop();
});

Deno.test("FileStreamSourceTask replaces invalid UTF-8, logs it once and counts real bytes", async () => {
  const bytes = new Uint8Array([0x61, 0xff, 0x62, 0x0a, 0xc3, 0x0a, 0x6f, 0x6b, 0x0a]);
  await withTask({ setup: (f) => append(f, bytes) }, async (h) => {
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 3)), [
      ["a\uFFFDb", 4],
      ["\uFFFD", 6],
      ["ok", 9],
    ]);
    await append(h.file, new Uint8Array([0xfe, 0x0a]));
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 1)), [["\uFFFD", 11]]);
    const warnings = h.logger.messages.filter((m) => /not valid UTF-8/.test(m));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /first at byte 1/);
  });
});

Deno.test("FileStreamSourceTask reads a truncated file again from its start", async () => {
  await withTask({ setup: (f) => append(f, "one\ntwo\nthree\n") }, async (h) => {
    assert.equal((await pollRecords(h.task, 3)).length, 3);
    await Deno.writeTextFile(h.file, "new\n"); // truncates, then writes 4 bytes < 14
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 1)), [["new", 4]]);
    assert.ok(h.logger.messages.some((m) => /WARN .*truncated/.test(m)));
  });
});

Deno.test("FileStreamSourceTask drops a partial line when the file is truncated", async () => {
  await withTask({ setup: (f) => append(f, "done\npartial") }, async (h) => {
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 1)), [["done", 5]]);
    assert.equal(await h.task.poll(AbortSignal.timeout(50)), null);
    await Deno.writeTextFile(h.file, "x\n");
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 1)), [["x", 2]]);
  });
});

Deno.test("FileStreamSourceTask follows a file renamed into place (rotation)", async () => {
  await withTask({ setup: (f) => append(f, "old-1\n") }, async (h) => {
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 1)), [["old-1", 6]]);
    await append(h.file, "old-2\n");
    await Deno.writeTextFile(`${h.dir}/next.txt`, "new-1\nnew-2\n");
    await Deno.rename(`${h.dir}/next.txt`, h.file);
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 3)), [
      ["old-2", 12],
      ["new-1", 6],
      ["new-2", 12],
    ]);
    assert.ok(h.logger.messages.some((m) => /WARN .*was replaced/.test(m)));
  });
});

Deno.test("FileStreamSourceTask waits for a missing file, logging once", async () => {
  await withTask({}, async (h) => {
    for (let i = 0; i < 3; i++) assert.equal(await h.task.poll(AbortSignal.timeout(60)), null);
    assert.equal(h.logger.messages.filter((m) => /does not exist yet/.test(m)).length, 1);
    await append(h.file, "hello\n");
    assert.deepEqual(valuesAndPositions(await pollRecords(h.task, 1)), [["hello", 6]]);
  });
});

Deno.test("FileStreamSourceTask.poll returns promptly when its signal aborts", async () => {
  await withTask({ fallbackIntervalMs: 10_000 }, async (h) => {
    await append(h.file, "");
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 20);
    assert.equal(await h.task.poll(controller.signal), null);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `poll took ${elapsed} ms after abort`);
    assert.equal(await h.task.poll(AbortSignal.abort()), null);
  });
});

Deno.test("FileStreamSourceTask picks up an appended line within milliseconds", async () => {
  // A 10 s fallback timer: only the file-system watch can wake the poll in time.
  await withTask({ fallbackIntervalMs: 10_000, setup: (f) => append(f, "") }, async (h) => {
    assert.equal(await h.task.poll(AbortSignal.timeout(50)), null); // opens file + watcher
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const polled = h.task.poll(AbortSignal.timeout(5_000));
      await new Promise((r) => setTimeout(r, 10));
      const written = performance.now();
      await append(h.file, `line ${i}\n`);
      const records = await polled;
      latencies.push(performance.now() - written);
      assert.deepEqual(records?.map((r) => r.value), [`line ${i}`]);
    }
    latencies.sort((a, b) => a - b);
    // Loose: typically ~1 ms; the median must be well under the old 1 s sleep.
    assert.ok(latencies[2] < 250, `median latency ${latencies[2]} ms (${latencies})`);
  });
});

Deno.test("FileStreamSourceTask.poll before start fails with a clear error", async () => {
  await assert.rejects(() => new FileStreamSourceTask().poll(), /Cannot poll .*not started/);
});

/** Markdown without layout: `deno fmt` re-wraps paragraphs and pads tables. */
const normalizeMarkdown = (md: string) => md.replace(/-{3,}/g, "---").replace(/\s+/g, " ").trim();

Deno.test("docs/connectors/file_stream_source.md holds the generated config reference", async () => {
  const docs = await Deno.readTextFile(
    new URL("../../docs/connectors/file_stream_source.md", import.meta.url),
  );
  assert.ok(
    normalizeMarkdown(docs).includes(
      normalizeMarkdown(configDocsMarkdown(FILE_STREAM_SOURCE_CONFIG)),
    ),
    "regenerate the Configuration section from FILE_STREAM_SOURCE_CONFIG (configDocsMarkdown)",
  );
});

Deno.test("FileStreamSourceConnector spreads a list of files over tasks.max tasks", () => {
  const connector = new FileStreamSourceConnector();
  connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
  connector.start({ file: "/data/a.txt, /data/b.txt,/data/c.txt", topic: "lines" });
  const common = { topic: "lines", "batch.size": "2000" };
  assert.deepEqual(connector.taskConfigs(2), [
    { ...common, files: JSON.stringify(["/data/a.txt", "/data/c.txt"]) },
    { ...common, file: "/data/b.txt" },
  ]);
  assert.deepEqual(connector.taskConfigs(5), [
    { ...common, file: "/data/a.txt" },
    { ...common, file: "/data/b.txt" },
    { ...common, file: "/data/c.txt" },
  ]);
  assert.deepEqual(connector.taskConfigs(1), [
    { ...common, files: JSON.stringify(["/data/a.txt", "/data/b.txt", "/data/c.txt"]) },
  ]);
  connector.stop();
});

Deno.test("FileStreamSourceConnector validates every listed file and glob directory", () => {
  const connector = new FileStreamSourceConnector();
  const errors = (file: string) =>
    connector.validate({ file, topic: "t" }, { allowedFileDirs: ["/data"] })
      .flatMap((v) => v.errorMessages);
  assert.deepEqual(errors("/data/a.txt,/data/logs/**/*.log"), []);
  assert.deepEqual(errors("/data/a.txt,/etc/passwd"), [
    "Invalid value /data/a.txt,/etc/passwd for configuration file: /etc/passwd: it is not inside an allowed directory (allowed: /data)",
  ]);
  assert.deepEqual(errors("/etc/*"), [
    "Invalid value /etc/* for configuration file: /etc/*: its directory /etc is not inside an allowed directory (allowed: /data)",
  ]);
});

Deno.test("FileStreamSourceConnector re-evaluates a glob and asks for new tasks when files appear", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "file_source_glob_" }));
  const connector = new FileStreamSourceConnector();
  const context = new MemoryConnectorContext({ allowedFileDirs: [dir] });
  try {
    await Deno.writeTextFile(`${dir}/1.log`, "");
    connector.initialize(context);
    connector.start({ file: `${dir}/*.log`, topic: "t", "file.rescan.interval.ms": "20" });
    assert.deepEqual(connector.taskConfigs(2).map((c) => c.file), [`${dir}/1.log`]);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(context.reconfigurationRequests, 0, "nothing changed, nothing asked");
    await Deno.writeTextFile(`${dir}/2.log`, "");
    const deadline = performance.now() + 2000;
    while (context.reconfigurationRequests === 0 && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(context.reconfigurationRequests, 1);
    assert.deepEqual(connector.taskConfigs(2).map((c) => c.file), [`${dir}/1.log`, `${dir}/2.log`]);
  } finally {
    connector.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("FileStreamSourceTask reads several files taking turns, each its own partition", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "file_source_multi_" }));
  const [a, b] = [`${dir}/a.txt`, `${dir}/b.txt`];
  const props = { files: JSON.stringify([a, b]), topic: "lines", "batch.size": "3" };
  const task = new FileStreamSourceTask({ logger: collectingLogger(), maxPollWaitMs: 200 });
  try {
    await Deno.writeTextFile(a, "a1\na2\na3\na4\n");
    await Deno.writeTextFile(b, "b1\n");
    task.initialize(
      new MemorySourceTaskContext({
        configs: props,
        allowedFileDirs: [dir],
        offsets: [{ partition: { filename: a }, offset: { position: 3 } }], // after "a1\n"
      }),
    );
    task.start(props);
    const first = await task.poll(AbortSignal.timeout(1000));
    assert.equal(first?.length, 3, "batch.size spans files");
    const records = [...first!, ...await pollRecords(task, 1)];
    const byFile = (f: string) =>
      records.filter((r) => r.sourcePartition.filename === f).map((r) => [
        r.value,
        r.sourceOffset.position,
      ]);
    assert.deepEqual(byFile(a), [["a2", 6], ["a3", 9], ["a4", 12]]);
    assert.deepEqual(byFile(b), [["b1", 3]]);
    // Both files are followed.
    await append(b, "b2\n");
    await append(a, "a5\n");
    const more = await pollRecords(task, 2);
    assert.deepEqual(more.map((r) => r.value).sort(), ["a5", "b2"]);
  } finally {
    await task.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("FileStreamSourceTask rejects listed files outside the allowed directories", () => {
  const task = new FileStreamSourceTask({ logger: collectingLogger() });
  const props = { files: JSON.stringify(["/data/a.txt", "/etc/passwd"]), topic: "t" };
  task.initialize(new MemorySourceTaskContext({ configs: props, allowedFileDirs: ["/data"] }));
  assert.throws(() => task.start(props), /Invalid value \/etc\/passwd for configuration file/);
  assert.throws(
    () => task.start({ files: "[]", topic: "t" }),
    /expected a JSON array of file paths/,
  );
});
