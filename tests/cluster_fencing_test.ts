/**
 * A worker that cannot reach Kafka stops its own tasks within the session
 * timeout, before any other worker starts them, and rejoins when the
 * network heals; no record is lost.
 *
 * The partition is real TCP: a dedicated single-node Kafka (started here,
 * about 2 s) has a second listener, PROXIED, whose advertised address is a
 * TCP proxy in front of it. Workers bootstrapped at the PROXIED listener
 * learn the proxy's address from the metadata, so every byte they exchange
 * with Kafka goes through the proxy; the other workers use the PLAINTEXT
 * listener directly. Cutting the proxy leaves the proxied workers' sockets
 * open but silent (no reset), as a dead link would.
 */
import assert from "node:assert/strict";
import { startCluster } from "../scripts/kafka/cluster.ts";
import {
  createKafkaAdmin,
  createKafkaPartitionReader,
  type KafkaConnectionOptions,
} from "../shared/kafka/mod.ts";
import { eventually, TestCluster } from "./helpers/cluster.ts";
import { TcpProxy } from "./helpers/tcp_proxy.ts";
import { freePort } from "./helpers/worker_process.ts";

const SESSION_MS = 3000;
const STRING = "org.apache.kafka.connect.storage.StringConverter";

/** Two consecutive free ports (client and controller listeners of the node). */
function freePortPair(): number {
  for (let i = 0; i < 50; i++) {
    const base = freePort();
    try {
      Deno.listen({ hostname: "127.0.0.1", port: base + 1 }).close();
      return base;
    } catch {
      // taken: try another
    }
  }
  throw new Error("Cannot find two consecutive free ports");
}

async function readValues(connection: KafkaConnectionOptions, topic: string): Promise<string[]> {
  const admin = await createKafkaAdmin(connection);
  try {
    const ends = await admin.endOffsets([topic]);
    const reader = await createKafkaPartitionReader({
      ...connection,
      partitions: ends.map((e) => ({ topic, partition: e.partition, offset: "earliest" })),
    });
    try {
      const out: string[] = [];
      const decoder = new TextDecoder();
      while (!reader.caughtUp(ends)) {
        for (const r of await reader.poll(200)) out.push(decoder.decode(r.value ?? undefined));
      }
      return out;
    } finally {
      await reader.close();
    }
  } finally {
    await admin.close();
  }
}

/** Timestamps (ms) of the log lines of a worker's output that match. */
function logTimes(output: string, pattern: RegExp): number[] {
  return output.split("\n").filter((l) => pattern.test(l)).map((l) => Date.parse(l.slice(0, 24)));
}

Deno.test("a worker cut off from Kafka fences itself within the session timeout and rejoins", async () => {
  const kafkaDir = await Deno.makeTempDir({ prefix: "tributary-fencing-kafka-" });
  const base = freePortPair();
  const inner = freePort();
  const proxy = TcpProxy.start({ hostname: "127.0.0.1", port: inner });
  const kafka = await startCluster({
    dir: kafkaDir,
    nodes: 1,
    fresh: true,
    basePort: base,
    overrides: {
      "listeners": `PLAINTEXT://127.0.0.1:${base},CONTROLLER://127.0.0.1:${
        base + 1
      },PROXIED://127.0.0.1:${inner}`,
      "advertised.listeners": `PLAINTEXT://127.0.0.1:${base},PROXIED://127.0.0.1:${proxy.port}`,
      "listener.security.protocol.map":
        "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT",
    },
  });
  const direct = kafka.bootstrap;
  const proxied = { KAFKA_BOOTSTRAP: `127.0.0.1:${proxy.port}` };
  const c = await TestCluster.create({
    name: "fencing",
    bootstrap: direct,
    sessionTimeoutMs: SESSION_MS,
  });
  const report: string[] = [];
  let appending = true;
  let appender: Promise<void> = Promise.resolve();
  try {
    const connection = { bootstrapServers: [direct], clientId: "fencing-test" };
    const topic = `${c.group}-lines`;
    const admin = await createKafkaAdmin(connection);
    await admin.createTopic({ name: topic, partitions: 2 });
    await admin.close();

    await Promise.all([
      c.start("source-1", "source", { env: proxied }),
      c.start("source-2", "source"),
      c.start("sink-1", "sink", { env: proxied }),
      c.start("sink-2", "sink"),
    ]);
    const files = [`${c.dir}/in-0.txt`, `${c.dir}/in-1.txt`];
    for (const f of files) await Deno.writeTextFile(f, "");
    const run = c.group.slice(-8);
    const [src, snk] = [`src-${run}`, `sink-${run}`];
    for (
      const [name, config] of [
        [src, { "connector.class": "FileStreamSource", file: files.join(","), topic }],
        [snk, { "connector.class": "FileStreamSink", file: `${c.dir}/out.txt`, topics: topic }],
      ] as const
    ) {
      const r = await c.rest("source-2", "POST", "/connectors", {
        name,
        config: { ...config, "tasks.max": "2", "value.converter": STRING },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    const spread = (name: string, workers: string[]) => async () => {
      const s = await c.status("source-2", name);
      const want = workers.map((w) => c.worker(w).address).sort();
      return s !== null && s.tasks.length === 2 &&
        s.tasks.every((t) => t.state === "RUNNING") &&
        JSON.stringify(s.tasks.map((t) => t.worker_id).sort()) === JSON.stringify(want);
    };
    await eventually("one source task per worker", spread(src, ["source-1", "source-2"]), (x) => x);
    await eventually("one sink task per worker", spread(snk, ["sink-1", "sink-2"]), (x) => x);

    const appended: string[] = [];
    const appendedAt = new Map<string, number>();
    appender = (async () => {
      for (let seq = 0; appending; seq++) {
        for (const [i, f] of files.entries()) {
          const line = `f${i}-${String(seq).padStart(6, "0")}`;
          appended.push(line);
          appendedAt.set(line, Date.now());
          await Deno.writeTextFile(f, `${line}\n`, { append: true });
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));

    // Cut source-1 and sink-1 off from Kafka.
    const cutAt = Date.now();
    proxy.cut();
    await eventually(
      "source-2 and sink-2 running everything",
      async () => [
        await spread(src, ["source-2", "source-2"])(),
        await spread(snk, ["sink-2", "sink-2"])(),
      ],
      ([a, b]) => a && b,
      SESSION_MS + 10_000,
    );
    const tookOver = Date.now() - cutAt;
    for (const [cut, other, name] of [["source-1", "source-2", src], ["sink-1", "sink-2", snk]]) {
      const out = c.worker(cut).process.output();
      const [fencedAt] = logTimes(out, /cannot confirm this worker's lease/);
      assert.ok(fencedAt !== undefined, `${cut} never fenced itself:\n${out}`);
      const stoppedAt = Math.max(...logTimes(out, /stopping task .*reason=fenced/));
      const startedAt = Math.min(
        ...logTimes(c.worker(other).process.output(), new RegExp(`starting task connector=${name}`))
          .filter((t) => t > cutAt),
      );
      report.push(
        `${cut}: cut at 0, fenced (tasks held and stopping) at ${fencedAt - cutAt} ms; ` +
          `${other} started its task at ${startedAt - cutAt} ms`,
      );
      assert.ok(fencedAt - cutAt < SESSION_MS, `${cut} fenced itself after ${fencedAt - cutAt} ms`);
      assert.ok(stoppedAt <= startedAt, `${cut}'s task stopped before ${other} started it`);
      assert.ok(fencedAt < startedAt, `no overlap between ${cut} and ${other}`);
    }
    report.push(`everything running on the connected workers ${tookOver} ms after the cut`);

    // Heal: the cut workers rejoin and get their share back.
    const healedAt = Date.now();
    proxy.heal();
    await eventually("source tasks spread again", spread(src, ["source-1", "source-2"]), (x) => x);
    await eventually(
      "sink tasks spread again",
      spread(snk, ["sink-1", "sink-2"]),
      (x) => x,
      30_000,
    );
    report.push(`healed: both workers back in the placement after ${Date.now() - healedAt} ms`);
    assert.match(c.worker("source-1").process.output(), /rejoining the cluster/);

    // No loss: every line in the topic, every record in the sink file.
    appending = false;
    await appender;
    const { value: values } = await eventually(
      "every line in the topic",
      () => readValues(connection, topic),
      (v) => {
        const seen = new Set(v);
        return appended.every((l) => seen.has(l));
      },
      30_000,
      500,
    );
    const duplicates = values.length - new Set(values).size;
    const { value: written } = await eventually(
      "every record in the sink file",
      async () => (await Deno.readTextFile(`${c.dir}/out.txt`)).split("\n").filter((l) => l),
      (lines) => {
        const seen = new Set(lines);
        return appended.every((l) => seen.has(l));
      },
      30_000,
      250,
    );
    // Duplicates only from what the cut workers processed but could not commit.
    const window = (line: string) => {
      const t = appendedAt.get(line)!;
      return t >= cutAt - 500 - 1500 && t <= cutAt + SESSION_MS;
    };
    const inTopic = new Map<string, number>();
    for (const v of values) inTopic.set(v, (inTopic.get(v) ?? 0) + 1);
    const inFile = new Map<string, number>();
    for (const v of written) inFile.set(v, (inFile.get(v) ?? 0) + 1);
    for (const [line, k] of inTopic) {
      if (k > 1) {
        assert.ok(
          window(line),
          `${line} sent ${k} times, ${appendedAt.get(line)! - cutAt} ms after the cut`,
        );
      }
    }
    for (const [line, k] of inFile) {
      if (k > (inTopic.get(line) ?? 0)) {
        assert.ok(
          window(line),
          `${line} written ${k} times, ${appendedAt.get(line)! - cutAt} ms after the cut`,
        );
      }
    }
    report.push(
      `no loss: ${appended.length} lines; duplicates: ${duplicates} in the topic, ` +
        `${written.length - values.length} more in the sink file, all from lines appended ` +
        "between 2 s before the cut and the end of the cut workers' lease",
    );
    console.log(`\n${report.map((l) => `  ${l}`).join("\n")}`);
  } catch (err) {
    console.log(report.join("\n"));
    console.log(c.output());
    throw err;
  } finally {
    appending = false;
    await appender;
    proxy.heal();
    await c.close();
    await proxy.close();
    await kafka.stop({ timeoutMs: 10_000 });
    await Deno.remove(kafkaDir, { recursive: true }).catch(() => {});
  }
});
