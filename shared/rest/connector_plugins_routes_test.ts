import assert from "node:assert/strict";
import type { ConfigInfos, ConfigKeyInfo } from "../connect/config_def.ts";
import type { ConnectorConfig, Herder, PluginInfo } from "../runtime/herder.ts";
import { createRestApp } from "./app.ts";
import { connectorPluginsRoutes } from "./connector_plugins_routes.ts";
import { RestError } from "./rest_error.ts";

const SOURCE_CLASS = "org.apache.kafka.connect.file.FileStreamSourceConnector";
const PLUGINS: PluginInfo[] = [
  { class: "org.apache.kafka.connect.file.FileStreamSinkConnector", type: "sink", version: "1" },
  { class: SOURCE_CLASS, type: "source", version: "1" },
];
const CONVERTER: PluginInfo = {
  class: "org.apache.kafka.connect.storage.StringConverter",
  type: "converter",
};
const TOPIC_KEY: ConfigKeyInfo = {
  name: "topic",
  type: "STRING",
  required: true,
  default_value: null,
  importance: "HIGH",
  documentation: "The topic",
  group: null,
  order: -1,
  width: "NONE",
  display_name: "topic",
  dependents: [],
};

/** The plugin half of a herder; the connector methods are never called here. */
function stubHerder() {
  const calls: { method: string; args: unknown[] }[] = [];
  const unused = () => {
    throw new Error("Cannot answer: not part of the plugin routes");
  };
  const herder: Herder = {
    connectorNames: unused,
    connectorInfo: unused,
    connectorConfig: unused,
    connectorStatus: unused,
    taskConfigs: unused,
    taskStatus: unused,
    createConnector: unused,
    putConnectorConfig: unused,
    patchConnectorConfig: unused,
    deleteConnector: unused,
    restartConnector: unused,
    restartTask: unused,
    setTargetState: unused,
    offsets: unused,
    alterOffsets: unused,
    resetOffsets: unused,
    plugins(connectorsOnly: boolean): PluginInfo[] {
      calls.push({ method: "plugins", args: [connectorsOnly] });
      return connectorsOnly ? PLUGINS : [...PLUGINS, CONVERTER];
    },
    pluginConfig(plugin: string): ConfigKeyInfo[] {
      calls.push({ method: "pluginConfig", args: [plugin] });
      if (plugin === "Nope") throw new RestError(404, "Unknown plugin Nope.");
      return [TOPIC_KEY];
    },
    validateConfig(plugin: string, config: ConnectorConfig): Promise<ConfigInfos> {
      calls.push({ method: "validateConfig", args: [plugin, config] });
      return Promise.resolve({
        name: config["connector.class"],
        error_count: 0,
        groups: [],
        configs: [],
      });
    },
  };
  const app = createRestApp({
    rootInfo: () => ({ version: "1", commit: "c", kafka_cluster_id: null }),
    health: () => "healthy",
    plugins: [connectorPluginsRoutes({ herder: () => herder })],
  });
  return { app, calls };
}

function put(body: unknown, contentType = "application/json"): RequestInit {
  return {
    method: "PUT",
    headers: { "Content-Type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

async function assertError(res: Response, status: number, message: string | RegExp) {
  assert.equal(res.status, status);
  const body = await res.json();
  assert.equal(body.error_code, status);
  if (typeof message === "string") assert.equal(body.message, message);
  else assert.match(body.message, message);
}

Deno.test("GET /connector-plugins lists connectors only unless connectorsOnly is false", async () => {
  const cases: [string, boolean][] = [
    ["", true],
    ["/", true],
    ["?connectorsOnly=", true],
    ["?connectorsOnly=true", true],
    ["?connectorsOnly=false", false],
    ["?connectorsOnly=FALSE", false],
    ["?connectorsOnly=no", false], // Boolean.valueOf: anything but "true" is false
  ];
  for (const [query, connectorsOnly] of cases) {
    const { app, calls } = stubHerder();
    const res = await app.request(`/connector-plugins${query}`);
    assert.equal(res.status, 200, query);
    assert.deepEqual(await res.json(), connectorsOnly ? PLUGINS : [...PLUGINS, CONVERTER]);
    assert.deepEqual(calls, [{ method: "plugins", args: [connectorsOnly] }], query);
  }
});

Deno.test("GET /connector-plugins/{p}/config answers the herder's definitions", async () => {
  const { app, calls } = stubHerder();
  const res = await app.request(`/connector-plugins/${SOURCE_CLASS}/config`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), [TOPIC_KEY]);
  assert.deepEqual(calls, [{ method: "pluginConfig", args: [SOURCE_CLASS] }]);
  await assertError(
    await app.request("/connector-plugins/Nope/config"),
    404,
    "Unknown plugin Nope.",
  );
});

Deno.test("PUT /connector-plugins/{p}/config/validate passes the plugin and config", async () => {
  const { app, calls } = stubHerder();
  const config = { "connector.class": "FileStreamSource", "tasks.max": "1", topic: "t" };
  const res = await app.request(
    "/connector-plugins/FileStreamSource/config/validate",
    put('{"connector.class": "FileStreamSource", "tasks.max": 1, "topic": "t"}'),
  );
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    name: "FileStreamSource",
    error_count: 0,
    groups: [],
    configs: [],
  });
  assert.deepEqual(calls, [{ method: "validateConfig", args: ["FileStreamSource", config] }]);
});

Deno.test("validate accepts a connector.class matching the URL as Kafka Connect does", async () => {
  const matching: [string, string][] = [
    ["FileStreamSource", "FileStreamSource"],
    ["FileStreamSource", "FileStreamSourceConnector"],
    ["FileStreamSource", SOURCE_CLASS],
    ["FileStreamSourceConnector", "FileStreamSource"],
    ["FileStreamSourceConnector", SOURCE_CLASS],
    [SOURCE_CLASS, SOURCE_CLASS],
  ];
  for (const [plugin, included] of matching) {
    const { app } = stubHerder();
    const res = await app.request(
      `/connector-plugins/${plugin}/config/validate`,
      put({ "connector.class": included }),
    );
    assert.equal(res.status, 200, `${plugin} vs ${included}`);
  }
});

Deno.test("validate rejects a mismatched connector.class with Kafka Connect's 400", async () => {
  const mismatched: [string, string][] = [
    ["FileStreamSource", "FileStreamSink"],
    ["FileStreamSink", SOURCE_CLASS],
    [SOURCE_CLASS, "FileStreamSource"], // a full name in the URL needs the full name
    ["FileStreamSource", ""],
  ];
  for (const [plugin, included] of mismatched) {
    const { app, calls } = stubHerder();
    await assertError(
      await app.request(
        `/connector-plugins/${plugin}/config/validate`,
        put({ "connector.class": included }),
      ),
      400,
      `Included connector type ${included} does not match request type ${plugin}`,
    );
    assert.deepEqual(calls, []);
  }
});

Deno.test("validate without connector.class is Kafka Connect's 400", async () => {
  const { app, calls } = stubHerder();
  await assertError(
    await app.request(
      "/connector-plugins/FileStreamSource/config/validate",
      put({ topic: "t", "tasks.max": 2 }),
    ),
    400,
    "Connector config {topic=t, tasks.max=2} contains no connector type",
  );
  assert.deepEqual(calls, []);
});

Deno.test("validate rejects bad bodies before the herder", async () => {
  const cases: [RequestInit, number, string | RegExp][] = [
    [put("{"), 400, /^Cannot validate config for plugin FileStreamSource: .*not valid JSON/],
    [put([]), 400, /request body must be a JSON object.*not an array/],
    [put({ "connector.class": "FileStreamSource", topic: {} }), 400, /"topic"/],
    [put({ "connector.class": "FileStreamSource" }, "text/plain"), 415, /415/],
  ];
  for (const [init, status, message] of cases) {
    const { app, calls } = stubHerder();
    await assertError(
      await app.request("/connector-plugins/FileStreamSource/config/validate", init),
      status,
      message,
    );
    assert.deepEqual(calls, []);
  }
});

Deno.test("plugin routes answer 405 for other methods", async () => {
  const cases: [string, string, string][] = [
    ["POST", "/connector-plugins", "GET, HEAD, OPTIONS"],
    ["PUT", "/connector-plugins/FileStreamSource/config", "GET, HEAD, OPTIONS"],
    ["GET", "/connector-plugins/FileStreamSource/config/validate", "PUT, OPTIONS"],
    ["POST", "/connector-plugins/FileStreamSource/config/validate", "PUT, OPTIONS"],
  ];
  for (const [method, path, allow] of cases) {
    const { app, calls } = stubHerder();
    const res = await app.request(path, { method });
    await assertError(res, 405, "HTTP 405 Method Not Allowed");
    assert.equal(res.headers.get("Allow"), allow);
    assert.deepEqual(calls, []);
  }
});
