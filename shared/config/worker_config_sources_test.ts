import assert from "node:assert/strict";
import { ConfigSourceError, envToKey, gatherWorkerConfig } from "./worker_config_sources.ts";

const files: Record<string, string> = {
  "w.properties": "bootstrap.servers=file:9092\ngroup.id=from-file\n",
  "w.json": '{"group.id":"json","offset.flush.interval.ms":500}',
  "bad.json": "[1]",
};
const readTextFile = (path: string) =>
  path in files ? Promise.resolve(files[path]) : Promise.reject(new Deno.errors.NotFound(path));

Deno.test("envToKey maps CONNECT_ variables and KAFKA_BOOTSTRAP", () => {
  assert.equal(envToKey("CONNECT_BOOTSTRAP_SERVERS"), "bootstrap.servers");
  assert.equal(envToKey("CONNECT_REST_ADVERTISED_HOST__NAME"), "rest.advertised.host_name");
  assert.equal(envToKey("KAFKA_BOOTSTRAP"), "bootstrap.servers");
  assert.equal(envToKey("CONNECT_"), null);
  assert.equal(envToKey("HOME"), null);
});

Deno.test("environment overrides the file, KAFKA_BOOTSTRAP overrides both", async () => {
  const raw = await gatherWorkerConfig({
    args: ["w.properties"],
    env: {
      CONNECT_GROUP_ID: "from-env",
      CONNECT_BOOTSTRAP_SERVERS: "env:9092",
      KAFKA_BOOTSTRAP: "kb:9092",
      PATH: "/bin",
    },
    readTextFile,
  });
  assert.equal(raw.props.get("group.id"), "from-env");
  assert.equal(raw.props.get("bootstrap.servers"), "kb:9092");
  assert.equal(raw.origins.get("bootstrap.servers"), "environment variable KAFKA_BOOTSTRAP");
  assert.equal(raw.origins.get("group.id"), "environment variable CONNECT_GROUP_ID");
});

Deno.test("the file may come from --config, --config= or TRIBUTARY_CONFIG_FILE and be JSON", async () => {
  for (
    const [args, env] of [
      [["--config", "w.json"], {}],
      [["--config=w.json"], {}],
      [[], { TRIBUTARY_CONFIG_FILE: "w.json" }],
    ] as const
  ) {
    const raw = await gatherWorkerConfig({ args, env, readTextFile });
    assert.equal(raw.props.get("group.id"), "json");
    assert.equal(raw.props.get("offset.flush.interval.ms"), "500");
    assert.equal(raw.origins.get("group.id"), "w.json");
  }
});

Deno.test("bad sources are named in the error", async () => {
  await assert.rejects(
    gatherWorkerConfig({ args: ["missing.properties"], env: {}, readTextFile }),
    (err: unknown) =>
      err instanceof ConfigSourceError &&
      err.message.startsWith("Cannot read worker config file missing.properties") &&
      err.cause instanceof Deno.errors.NotFound,
  );
  await assert.rejects(
    gatherWorkerConfig({ args: ["bad.json"], env: {}, readTextFile }),
    /expected a JSON object/,
  );
  await assert.rejects(gatherWorkerConfig({ args: ["--bogus"], env: {} }), /unknown argument/);
  await assert.rejects(
    gatherWorkerConfig({ args: ["a", "b"], env: {} }),
    /more than one config file/,
  );
});
