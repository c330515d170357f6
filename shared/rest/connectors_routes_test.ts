import assert from "node:assert/strict";
import type { ConfigInfos, ConfigKeyInfo } from "../connect/config_def.ts";
import type {
  ConnectorConfig,
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorStateInfo,
  Herder,
  PluginInfo,
  RestartOptions,
  TargetState,
  TaskInfo,
  TaskState,
} from "../runtime/herder.ts";
import { createRestApp } from "./app.ts";
import { connectorLocation, connectorsRoutes } from "./connectors_routes.ts";
import { RestError } from "./rest_error.ts";

const WRITES = new Set([
  "createConnector",
  "putConnectorConfig",
  "patchConnectorConfig",
  "deleteConnector",
  "restartConnector",
  "restartTask",
  "setTargetState",
  "alterOffsets",
  "resetOffsets",
]);

const status = (name: string): ConnectorStateInfo => ({
  name,
  connector: { state: "RUNNING", worker_id: "w:8083" },
  tasks: [{ id: 0, state: "RUNNING", worker_id: "w:8083" }],
  type: "source",
});

const info = (name: string, config: ConnectorConfig = { name }): ConnectorInfo => ({
  name,
  config,
  tasks: [],
  type: "source",
});

/** Records every call; answers with canned values; `missing` names answer 404. */
class StubHerder implements Herder {
  calls: { method: string; args: unknown[] }[] = [];
  names = ["a", "b"];
  missing = new Set<string>();
  missingStatus = new Set<string>();
  created = true;

  get writes(): string[] {
    return this.calls.map((c) => c.method).filter((m) => WRITES.has(m));
  }

  #record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const name = args[0];
    if (typeof name === "string" && this.missing.has(name)) {
      throw new RestError(404, `Connector ${name} not found`);
    }
  }

  connectorNames(): string[] {
    this.#record("connectorNames");
    return this.names;
  }
  connectorInfo(name: string): ConnectorInfo {
    this.#record("connectorInfo", name);
    return info(name);
  }
  connectorConfig(name: string): ConnectorConfig {
    this.#record("connectorConfig", name);
    return { name, topic: "t" };
  }
  connectorStatus(name: string): ConnectorStateInfo {
    this.#record("connectorStatus", name);
    if (this.missingStatus.has(name)) {
      throw new RestError(404, `No status found for connector ${name}`);
    }
    return status(name);
  }
  taskConfigs(name: string): TaskInfo[] {
    this.#record("taskConfigs", name);
    return [{ id: { connector: name, task: 0 }, config: { "task.class": "T" } }];
  }
  taskStatus(name: string, task: number): TaskState {
    this.#record("taskStatus", name, task);
    return { id: task, state: "RUNNING", worker_id: "w:8083" };
  }
  createConnector(
    name: string,
    config: ConnectorConfig,
    initialState?: TargetState,
  ): Promise<ConnectorInfo> {
    this.#record("createConnector", name, config, initialState);
    return Promise.resolve(info(name, config));
  }
  putConnectorConfig(
    name: string,
    config: ConnectorConfig,
  ): Promise<{ created: boolean; info: ConnectorInfo }> {
    this.#record("putConnectorConfig", name, config);
    return Promise.resolve({ created: this.created, info: info(name, config) });
  }
  patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo> {
    this.#record("patchConnectorConfig", name, patch);
    return Promise.resolve(info(name));
  }
  deleteConnector(name: string): Promise<void> {
    this.#record("deleteConnector", name);
    return Promise.resolve();
  }
  restartConnector(name: string, options: RestartOptions): Promise<ConnectorStateInfo | null> {
    this.#record("restartConnector", name, options);
    if (!options.includeTasks && !options.onlyFailed) return Promise.resolve(null);
    const s = status(name);
    s.connector.state = "RESTARTING";
    return Promise.resolve(s);
  }
  restartTask(name: string, task: number): Promise<void> {
    this.#record("restartTask", name, task);
    return Promise.resolve();
  }
  setTargetState(name: string, state: TargetState): Promise<void> {
    this.#record("setTargetState", name, state);
    return Promise.resolve();
  }
  offsets(name: string): Promise<ConnectorOffsets> {
    this.#record("offsets", name);
    return Promise.resolve({
      offsets: [{ partition: { filename: "/in.txt" }, offset: { position: 30 } }],
    });
  }
  alterOffsets(name: string, offsets: ConnectorOffsets): Promise<string> {
    this.#record("alterOffsets", name, offsets);
    return Promise.resolve("The offsets for this connector have been altered successfully");
  }
  resetOffsets(name: string): Promise<string> {
    this.#record("resetOffsets", name);
    return Promise.resolve("The offsets for this connector have been reset successfully");
  }
  plugins(connectorsOnly: boolean): PluginInfo[] {
    this.#record("plugins", connectorsOnly);
    return [];
  }
  pluginConfig(plugin: string): ConfigKeyInfo[] {
    this.#record("pluginConfig", plugin);
    return [];
  }
  validateConfig(plugin: string, config: ConnectorConfig): Promise<ConfigInfos> {
    this.#record("validateConfig", plugin, config);
    return Promise.resolve({ name: plugin, error_count: 0, groups: [], configs: [] });
  }
}

function setup() {
  const herder = new StubHerder();
  const unexpected: unknown[] = [];
  const app = createRestApp({
    rootInfo: () => ({ version: "1", commit: "c", kafka_cluster_id: null }),
    health: () => "healthy",
    plugins: [connectorsRoutes({ herder: () => herder })],
    onUnexpectedError: (err) => unexpected.push(err),
  });
  return { herder, app, unexpected };
}

const JSON_HEADERS = { "Content-Type": "application/json" };

function send(method: string, body: unknown): RequestInit {
  return { method, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

function raw(method: string, body: string, contentType?: string): RequestInit {
  return {
    method,
    headers: contentType === undefined ? {} : { "Content-Type": contentType },
    body,
  };
}

async function assertError(res: Response, status: number, message?: string | RegExp) {
  assert.equal(res.status, status);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), ["error_code", "message"]);
  assert.equal(body.error_code, status);
  if (typeof message === "string") assert.equal(body.message, message);
  else if (message !== undefined) assert.match(body.message, message);
}

const SOURCE = { "connector.class": "FileStreamSource", topic: "t" };

Deno.test("GET /connectors lists names", async () => {
  const { app } = setup();
  for (const path of ["/connectors", "/connectors/"]) {
    const res = await app.request(path);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), ["a", "b"]);
  }
});

Deno.test("GET /connectors?expand= expands status, info, both, and ignores others", async () => {
  const { app } = setup();
  const both = await (await app.request("/connectors?expand=status&expand=info")).json();
  assert.deepEqual(both, {
    a: { status: status("a"), info: info("a") },
    b: { status: status("b"), info: info("b") },
  });
  assert.deepEqual(await (await app.request("/connectors?expand=info")).json(), {
    a: { info: info("a") },
    b: { info: info("b") },
  });
  assert.deepEqual(await (await app.request("/connectors?expand=status")).json(), {
    a: { status: status("a") },
    b: { status: status("b") },
  });
  assert.deepEqual(await (await app.request("/connectors?expand=nope")).json(), { a: {}, b: {} });
  assert.deepEqual(await (await app.request("/connectors?expand")).json(), { a: {}, b: {} });
});

Deno.test("GET /connectors?expand= leaves out connectors that answer 404", async () => {
  const { app, herder } = setup();
  herder.missingStatus.add("b");
  assert.deepEqual(await (await app.request("/connectors?expand=status")).json(), {
    a: { status: status("a") },
  });
});

Deno.test("POST /connectors answers 201 with Location and the herder's info", async () => {
  const { app, herder } = setup();
  const res = await app.request("/connectors", send("POST", { name: "fs", config: SOURCE }));
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("Location"), "/connectors/fs");
  assert.deepEqual(await res.json(), info("fs", { ...SOURCE, name: "fs" }));
  assert.deepEqual(herder.calls, [{
    method: "createConnector",
    args: ["fs", { ...SOURCE, name: "fs" }, undefined],
  }]);
});

Deno.test("POST /connectors trims the name and encodes it in Location", async () => {
  const { app, herder } = setup();
  const name = "my conn/ü%";
  const res = await app.request(
    "/connectors",
    send("POST", { name: `  ${name}\t`, config: { ...SOURCE, name } }),
  );
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("Location"), "/connectors/my%20conn%2F%C3%BC%25");
  assert.equal(herder.calls[0].args[0], name);
});

Deno.test("POST /connectors passes initial_state, in any case", async () => {
  const { app, herder } = setup();
  for (
    const [given, expected] of [["PAUSED", "PAUSED"], ["stopped", "STOPPED"], [null, undefined]]
  ) {
    herder.calls = [];
    const res = await app.request(
      "/connectors",
      send("POST", { name: "fs", config: SOURCE, initial_state: given }),
    );
    assert.equal(res.status, 201);
    assert.equal(herder.calls[0].args[2], expected);
  }
});

Deno.test("POST /connectors coerces scalar config values as Jackson does", async () => {
  const { app, herder } = setup();
  const res = await app.request(
    "/connectors",
    raw(
      "POST",
      '{"name":"fs","config":{"tasks.max":1,"batch.size":1.50,"big":12345678901234567890,' +
        '"exp":1e3,"flag":true,"off":false}}',
      "application/json; charset=utf-8",
    ),
  );
  assert.equal(res.status, 201);
  assert.deepEqual(herder.calls[0].args[1], {
    "tasks.max": "1",
    "batch.size": "1.50",
    big: "12345678901234567890",
    exp: "1e3",
    flag: "true",
    off: "false",
    name: "fs",
  });
});

Deno.test("POST /connectors without Content-Type is read as JSON, as Jersey does", async () => {
  const { app } = setup();
  const res = await app.request("/connectors", {
    method: "POST",
    body: new TextEncoder().encode(JSON.stringify({ name: "fs", config: SOURCE })),
  });
  assert.equal(res.status, 201);
});

Deno.test("POST /connectors rejects bad bodies with 400 naming the field, before the herder", async () => {
  const cases: [RequestInit, number, string | RegExp][] = [
    [raw("POST", "{", "application/json"), 400, /^Cannot create connector: .*not valid JSON/],
    [raw("POST", "", "application/json"), 400, /^Cannot create connector: .*empty/],
    [raw("POST", "  \n", "application/json"), 400, /empty/],
    [send("POST", []), 400, /request body must be a JSON object.*not an array/],
    [send("POST", "fs"), 400, /not a string/],
    [send("POST", null), 400, /not null/],
    [
      send("POST", { config: SOURCE }),
      400,
      'Cannot create connector: "name" is missing from the request body',
    ],
    [send("POST", { name: null, config: SOURCE }), 400, /"name" is missing/],
    [send("POST", { name: 5, config: SOURCE }), 400, /"name" must be a string, not a number/],
    [send("POST", { name: " \t", config: SOURCE }), 400, /"name" must not be blank/],
    [send("POST", { name: "fs" }), 400, /"config" is missing/],
    [send("POST", { name: "fs", config: null }), 400, /"config" must be a JSON object.*not null/],
    [send("POST", { name: "fs", config: ["a"] }), 400, /"config" must be .* not an array/],
    [
      send("POST", { name: "fs", config: { ...SOURCE, topic: { x: 1 } } }),
      400,
      'Cannot create connector: config key "config.topic" must have a string value, not an object',
    ],
    [send("POST", { name: "fs", config: { a: [1] } }), 400, /"config\.a" .* not an array/],
    [send("POST", { name: "fs", config: { a: null } }), 400, /"config\.a" .* not null/],
    [
      send("POST", { name: "fs", config: SOURCE, initial_state: "SLEEPING" }),
      400,
      'Cannot create connector: "initial_state" must be one of RUNNING, PAUSED, STOPPED, not "SLEEPING"',
    ],
    [send("POST", { name: "fs", config: SOURCE, initial_state: 1 }), 400, /initial_state/],
    [send("POST", { name: "fs", config: SOURCE, tasks: [] }), 400, /unknown field "tasks"/],
    [
      send("POST", { name: "fs", config: { ...SOURCE, name: "other" } }),
      400,
      "Connector name configuration (other) doesn't match connector name in the URL (fs)",
    ],
    [
      send("POST", { name: " fs", config: { ...SOURCE, name: " fs" } }),
      400,
      "Connector name configuration ( fs) doesn't match connector name in the URL (fs)",
    ],
    [raw("POST", JSON.stringify({ name: "fs", config: SOURCE }), "text/plain"), 415, /415/],
    [
      raw("POST", "name=fs", "application/x-www-form-urlencoded"),
      415,
      "HTTP 415 Unsupported Media Type",
    ],
  ];
  for (const [init, status, message] of cases) {
    const { app, herder } = setup();
    await assertError(await app.request("/connectors", init), status, message);
    assert.deepEqual(herder.calls, [], `${init.body}`);
  }
});

Deno.test("connector names in URLs are percent-decoded", async () => {
  const { app, herder } = setup();
  const names: [string, string][] = [
    ["a%2Fb", "a/b"],
    ["my%20conn", "my conn"],
    ["%C3%BC", "ü"],
    ["100%25", "100%"],
    ["100%2525", "100%25"],
    ["a+b", "a+b"],
    ["a%3Fb", "a?b"],
  ];
  for (const [encoded, name] of names) {
    herder.calls = [];
    const res = await app.request(`/connectors/${encoded}`);
    assert.equal(res.status, 200, encoded);
    assert.deepEqual(herder.calls, [{ method: "connectorInfo", args: [name] }]);
    assert.equal((await res.json()).name, name);
  }
});

Deno.test("GET routes answer the herder's entities", async () => {
  const { app, herder } = setup();
  const get = async (path: string) => {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get("Content-Type") ?? "", /^application\/json/);
    return await res.json();
  };
  assert.deepEqual(await get("/connectors/fs"), info("fs"));
  assert.deepEqual(await get("/connectors/fs/"), info("fs"));
  assert.deepEqual(await get("/connectors/fs/config"), { name: "fs", topic: "t" });
  assert.deepEqual(await get("/connectors/fs/status"), status("fs"));
  assert.deepEqual(await get("/connectors/fs/tasks"), [{
    id: { connector: "fs", task: 0 },
    config: { "task.class": "T" },
  }]);
  assert.deepEqual(await get("/connectors/fs/tasks/3/status"), {
    id: 3,
    state: "RUNNING",
    worker_id: "w:8083",
  });
  assert.deepEqual(await get("/connectors/fs/offsets"), {
    offsets: [{ partition: { filename: "/in.txt" }, offset: { position: 30 } }],
  });
  assert.deepEqual(herder.writes, []);
});

Deno.test("HEAD answers like GET without a body", async () => {
  const { app } = setup();
  const res = await app.request("/connectors/fs", { method: "HEAD" });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "");
});

Deno.test("herder errors pass through with their status and message", async () => {
  const { app, herder } = setup();
  herder.missing.add("ghost");
  await assertError(await app.request("/connectors/ghost"), 404, "Connector ghost not found");
  await assertError(
    await app.request("/connectors/ghost", { method: "DELETE" }),
    404,
    "Connector ghost not found",
  );
  await assertError(
    await app.request("/connectors/ghost/config", send("PUT", SOURCE)),
    404,
    "Connector ghost not found",
  );
});

Deno.test("PUT /connectors/{n}/config answers 201 with Location when created", async () => {
  const { app, herder } = setup();
  const res = await app.request("/connectors/my%20fs/config", send("PUT", SOURCE));
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("Location"), "/connectors/my%20fs");
  assert.deepEqual(await res.json(), info("my fs", { ...SOURCE, name: "my fs" }));
  assert.deepEqual(herder.calls, [{
    method: "putConnectorConfig",
    args: ["my fs", { ...SOURCE, name: "my fs" }],
  }]);
});

Deno.test("PUT /connectors/{n}/config answers 200 without Location when updated", async () => {
  const { app, herder } = setup();
  herder.created = false;
  const res = await app.request("/connectors/fs/config", send("PUT", { ...SOURCE, name: "fs" }));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("Location"), null);
  assert.deepEqual(await res.json(), info("fs", { ...SOURCE, name: "fs" }));
});

Deno.test("PUT /connectors/{n}/config rejects bad bodies before the herder", async () => {
  const cases: [RequestInit, number, string | RegExp][] = [
    [
      send("PUT", { ...SOURCE, name: "x" }),
      400,
      "Connector name configuration (x) doesn't match connector name in the URL (fs)",
    ],
    [raw("PUT", "{", "application/json"), 400, /^Cannot set config of connector fs: .*JSON/],
    [send("PUT", [SOURCE]), 400, /request body must be a JSON object.*not an array/],
    [
      send("PUT", { ...SOURCE, topic: ["t"] }),
      400,
      'Cannot set config of connector fs: config key "topic" must have a string value, not an array',
    ],
    [send("PUT", { ...SOURCE, topic: null }), 400, /"topic" .* not null/],
    [raw("PUT", JSON.stringify(SOURCE), "text/plain;charset=UTF-8"), 415, /415/],
  ];
  for (const [init, status, message] of cases) {
    const { app, herder } = setup();
    await assertError(await app.request("/connectors/fs/config", init), status, message);
    assert.deepEqual(herder.calls, [], `${init.body}`);
  }
});

Deno.test("PATCH /connectors/{n}/config passes nulls and answers 200", async () => {
  const { app, herder } = setup();
  const res = await app.request(
    "/connectors/fs/config",
    send("PATCH", { topic: "t2", file: null, "tasks.max": 2, name: "fs" }),
  );
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), info("fs"));
  assert.deepEqual(herder.calls, [{
    method: "patchConnectorConfig",
    args: ["fs", { topic: "t2", file: null, "tasks.max": "2", name: "fs" }],
  }]);
});

Deno.test("PATCH /connectors/{n}/config rejects bad bodies before the herder", async () => {
  const cases: [RequestInit, number, string | RegExp][] = [
    [send("PATCH", "x"), 400, /^Cannot patch config of connector fs: .*not a string/],
    [send("PATCH", { topic: {} }), 400, /"topic" must have a string or null value, not an object/],
    [
      send("PATCH", { name: "other" }),
      400,
      "Connector name configuration (other) doesn't match connector name in the URL (fs)",
    ],
    [raw("PATCH", "", "application/json"), 400, /empty/],
  ];
  for (const [init, status, message] of cases) {
    const { app, herder } = setup();
    await assertError(await app.request("/connectors/fs/config", init), status, message);
    assert.deepEqual(herder.calls, []);
  }
});

Deno.test("DELETE /connectors/{n} answers 204 with no body", async () => {
  const { app, herder } = setup();
  const res = await app.request("/connectors/fs", { method: "DELETE" });
  assert.equal(res.status, 204);
  assert.equal(await res.text(), "");
  assert.deepEqual(herder.writes, ["deleteConnector"]);
});

Deno.test("task ids convert as Integer.valueOf; others are 404 before the herder", async () => {
  const { app, herder } = setup();
  for (
    const [raw, id] of [["0", 0], ["+1", 1], ["007", 7], ["-1", -1], ["2147483647", 2147483647]]
  ) {
    herder.calls = [];
    const res = await app.request(`/connectors/fs/tasks/${raw}/status`);
    assert.equal(res.status, 200, `${raw}`);
    assert.deepEqual(herder.calls, [{ method: "taskStatus", args: ["fs", id] }]);
  }
  for (const bad of ["x", "1.0", "1e2", "2147483648", "%201", "0x1", "-"]) {
    herder.calls = [];
    await assertError(
      await app.request(`/connectors/fs/tasks/${bad}/status`),
      404,
      "HTTP 404 Not Found",
    );
    await assertError(
      await app.request(`/connectors/fs/tasks/${bad}/restart`, { method: "POST" }),
      404,
      "HTTP 404 Not Found",
    );
    assert.deepEqual(herder.calls, [], bad);
  }
});

Deno.test("POST /connectors/{n}/tasks/{i}/restart answers 204", async () => {
  const { app, herder } = setup();
  const res = await app.request("/connectors/fs/tasks/2/restart", { method: "POST" });
  assert.equal(res.status, 204);
  assert.equal(await res.text(), "");
  assert.deepEqual(herder.calls, [{ method: "restartTask", args: ["fs", 2] }]);
});

Deno.test("POST /connectors/{n}/restart: 204 when plain, 202 with the status otherwise", async () => {
  const cases: [string, RestartOptions, number][] = [
    ["", { includeTasks: false, onlyFailed: false }, 204],
    ["?includeTasks=false&onlyFailed=false", { includeTasks: false, onlyFailed: false }, 204],
    ["?includeTasks=yes", { includeTasks: false, onlyFailed: false }, 204],
    ["?includeTasks=", { includeTasks: false, onlyFailed: false }, 204],
    ["?includeTasks=true", { includeTasks: true, onlyFailed: false }, 202],
    ["?onlyFailed=TRUE", { includeTasks: false, onlyFailed: true }, 202],
    ["?includeTasks=True&onlyFailed=true", { includeTasks: true, onlyFailed: true }, 202],
  ];
  for (const [query, options, code] of cases) {
    const { app, herder } = setup();
    const res = await app.request(`/connectors/fs/restart${query}`, { method: "POST" });
    assert.equal(res.status, code, query);
    assert.deepEqual(herder.calls, [{ method: "restartConnector", args: ["fs", options] }]);
    if (code === 204) assert.equal(await res.text(), "");
    else assert.equal((await res.json()).connector.state, "RESTARTING");
  }
});

Deno.test("a herder that returns no status for a restart with tasks is a 500", async () => {
  const { app, herder, unexpected } = setup();
  herder.restartConnector = () => Promise.resolve(null);
  await assertError(
    await app.request("/connectors/fs/restart?includeTasks=true", { method: "POST" }),
    500,
    /^Cannot restart connector fs: the herder returned no status/,
  );
  assert.equal(unexpected.length, 1);
});

Deno.test("pause and resume answer 202, stop 204, all without a body", async () => {
  const cases: [string, TargetState, number][] = [
    ["pause", "PAUSED", 202],
    ["resume", "RUNNING", 202],
    ["stop", "STOPPED", 204],
  ];
  for (const [action, state, code] of cases) {
    const { app, herder } = setup();
    const res = await app.request(`/connectors/a%2Fb/${action}`, { method: "PUT" });
    assert.equal(res.status, code);
    assert.equal(await res.text(), "");
    assert.equal(res.headers.get("Content-Type"), null);
    assert.deepEqual(herder.calls, [{ method: "setTargetState", args: ["a/b", state] }]);
  }
});

Deno.test("PATCH /connectors/{n}/offsets answers 200 with the herder's message", async () => {
  const { app, herder } = setup();
  const offsets = {
    offsets: [
      { partition: { filename: "/in.txt" }, offset: { position: 3 } },
      { partition: { kafka_topic: "t", kafka_partition: 0 }, offset: null },
      { partition: { filename: "/other.txt" } },
    ],
  };
  const res = await app.request("/connectors/fs/offsets", send("PATCH", offsets));
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    message: "The offsets for this connector have been altered successfully",
  });
  const expected = {
    offsets: [...offsets.offsets.slice(0, 2), {
      partition: { filename: "/other.txt" },
      offset: null,
    }],
  };
  assert.deepEqual(herder.calls, [{ method: "alterOffsets", args: ["fs", expected] }]);
});

Deno.test("PATCH /connectors/{n}/offsets rejects bad bodies before the herder", async () => {
  const none = "Partitions / offsets need to be provided for an alter offsets request";
  const cases: [RequestInit, string | RegExp][] = [
    [send("PATCH", {}), none],
    [send("PATCH", { offsets: null }), none],
    [send("PATCH", { offsets: [] }), none],
    [send("PATCH", []), /request body must be a JSON object with "offsets", not an array/],
    [send("PATCH", { offsets: {} }), /"offsets" must be an array, not an object/],
    [send("PATCH", { offsets: [1] }), /"offsets\[0\]" must be a JSON object/],
    [send("PATCH", { offsets: [{ offset: {} }] }), /"offsets\[0\]\.partition" is missing/],
    [send("PATCH", { offsets: [{ partition: "p" }] }), /"offsets\[0\]\.partition" must be/],
    [
      send("PATCH", { offsets: [{ partition: {}, offset: 5 }] }),
      /"offsets\[0\]\.offset" must be a JSON object or null, not a number/,
    ],
    [send("PATCH", { offsets: [{ partition: {}, offset: {}, x: 1 }] }), /unknown field "x"/],
    [send("PATCH", { offsets: [{ partition: {} }], extra: true }), /unknown field "extra"/],
    [raw("PATCH", "{", "application/json"), /^Cannot alter offsets of connector fs: /],
  ];
  for (const [init, message] of cases) {
    const { app, herder } = setup();
    await assertError(await app.request("/connectors/fs/offsets", init), 400, message);
    assert.deepEqual(herder.calls, [], `${init.body}`);
  }
});

Deno.test("DELETE /connectors/{n}/offsets answers 200 with the herder's message", async () => {
  const { app, herder } = setup();
  const res = await app.request("/connectors/fs/offsets", { method: "DELETE" });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    message: "The offsets for this connector have been reset successfully",
  });
  assert.deepEqual(herder.writes, ["resetOffsets"]);
});

Deno.test("unsupported methods answer 405 with Allow, before the herder", async () => {
  const cases: [string, string, string][] = [
    ["DELETE", "/connectors", "GET, HEAD, POST, OPTIONS"],
    ["POST", "/connectors/fs", "GET, HEAD, DELETE, OPTIONS"],
    ["PUT", "/connectors/fs/", "GET, HEAD, DELETE, OPTIONS"],
    ["POST", "/connectors/fs/config", "GET, HEAD, PUT, PATCH, OPTIONS"],
    ["GET", "/connectors/fs/pause", "PUT, OPTIONS"],
    ["POST", "/connectors/fs/stop", "PUT, OPTIONS"],
    ["GET", "/connectors/fs/restart", "POST, OPTIONS"],
    ["PUT", "/connectors/fs/offsets", "GET, HEAD, PATCH, DELETE, OPTIONS"],
    ["DELETE", "/connectors/fs/tasks/0/status", "GET, HEAD, OPTIONS"],
  ];
  for (const [method, path, allow] of cases) {
    const { app, herder } = setup();
    const res = await app.request(path, { method });
    await assertError(res, 405, "HTTP 405 Method Not Allowed");
    assert.equal(res.headers.get("Allow"), allow, `${method} ${path}`);
    assert.deepEqual(herder.calls, []);
  }
});

Deno.test("OPTIONS answers 204 with Allow", async () => {
  const { app } = setup();
  const res = await app.request("/connectors/fs/config", { method: "OPTIONS" });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("Allow"), "GET, HEAD, PUT, PATCH, OPTIONS");
});

Deno.test("unknown paths answer Kafka Connect's 404", async () => {
  const { app, herder } = setup();
  for (const path of ["/connectors/fs/nope", "/connectors//config", "/connectors/fs/tasks/0"]) {
    await assertError(await app.request(path), 404, "HTTP 404 Not Found");
  }
  assert.deepEqual(herder.calls, []);
});

Deno.test("connectorLocation encodes the name as one path segment", () => {
  assert.equal(connectorLocation("fs"), "/connectors/fs");
  assert.equal(connectorLocation("a/b c?%"), "/connectors/a%2Fb%20c%3F%25");
});
