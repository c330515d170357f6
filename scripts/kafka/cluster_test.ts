import assert from "node:assert/strict";
import { join } from "node:path";
import {
  clusterStatus,
  formattedClusterId,
  inspectData,
  startCluster,
  stopCluster,
  wipeRunDir,
} from "./cluster.ts";
import { isPortFree, pickFreePorts } from "./ports.ts";
import { fetchMetadata } from "./probe.ts";
import { isAlive } from "./process_info.ts";
import { type ClusterState, readState, statePath, writeState } from "./state.ts";

async function formatFake(dir: string, id: number, clusterId: string): Promise<void> {
  const data = join(dir, `node-${id}`, "data");
  await Deno.mkdir(data, { recursive: true });
  await Deno.writeTextFile(
    join(data, "meta.properties"),
    `#\nnode.id=${id}\ndirectory.id=x\nversion=1\ncluster.id=${clusterId}\n`,
  );
}

function fakeState(dir: string, pids: number[]): ClusterState {
  return {
    format: 1,
    kafkaVersion: "4.4.0",
    clusterId: "q7m3yC1kQ2W6bT0Xr1ZpUg",
    bootstrap: pids.map((_, i) => `127.0.0.1:${40_000 + 2 * i}`).join(","),
    startedAt: new Date().toISOString(),
    nodes: pids.map((pid, i) => ({
      id: i + 1,
      pid,
      broker: 40_000 + 2 * i,
      controller: 40_001 + 2 * i,
      propertiesFile: join(dir, `node-${i + 1}`, "server.properties"),
      logFile: join(dir, `node-${i + 1}.log`),
      dataDir: join(dir, `node-${i + 1}`, "data"),
    })),
  };
}

/** A harmless process whose command line carries `marker`, standing in for a node's JVM. */
function standIn(marker: string): Deno.ChildProcess {
  return new Deno.Command("sh", {
    args: ["-c", "sleep 60", marker],
    stdout: "null",
    stderr: "null",
  }).spawn();
}

async function reap(child: Deno.ChildProcess): Promise<void> {
  try {
    child.kill("SIGKILL");
  } catch {
    // Already gone (stopped by the code under test).
  }
  await child.status;
}

async function deadPid(): Promise<number> {
  const child = new Deno.Command("true").spawn();
  await child.status;
  return child.pid;
}

Deno.test("inspectData: nothing, reusable data, and data of another shape", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.deepEqual(await inspectData(join(dir, "absent"), 1), { kind: "none" });
    assert.deepEqual(await inspectData(dir, 1), { kind: "none" });
    await formatFake(dir, 1, "AAAAAAAAAAAAAAAAAAAABg");
    assert.equal(await formattedClusterId(join(dir, "node-1", "data")), "AAAAAAAAAAAAAAAAAAAABg");
    assert.deepEqual(await inspectData(dir, 1), {
      kind: "reusable",
      clusterId: "AAAAAAAAAAAAAAAAAAAABg",
    });
    const three = await inspectData(dir, 3);
    assert.equal(three.kind, "mismatch");
    assert.match(
      (three as { reason: string }).reason,
      /holds the data of a 1-node cluster \(formatted nodes 1\), not of 3 node\(s\)/,
    );
    await formatFake(dir, 2, "BBBBBBBBBBBBBBBBBBBBBg");
    assert.match(
      (await inspectData(dir, 2) as { reason: string }).reason,
      /several clusters/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("wipeRunDir removes only the cluster's own files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await formatFake(dir, 1, "AAAAAAAAAAAAAAAAAAAABg");
    await Deno.writeTextFile(join(dir, "node-1.log"), "log");
    await Deno.writeTextFile(join(dir, "node-1.previous.log"), "log");
    await Deno.writeTextFile(join(dir, "cluster.json"), "{}");
    await Deno.writeTextFile(join(dir, "notes.txt"), "mine");
    await wipeRunDir(dir);
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert.deepEqual(names, ["notes.txt"]);
    await wipeRunDir(join(dir, "absent"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("stopCluster and clusterStatus on a directory that never ran", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const absent = join(dir, "absent");
    assert.deepEqual(await stopCluster(absent), { wasRunning: false, forced: [] });
    await assert.rejects(Deno.stat(absent), Deno.errors.NotFound);
    assert.deepEqual(await stopCluster(dir), { wasRunning: false, forced: [] });
    const status = await clusterStatus(dir);
    assert.equal(status.status, "stopped");
    assert.equal(status.staleRemoved, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a stale pid file (process gone) is cleaned up by status", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeState(dir, fakeState(dir, [await deadPid()]));
    const status = await clusterStatus(dir);
    assert.equal(status.status, "stopped");
    assert.equal(status.staleRemoved, true);
    assert.equal(await readState(dir), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a pid reused by an unrelated process does not count as the node", async () => {
  const dir = await Deno.makeTempDir();
  const other = standIn("/some/other/program");
  try {
    await writeState(dir, fakeState(dir, [other.pid]));
    assert.equal((await clusterStatus(dir, { probe: false })).status, "stopped");
    assert.equal(await isAlive(other.pid), true, "the unrelated process is left alone");
  } finally {
    await reap(other);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("start while running reports the running cluster and leaves it alone", async () => {
  const dir = await Deno.makeTempDir();
  const node = standIn(join(dir, "node-1", "server.properties"));
  try {
    const state = fakeState(dir, [node.pid]);
    await writeState(dir, state);
    const before = await Deno.readTextFile(statePath(dir));
    const cluster = await startCluster({ dir, nodes: 1 });
    assert.equal(cluster.alreadyRunning, true);
    assert.equal(cluster.bootstrap, state.bootstrap);
    assert.equal(await Deno.readTextFile(statePath(dir)), before);
    assert.equal(await isAlive(node.pid), true);
    const status = await clusterStatus(dir, { probe: false });
    assert.equal(status.status, "running");
    assert.equal(status.nodes[0].alive, true);
  } finally {
    await reap(node);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("start refuses a partly running cluster", async () => {
  const dir = await Deno.makeTempDir();
  const node = standIn(join(dir, "node-1", "server.properties"));
  try {
    await writeState(dir, fakeState(dir, [node.pid, await deadPid()]));
    await assert.rejects(
      startCluster({ dir, nodes: 2 }),
      /^Error: Cannot start Kafka: the cluster in .* is only partly running \(node 2 down\)/,
    );
    assert.equal((await clusterStatus(dir, { probe: false })).status, "partial");
    const stopped = await stopCluster(dir, { timeoutMs: 5_000 });
    assert.deepEqual(stopped, { wasRunning: true, forced: [] });
    assert.equal(await readState(dir), undefined);
  } finally {
    await reap(node);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("start refuses a bad node count", async () => {
  await assert.rejects(
    startCluster({ dir: "/nonexistent", nodes: 0 }),
    /^Error: Cannot start Kafka: --nodes must be 1 or 3/,
  );
});

Deno.test("start refuses fixed ports that are in use", async () => {
  const dir = await Deno.makeTempDir();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    await assert.rejects(
      startCluster({ dir, basePort: port }),
      new RegExp(`^Error: Cannot start Kafka: port ${port} on 127\\.0\\.0\\.1 is already in use`),
    );
    assert.equal(await readState(dir), undefined);
  } finally {
    listener.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a broker setting Kafka rejects fails the start and leaves no data", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const error = await startCluster({ dir, overrides: { "num.partitions": "many" } })
      .catch((e) => e);
    assert.match(error.message, /^Cannot format Kafka storage: StorageTool exited with code 1/);
    assert.match(error.message, /num\.partitions/);
    assert.deepEqual(await inspectData(dir, 1), { kind: "none" });
    assert.equal(await readState(dir), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("[slow: real Kafka] a node that dies at start-up fails the start, quoting its log", async () => {
  const dir = await Deno.makeTempDir();
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const busy = (taken.addr as Deno.NetAddr).port;
    let base = pickFreePorts(1)[0];
    while (!isPortFree(base + 1)) base = pickFreePorts(1)[0];
    // The controller listener is moved onto a port we hold, so the JVM dies binding it.
    const error = await startCluster({
      dir,
      basePort: base,
      overrides: {
        "listeners": `PLAINTEXT://127.0.0.1:${base},CONTROLLER://127.0.0.1:${busy}`,
        "controller.quorum.voters": `1@127.0.0.1:${busy}`,
      },
    }).catch((e) => e);
    assert.match(
      error.message,
      /^Cannot start Kafka: node 1 exited during start-up \(port \d+ or \d+ is already in use\); errors in .*node-1\.log:\n/,
    );
    assert.match(error.message, /Address already in use/);
    assert.equal(await readState(dir), undefined);
    assert.equal(isPortFree(base), true);
  } finally {
    taken.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "[slow: real Kafka] start on free ports, already running, stop, restart on its data",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "tributary-kafka-test-" });
    try {
      // Two concurrent starts: the lock lets one format and start, the other finds it running.
      const [a, b] = await Promise.all([startCluster({ dir }), startCluster({ dir })]);
      assert.deepEqual([a.alreadyRunning, b.alreadyRunning].sort(), [false, true]);
      assert.equal(a.bootstrap, b.bootstrap);
      assert.match(a.bootstrap, /^127\.0\.0\.1:\d+$/);
      assert.notEqual(a.nodes[0].broker, 9092);

      const [host, port] = a.bootstrap.split(":");
      const metadata = await fetchMetadata(host, Number(port));
      assert.equal(metadata.clusterId, a.clusterId);
      assert.deepEqual(metadata.brokers.map((broker) => broker.port), [Number(port)]);

      const again = await startCluster({ dir });
      assert.equal(again.alreadyRunning, true);
      assert.equal(again.nodes[0].pid, a.nodes[0].pid);

      const status = await clusterStatus(dir);
      assert.equal(status.status, "running");
      assert.equal(status.nodes[0].answering, true);
      assert.match(await Deno.readTextFile(a.nodes[0].logFile), /Kafka Server started/);

      assert.deepEqual(await a.stop(), { wasRunning: true, forced: [] });
      assert.equal(await isAlive(a.nodes[0].pid), false);
      assert.equal((await clusterStatus(dir)).status, "stopped");
      assert.deepEqual(await stopCluster(dir), { wasRunning: false, forced: [] });

      // Started again on the same directory: same data, so the same cluster id.
      const restarted = await startCluster({ dir });
      try {
        assert.equal(restarted.alreadyRunning, false);
        assert.equal(restarted.clusterId, a.clusterId);
      } finally {
        await restarted.stop();
      }
    } finally {
      await stopCluster(dir, { timeoutMs: 5_000 }).catch(() => {});
      await Deno.remove(dir, { recursive: true });
    }
  },
});
