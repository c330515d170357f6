/**
 * The Kafka Connect quickstart, replayed on Tributary against the real
 * broker with both services as processes: the example plugin is listed, a
 * connector created over REST runs and produces Kafka Connect's JsonConverter
 * envelopes, a file sink created through the source worker runs on the sink
 * worker, and a restarted source worker resumes exactly where it stopped.
 */
import assert from "node:assert/strict";
import { uniqueName } from "./helpers/kafka_env.ts";
import { readTopic } from "./helpers/topic_reader.ts";
import { startWorkerProcess, type WorkerProcess } from "./helpers/worker_process.ts";

interface Cluster {
  dir: string;
  env: Record<string, string>;
  source: WorkerProcess;
  sink: WorkerProcess;
}

async function startCluster(): Promise<Cluster> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "tributary-walk-" }));
  const group = uniqueName("walk");
  const env = {
    CONNECT_GROUP_ID: group,
    CONNECT_CONFIG_STORAGE_TOPIC: `${group}-control`,
    CONNECT_OFFSET_STORAGE_TOPIC: `${group}-offsets`,
    CONNECT_OFFSET_STORAGE_PARTITIONS: "5",
    CONNECT_PLUGIN_PATH: "examples/my_file_source",
    CONNECT_FILE_ALLOWED_DIRS: dir,
    CONNECT_OFFSET_FLUSH_INTERVAL_MS: "200",
  };
  const source = startWorkerProcess({ kind: "source", env, dirs: [dir] });
  const sink = startWorkerProcess({ kind: "sink", env, dirs: [dir] });
  await Promise.all([source.waitHealthy(), sink.waitHealthy()]);
  return { dir, env, source, sink };
}

async function stopCluster(c: Cluster) {
  const codes = await Promise.all([c.source.stop(), c.sink.stop()]);
  await Deno.remove(c.dir, { recursive: true });
  for (const { code } of codes) assert.equal(code, 0);
}

async function rest(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? null : JSON.parse(text) };
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline) {
      throw new Error(`Cannot see ${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

const running = (worker: string) => (s: { status: number; body: Record<string, unknown> }) => {
  const b = s.body as {
    connector?: { state: string; worker_id: string };
    tasks?: { state: string; worker_id: string }[];
  };
  return s.status === 200 && b.connector?.state === "RUNNING" && b.tasks?.length === 1 &&
    b.tasks[0].state === "RUNNING" && b.tasks[0].worker_id === worker;
};

const envelope = (line: string) =>
  JSON.stringify({ schema: { type: "string", optional: false }, payload: line });

Deno.test("the quickstart walkthrough runs end to end on both services", async () => {
  const c = await startCluster();
  const workerId = (w: WorkerProcess) => w.url.replace("http://", "");
  try {
    // 1. The example plugin is listed beside the built-ins, on both services.
    for (const worker of [c.source, c.sink]) {
      const plugins = await rest(worker.url, "GET", "/connector-plugins");
      assert.equal(plugins.status, 200);
      assert.deepEqual(
        plugins.body.find((p: { class: string }) => p.class.endsWith("MyFileSourceConnector")),
        { class: "com.example.MyFileSourceConnector", type: "source", version: "1.0" },
      );
      for (const builtin of ["FileStreamSourceConnector", "FileStreamSinkConnector"]) {
        assert.ok(
          plugins.body.some((p: { class: string }) =>
            p.class === `org.apache.kafka.connect.file.${builtin}`
          ),
        );
      }
    }

    // 2. Create the example connector; it runs with a worker_id.
    const topic = uniqueName("my-source-topic");
    const file = `${c.dir}/my-source-file.txt`;
    const created = await rest(c.source.url, "POST", "/connectors", {
      name: "my-source-connector",
      config: { "connector.class": "com.example.MyFileSourceConnector", file, topic },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.name, "my-source-connector");
    assert.deepEqual(created.body.tasks, []);
    const seen = await rest(c.sink.url, "GET", "/connectors/my-source-connector");
    assert.equal(seen.status, 200, "a GET right after the 201 sees it, on any worker");
    await eventually(
      "my-source-connector RUNNING",
      () => rest(c.source.url, "GET", "/connectors/my-source-connector/status"),
      running(workerId(c.source)),
    );

    // 3. Appending foo, bar and an empty line gives exactly three envelopes.
    await Deno.writeTextFile(file, "foo\nbar\n\n", { append: true });
    const records = await readTopic(topic, { atLeast: 3 });
    assert.deepEqual(records.map((r) => r.value), [
      envelope("foo"),
      envelope("bar"),
      envelope(""),
    ]);

    // 4. A file sink created through the source worker runs on the sink worker.
    const sinkFile = `${c.dir}/my-sink-file.txt`;
    const sink = await rest(c.source.url, "POST", "/connectors", {
      name: "my-sink-connector",
      config: { "connector.class": "FileStreamSink", file: sinkFile, topics: topic },
    });
    assert.equal(sink.status, 201, JSON.stringify(sink.body));
    await eventually(
      "my-sink-connector RUNNING on the sink worker",
      () => rest(c.source.url, "GET", "/connectors/my-sink-connector/status"),
      running(workerId(c.sink)),
    );
    await eventually(
      "the sink file",
      () => Deno.readTextFile(sinkFile).catch(() => ""),
      (text) => text === "foo\nbar\n\n",
    );
    const [fromSource, fromSink] = await Promise.all([
      rest(c.source.url, "GET", "/connectors/my-sink-connector/status"),
      rest(c.sink.url, "GET", "/connectors/my-sink-connector/status"),
    ]);
    assert.deepEqual(fromSource.body, fromSink.body, "both services report the same state");
  } finally {
    await stopCluster(c);
  }
});

for (
  const [label, connectorClass, lines] of [
    ["the example plugin", "MyFileSource", ["one", "two", "three"]],
    ["the built-in file source with multi-byte UTF-8", "FileStreamSource", [
      "grüße",
      "日本語のテキスト",
      "emoji 🎉🚀",
      "ĉu ŝanĝo?",
    ]],
  ] as const
) {
  Deno.test(`a restarted source worker resumes exactly: ${label}`, async () => {
    const c = await startCluster();
    try {
      const topic = uniqueName("resume");
      const file = `${c.dir}/in.txt`;
      const before = lines.map((l, i) => `${l} ${i}`);
      await Deno.writeTextFile(file, before.join("\n") + "\n");
      const created = await rest(c.source.url, "POST", "/connectors", {
        name: "resume",
        config: {
          "connector.class": connectorClass,
          file,
          topic,
          "value.converter": "StringConverter",
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await readTopic(topic, { atLeast: before.length });

      // Stop the source worker, append while it is down, start it again.
      assert.equal((await c.source.stop("SIGTERM")).code, 0);
      const after = Array.from({ length: 50 }, (_, i) => `${lines[i % lines.length]} after ${i}`);
      await Deno.writeTextFile(file, after.join("\n") + "\n", { append: true });
      c.source = startWorkerProcess({ kind: "source", env: c.env, dirs: [c.dir] });
      await c.source.waitHealthy();

      const all = before.concat(after);
      const records = await readTopic(topic, { atLeast: all.length });
      assert.deepEqual(records.map((r) => r.value), all, "no record lost or duplicated");
      const offsets = await rest(c.source.url, "GET", "/connectors/resume/offsets");
      const bytes = new TextEncoder().encode(all.join("\n") + "\n").length;
      await eventually(
        "the committed byte offset",
        () => rest(c.source.url, "GET", "/connectors/resume/offsets"),
        (o) => o.body?.offsets?.[0]?.offset?.position === bytes,
      );
      assert.equal(offsets.status, 200);
    } finally {
      await stopCluster(c);
    }
  });
}
