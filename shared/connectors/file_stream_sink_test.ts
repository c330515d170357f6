import assert from "node:assert/strict";
import { SINK_CONNECTOR_CONFIG } from "../connect/common_configs.ts";
import { configDocsMarkdown } from "../connect/config_docs.ts";
import type { SinkRecord } from "../connect/record.ts";
import type { Schema } from "../connect/schema.ts";
import { MemoryConnectorContext, MemorySinkTaskContext } from "../connect/test_contexts.ts";
import { topicPartitionOffsets } from "../connect/topic_partition.ts";
import { runConnectorConformance } from "./conformance.ts";
import type { TailerLogger } from "./file/file_tailer.ts";
import {
  FILE_STREAM_SINK_CONFIG,
  FileStreamSinkConnector,
  FileStreamSinkTask,
} from "./file_stream_sink.ts";

runConnectorConformance({
  connectorClass: FileStreamSinkConnector,
  fixture: async () => {
    const dir = await Deno.makeTempDir({ prefix: "file_sink_conformance_" });
    return {
      config: { file: `${dir}/out.txt`, topics: "conformance-topic" },
      env: { allowedFileDirs: [dir] },
      cleanup: () => Deno.remove(dir, { recursive: true }),
    };
  },
});

function quietLogger(): TailerLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, info: (m) => messages.push(m), warn: (m) => messages.push(m) };
}

let nextOffset = 0n;
function record(value: unknown, valueSchema: Schema | null = null): SinkRecord {
  return {
    topic: "lines",
    kafkaPartition: 0,
    kafkaOffset: nextOffset++,
    timestampType: "CreateTime",
    keySchema: null,
    key: null,
    valueSchema,
    value,
    timestamp: 1_700_000_000_000,
    headers: [],
  };
}

async function withSinkTask(
  options: { chunkSize?: number; existing?: string },
  fn: (h: { dir: string; file: string; task: FileStreamSinkTask }) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "file_sink_test_" });
  const file = `${dir}/out.txt`;
  const task = new FileStreamSinkTask({ logger: quietLogger(), chunkSize: options.chunkSize });
  try {
    if (options.existing !== undefined) await Deno.writeTextFile(file, options.existing);
    task.initialize(
      new MemorySinkTaskContext({
        configs: { file },
        assignment: [{ topic: "lines", partition: 0 }],
        allowedFileDirs: [dir],
      }),
    );
    await task.start({ file, topics: "lines" });
    await fn({ dir, file, task });
  } finally {
    await task.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

const NO_OFFSETS = topicPartitionOffsets([]);

Deno.test("FileStreamSinkConnector rejects a file outside the allowed directories on key file", () => {
  const connector = new FileStreamSinkConnector();
  const results = connector.validate({ file: "/etc/passwd", topics: "t" }, {
    allowedFileDirs: ["/data"],
  });
  assert.deepEqual(results.filter((r) => r.errorMessages.length > 0).map((r) => r.name), ["file"]);
  assert.match(
    results[0].errorMessages[0],
    /^Invalid value \/etc\/passwd for configuration file: /,
  );
  const none = connector.validate({ file: "/data/out.txt" }, { allowedFileDirs: [] });
  assert.match(none[0].errorMessages[0], /the worker allows no directory/);
  assert.deepEqual(
    connector.validate({ file: "/data/out.txt" }, { allowedFileDirs: ["/data"] })
      .flatMap((r) => r.errorMessages),
    [],
  );
});

Deno.test("FileStreamSinkConnector with the common sink keys needs topics or topics.regex", () => {
  const spec = SINK_CONNECTOR_CONFIG.merge(new FileStreamSinkConnector().config());
  const env = { allowedFileDirs: ["/data"] };
  const base = { name: "sink", "connector.class": "FileStreamSink", file: "/data/out.txt" };
  const errors = (props: Record<string, string>) =>
    spec.validate(props, env).flatMap((r) => r.errorMessages);
  assert.deepEqual(errors({ ...base, topics: "a,b" }), []);
  assert.deepEqual(errors({ ...base, "topics.regex": "a.*" }), []);
  assert.ok(errors(base).includes("Must configure one of topics or topics.regex"));
});

Deno.test("FileStreamSinkConnector makes tasks.max identical task configs", () => {
  const connector = new FileStreamSinkConnector();
  connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
  const props = { file: "/data/out.txt", topics: "lines" };
  connector.start(props);
  assert.deepEqual(connector.taskConfigs(3), [props, props, props]);
  assert.equal(connector.taskClass(), FileStreamSinkTask);
  assert.equal(
    FileStreamSinkConnector.className,
    "org.apache.kafka.connect.file.FileStreamSinkConnector",
  );
  connector.stop();
  assert.throws(() => connector.taskConfigs(1), /Cannot create task configs/);
});

Deno.test("FileStreamSinkTask appends lines: buffered on put, written and synced on flush", async () => {
  await withSinkTask({ existing: "already here\n" }, async ({ file, task }) => {
    await task.put([record("first"), record("sécond"), record("")]);
    assert.equal(await Deno.readTextFile(file), "already here\n", "put only buffers");
    await task.flush(NO_OFFSETS);
    assert.equal(await Deno.readTextFile(file), "already here\nfirst\nsécond\n\n");
    await task.put([record("more")]);
    const current = topicPartitionOffsets([{ topic: "lines", partition: 0, offset: 99n }]);
    assert.equal(await task.preCommit(current), current, "preCommit flushes, commits all");
    assert.equal(await Deno.readTextFile(file), "already here\nfirst\nsécond\n\nmore\n");
  });
});

Deno.test("FileStreamSinkTask writes a full chunk during put, the rest on flush", async () => {
  await withSinkTask({ chunkSize: 64 }, async ({ file, task }) => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    await task.put(lines.map((l) => record(l)));
    const written = (await Deno.stat(file)).size;
    assert.ok(written > 0, "a full buffer is written during put");
    await task.flush(NO_OFFSETS);
    assert.equal(await Deno.readTextFile(file), lines.map((l) => `${l}\n`).join(""));
  });
});

Deno.test("FileStreamSinkTask renders values like String.valueOf, bytes raw", async () => {
  await withSinkTask({}, async ({ file, task }) => {
    const float64: Schema = { type: "float64", optional: false };
    await task.put([
      record(null),
      record(42),
      record(2, float64),
      record(true),
      record(12345678901234567890n),
      record(["a", 1, null]),
      record(new Map([["k", "v"]])),
      record({ id: 1, name: "x" }),
      record(new Uint8Array([0x68, 0xff, 0x69])),
    ]);
    await task.flush(NO_OFFSETS);
    const bytes = await Deno.readFile(file);
    const expected = [
      ..."null\n42\n2.0\ntrue\n12345678901234567890\n[a, 1, null]\n{k=v}\n{id=1, name=x}\n"
        .split("").map((c) => c.charCodeAt(0)),
      0x68,
      0xff,
      0x69,
      0x0a,
    ];
    assert.deepEqual([...bytes], expected);
  });
});

Deno.test("FileStreamSinkTask.stop drops unflushed lines and closes the file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "file_sink_test_" });
  try {
    const file = `${dir}/out.txt`;
    const logger = quietLogger();
    const task = new FileStreamSinkTask({ logger });
    task.initialize(new MemorySinkTaskContext({ allowedFileDirs: [dir] }));
    await task.start({ file });
    await task.put([record("kept")]);
    await task.flush(NO_OFFSETS);
    await task.put([record("dropped")]);
    await task.stop();
    await task.stop();
    assert.equal(await Deno.readTextFile(file), "kept\n");
    assert.ok(logger.messages.some((m) => /Dropping 8 unflushed bytes/.test(m)));
    await assert.rejects(
      async () => await task.put([record("x")]),
      /Cannot put records: .*not started/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("FileStreamSinkTask.start rejects paths outside the allowed directories", async () => {
  const dir = await Deno.makeTempDir({ prefix: "file_sink_test_" });
  try {
    const task = new FileStreamSinkTask({ logger: quietLogger() });
    task.initialize(new MemorySinkTaskContext({ allowedFileDirs: [dir] }));
    await assert.rejects(
      () => task.start({ file: "/etc/passwd" }),
      /not inside an allowed directory/,
    );
    await assert.rejects(
      () => task.start({ file: `${dir}/../escape.txt` }),
      /not inside an allowed directory/,
    );
    // A symbolic link inside the allowed directory that leads out of it.
    const outside = await Deno.makeTempDir({ prefix: "file_sink_outside_" });
    try {
      await Deno.symlink(outside, `${dir}/link`);
      await assert.rejects(
        () => task.start({ file: `${dir}/link/out.txt` }),
        /not inside an allowed directory/,
      );
      assert.deepEqual([...Deno.readDirSync(outside)], [], "nothing was created outside");
    } finally {
      await Deno.remove(outside, { recursive: true });
    }
    await task.stop();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("FileStreamSinkTask.start reports a file that cannot be opened", async () => {
  const dir = await Deno.makeTempDir({ prefix: "file_sink_test_" });
  try {
    const task = new FileStreamSinkTask({ logger: quietLogger() });
    task.initialize(new MemorySinkTaskContext({ allowedFileDirs: [dir] }));
    await assert.rejects(
      () => task.start({ file: `${dir}/missing-dir/out.txt` }),
      (err: Error) => {
        assert.match(err.message, /^Cannot open file .*missing-dir\/out\.txt for appending: /);
        assert.ok(err.cause instanceof Deno.errors.NotFound);
        return true;
      },
    );
    await task.stop();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Markdown without layout: `deno fmt` re-wraps paragraphs and pads tables. */
const normalizeMarkdown = (md: string) => md.replace(/-{3,}/g, "---").replace(/\s+/g, " ").trim();

Deno.test("docs/connectors/file_stream_sink.md holds the generated config reference", async () => {
  const docs = await Deno.readTextFile(
    new URL("../../docs/connectors/file_stream_sink.md", import.meta.url),
  );
  assert.ok(
    normalizeMarkdown(docs).includes(
      normalizeMarkdown(configDocsMarkdown(FILE_STREAM_SINK_CONFIG)),
    ),
    "regenerate the Configuration section from FILE_STREAM_SINK_CONFIG (configDocsMarkdown)",
  );
});
