import assert from "node:assert/strict";
import { join } from "node:path";
import { type ClusterState, readState, removeState, statePath, writeState } from "./state.ts";

function sample(dir: string): ClusterState {
  return {
    format: 1,
    kafkaVersion: "4.4.0",
    clusterId: "q7m3yC1kQ2W6bT0Xr1ZpUg",
    bootstrap: "127.0.0.1:9092",
    startedAt: "2026-01-01T00:00:00.000Z",
    nodes: [{
      id: 1,
      pid: 1234,
      broker: 9092,
      controller: 9093,
      propertiesFile: join(dir, "node-1", "server.properties"),
      logFile: join(dir, "node-1.log"),
      dataDir: join(dir, "node-1", "data"),
    }],
  };
}

Deno.test("writeState then readState round-trips; removeState deletes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal(await readState(dir), undefined);
    await writeState(dir, sample(dir));
    assert.deepEqual(await readState(dir), sample(dir));
    assert.equal(statePath(dir), join(dir, "cluster.json"));
    const leftovers = [];
    for await (const entry of Deno.readDir(dir)) leftovers.push(entry.name);
    assert.deepEqual(leftovers, ["cluster.json"]);
    await removeState(dir);
    await removeState(dir); // absent is fine
    assert.equal(await readState(dir), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a damaged or foreign pid file reads as absent", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(statePath(dir), "{not json");
    assert.equal(await readState(dir), undefined);
    await Deno.writeTextFile(statePath(dir), JSON.stringify({ ...sample(dir), format: 2 }));
    assert.equal(await readState(dir), undefined);
    await Deno.writeTextFile(
      statePath(dir),
      JSON.stringify({ ...sample(dir), nodes: [{ id: 1, pid: "x" }] }),
    );
    assert.equal(await readState(dir), undefined);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeState fails with Cannot write ... when the folder is missing", async () => {
  await assert.rejects(
    writeState("/nonexistent/tributary/run", sample("/x")),
    /^Error: Cannot write the Kafka pid file: \/nonexistent\/tributary\/run\/cluster\.json is not writable$/,
  );
});
