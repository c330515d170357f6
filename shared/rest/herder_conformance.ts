/**
 * A behavioural test suite for any `Herder`: it serves the herder through
 * the REST app (`connectorsRoutes` and `connectorPluginsRoutes`) and checks
 * Kafka Connect's semantics end to end, with Kafka Connect's status codes
 * and messages:
 *
 * - a created connector is visible at once (never a 404 after a 201), 409
 *   on a duplicate name, 404 with Kafka Connect's messages when unknown;
 * - config PUT (201 then 200) and PATCH (null removes a key) round trips;
 * - pause, resume and stop (and `initial_state`) show up in status;
 * - delete → 404 afterwards;
 * - offsets can be altered or reset only while STOPPED;
 * - restarts, task status, `?expand=`, plugin listing, config definitions
 *   and validation;
 * - no invalid request changes stored state, and requests the REST layer
 *   rejects never reach a herder write method.
 *
 * Assumptions: the herder has the file connectors
 * (`org.apache.kafka.connect.file.FileStreamSourceConnector` /
 * `FileStreamSinkConnector`, aliases `FileStreamSource` / `FileStreamSink`)
 * and allows files under `options.fileDir`. Statuses may lag (Kafka Connect
 * answers 404 briefly after a create), so the suite polls them up to
 * `options.settleTimeoutMs`; configs, infos and offsets must read back at
 * once.
 *
 * Each case is one `Deno.test`, with a fresh herder from `makeHerder` that
 * is closed afterwards; connector and topic names are unique per case, so
 * a `makeHerder` that hands out the same herder also works.
 *
 * @example
 * ```ts
 * // herder_conformance_test.ts
 * import { runHerderConformance } from "./herder_conformance.ts";
 * import { MemoryHerder } from "./memory_herder.ts";
 * const fileDir = Deno.makeTempDirSync();
 * runHerderConformance(
 *   () => Promise.resolve({ herder: new MemoryHerder({ fileDirs: [fileDir] }), close: () => Promise.resolve() }),
 *   { fileDir },
 * );
 * ```
 * @module
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import type { ConnectorConfig, Herder } from "../runtime/herder.ts";
import { createRestApp } from "./app.ts";
import { connectorPluginsRoutes } from "./connector_plugins_routes.ts";
import { connectorsRoutes } from "./connectors_routes.ts";

/**
 * A herder to test, and how to release it.
 *
 * @example
 * ```ts
 * import type { HerderUnderTest } from "./herder_conformance.ts";
 * import { MemoryHerder } from "./memory_herder.ts";
 * const underTest: HerderUnderTest = {
 *   herder: new MemoryHerder({ fileDirs: ["/tmp"] }),
 *   close: () => Promise.resolve(),
 * };
 * ```
 */
export interface HerderUnderTest {
  herder: Herder;
  close(): Promise<void>;
}

/**
 * Options of {@linkcode runHerderConformance}.
 *
 * @example
 * ```ts
 * import type { HerderConformanceOptions } from "./herder_conformance.ts";
 * const options: HerderConformanceOptions = {
 *   fileDir: "/tmp/tributary-files",
 *   name: "distributed herder",
 *   settleTimeoutMs: 60_000,
 *   sanitizeResources: false,
 * };
 * ```
 */
export interface HerderConformanceOptions {
  /** A directory the file connectors may read and write in; the suite creates files there. */
  fileDir: string;
  /** Prefix of the test names; `herder conformance` by default. */
  name?: string;
  /** How long to wait for a status to settle, in ms; 30 000 by default. */
  settleTimeoutMs?: number;
  /** Passed to `Deno.test` (e.g. false if the herder's clients outlive `close`). */
  sanitizeOps?: boolean;
  /** Passed to `Deno.test`. */
  sanitizeResources?: boolean;
}

const SOURCE_CLASS = "org.apache.kafka.connect.file.FileStreamSourceConnector";
const SINK_CLASS = "org.apache.kafka.connect.file.FileStreamSinkConnector";
const INVALID_CONFIG_PREFIX = "Connector configuration is invalid and contains the following ";
const INVALID_CONFIG_SUFFIX = "\nYou can also find the above list of errors at the endpoint " +
  "`/connector-plugins/{connectorType}/config/validate`";
const MISSING_TOPIC = 'Missing required configuration "topic" which has no default value.';
const NO_OFFSETS = "Partitions / offsets need to be provided for an alter offsets request";
const ALTERED = "The offsets for this connector have been altered successfully";
const RESET = "The offsets for this connector have been reset successfully";
const WRITE_METHODS = new Set<string>([
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

const stoppedMessage = (name: string) =>
  "Connectors must be in the STOPPED state before their offsets can be modified. This can be " +
  `done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' ` +
  "endpoint";

/** A response, read. */
interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/** A request body: a value sent as JSON, or raw text with a content type. */
type Body = { json: unknown } | { raw: string; contentType?: string | null };

/** What each case gets: a client of the REST app over the herder, and helpers. */
class Harness {
  readonly writes: string[] = [];
  readonly unexpected: unknown[] = [];
  readonly #request: (path: string, init: RequestInit) => Response | Promise<Response>;
  readonly #options: HerderConformanceOptions;
  readonly #files: string[] = [];

  constructor(herder: Herder, options: HerderConformanceOptions) {
    this.#options = options;
    const writes = this.writes;
    const recording = new Proxy(herder, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (typeof prop === "string" && WRITE_METHODS.has(prop)) writes.push(prop);
          return value.apply(target, args);
        };
      },
    });
    const app = createRestApp({
      rootInfo: () => ({ version: "conformance", commit: "conformance", kafka_cluster_id: null }),
      health: () => "healthy",
      plugins: [
        connectorsRoutes({ herder: () => recording }),
        connectorPluginsRoutes({ herder: () => recording }),
      ],
      onUnexpectedError: (err) => this.unexpected.push(err),
    });
    this.#request = (p, init) => app.request(p, init);
  }

  /** Sends a request; `path` is used as given (encode names yourself). */
  async call(method: string, url: string, body?: Body): Promise<Reply> {
    const headers = new Headers();
    let payload: string | undefined;
    if (body !== undefined && "json" in body) {
      headers.set("Content-Type", "application/json");
      payload = JSON.stringify(body.json);
    } else if (body !== undefined) {
      if (body.contentType !== null) {
        headers.set("Content-Type", body.contentType ?? "application/json");
      }
      payload = body.raw;
    }
    const res = await this.#request(url, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  }

  /** A unique name with a readable label. */
  unique(label: string): string {
    return `${label}-${crypto.randomUUID().slice(0, 8)}`;
  }

  /** A new input file with two lines, under the allowed directory. */
  async sourceFile(): Promise<string> {
    const file = path.join(this.#options.fileDir, `${this.unique("conformance-in")}.txt`);
    await Deno.writeTextFile(file, "alpha\nbeta\n");
    this.#files.push(file);
    return file;
  }

  /** A path for a sink to write to, under the allowed directory. */
  sinkFile(): string {
    const file = path.join(this.#options.fileDir, `${this.unique("conformance-out")}.txt`);
    this.#files.push(file);
    return file;
  }

  /** A valid FileStreamSource config (without `name`). */
  async sourceConfig(overrides: Record<string, string> = {}): Promise<ConnectorConfig> {
    return {
      "connector.class": "FileStreamSource",
      "tasks.max": "1",
      file: await this.sourceFile(),
      topic: this.unique("conformance-topic"),
      ...overrides,
    };
  }

  /** Creates a source connector through the API; asserts 201. */
  async create(
    name: string,
    config?: ConnectorConfig,
    initialState?: string,
  ): Promise<{ config: ConnectorConfig; reply: Reply }> {
    const cfg = config ?? await this.sourceConfig();
    const json: Record<string, unknown> = { name, config: cfg };
    if (initialState !== undefined) json.initial_state = initialState;
    const reply = await this.call("POST", "/connectors", { json });
    assert.equal(reply.status, 201, `POST /connectors ${name}: ${reply.text}`);
    return { config: cfg, reply };
  }

  /** Retries `check` until it passes or the settle timeout ends (then its last error). */
  async eventually<T>(check: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + (this.#options.settleTimeoutMs ?? 30_000);
    for (;;) {
      try {
        return await check();
      } catch (err) {
        if (Date.now() >= deadline) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until the connector's status shows `state` (and tasks in it, or none if STOPPED). */
  settle(name: string, state: "RUNNING" | "PAUSED" | "STOPPED"): Promise<Reply> {
    return this.eventually(async () => {
      const reply = await this.call("GET", `${url(name)}/status`);
      assert.equal(reply.status, 200, `status of ${name}: ${reply.text}`);
      assert.equal(reply.body.connector.state, state, `status of ${name}: ${reply.text}`);
      if (state === "STOPPED") assert.deepEqual(reply.body.tasks, []);
      else {
        assert.ok(reply.body.tasks.length > 0, `tasks of ${name}: ${reply.text}`);
        for (const t of reply.body.tasks) assert.equal(t.state, state, reply.text);
      }
      return reply;
    });
  }

  /** Every connector's stored config, by name. */
  async snapshot(): Promise<Record<string, unknown>> {
    const list = await this.call("GET", "/connectors");
    assert.equal(list.status, 200);
    const out: Record<string, unknown> = {};
    for (const name of [...list.body as string[]].sort()) {
      out[name] = (await this.call("GET", `${url(name)}/config`)).body;
    }
    return out;
  }

  async cleanUp(): Promise<void> {
    for (const file of this.#files) await Deno.remove(file).catch(() => {});
  }
}

/** The URL of a connector. */
function url(name: string): string {
  return `/connectors/${encodeURIComponent(name)}`;
}

/** Asserts Kafka Connect's error body with `status` (and `message`, if given). */
function assertError(reply: Reply, status: number, message?: string): void {
  assert.equal(reply.status, status, reply.text);
  assert.equal(reply.body?.error_code, status, reply.text);
  assert.equal(typeof reply.body?.message, "string", reply.text);
  if (message !== undefined) assert.equal(reply.body.message, message);
}

type Case = { name: string; run: (h: Harness) => Promise<void> };

const CASES: Case[] = [
  {
    name: "POST /connectors creates a connector that is visible at once",
    async run(h) {
      const name = h.unique("created");
      const config = await h.sourceConfig();
      const reply = await h.call("POST", "/connectors", { json: { name: `  ${name} `, config } });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.headers.get("Location"), url(name));
      assert.match(reply.headers.get("Content-Type") ?? "", /^application\/json/);
      assert.deepEqual(reply.body, {
        name,
        config: { ...config, name },
        tasks: [],
        type: "source",
      });

      const info = await h.call("GET", url(name));
      assert.equal(info.status, 200, `GET right after 201: ${info.text}`);
      assert.equal(info.body.name, name);
      assert.deepEqual(info.body.config, { ...config, name });
      assert.equal(info.body.type, "source");
      const stored = await h.call("GET", `${url(name)}/config`);
      assert.equal(stored.status, 200, stored.text);
      assert.deepEqual(stored.body, { ...config, name });
      const list = await h.call("GET", "/connectors");
      assert.ok(list.body.includes(name), list.text);

      const status = await h.settle(name, "RUNNING");
      assert.deepEqual(Object.keys(status.body).sort(), ["connector", "name", "tasks", "type"]);
      assert.equal(status.body.name, name);
      assert.equal(status.body.type, "source");
      assert.equal(typeof status.body.connector.worker_id, "string");
      const tasks = await h.eventually(async () => {
        const r = await h.call("GET", `${url(name)}/tasks`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.length, 1, r.text);
        return r.body;
      });
      assert.deepEqual(tasks[0].id, { connector: name, task: 0 });
      assert.equal(typeof tasks[0].config["task.class"], "string");
      const withTasks = await h.call("GET", url(name));
      assert.deepEqual(withTasks.body.tasks, [{ connector: name, task: 0 }]);
    },
  },
  {
    name: "POST /connectors answers 409 for an existing name and keeps its config",
    async run(h) {
      const name = h.unique("dup");
      const { config } = await h.create(name);
      const other = await h.sourceConfig();
      const reply = await h.call("POST", "/connectors", { json: { name, config: other } });
      assertError(reply, 409, `Connector ${name} already exists`);
      assert.deepEqual((await h.call("GET", `${url(name)}/config`)).body, { ...config, name });
    },
  },
  {
    name: "unknown connectors answer 404 with Kafka Connect's messages",
    async run(h) {
      const before = await h.snapshot();
      const name = h.unique("ghost");
      const u = url(name);
      const offsets = { offsets: [{ partition: { filename: "x" }, offset: { position: 1 } }] };
      const notFound = `Connector ${name} not found`;
      assertError(await h.call("GET", u), 404, notFound);
      assertError(await h.call("GET", `${u}/config`), 404, notFound);
      assertError(await h.call("GET", `${u}/tasks`), 404, notFound);
      assertError(await h.call("DELETE", u), 404, notFound);
      assertError(await h.call("PATCH", `${u}/config`, { json: { topic: "t" } }), 404, notFound);
      assertError(await h.call("GET", `${u}/offsets`), 404, notFound);
      assertError(await h.call("PATCH", `${u}/offsets`, { json: offsets }), 404, notFound);
      assertError(await h.call("DELETE", `${u}/offsets`), 404, notFound);
      assertError(await h.call("GET", `${u}/status`), 404, `No status found for connector ${name}`);
      assertError(
        await h.call("GET", `${u}/tasks/0/status`),
        404,
        `No status found for task ${name}-0`,
      );
      assertError(await h.call("PUT", `${u}/pause`), 404, `Unknown connector ${name}`);
      assertError(await h.call("PUT", `${u}/resume`), 404, `Unknown connector ${name}`);
      assertError(await h.call("PUT", `${u}/stop`), 404, `Unknown connector ${name}`);
      assertError(await h.call("POST", `${u}/restart`), 404, `Unknown connector: ${name}`);
      assertError(
        await h.call("POST", `${u}/restart?includeTasks=true`),
        404,
        `Unknown connector: ${name}`,
      );
      assertError(await h.call("POST", `${u}/tasks/0/restart`), 404, `Unknown connector: ${name}`);
      assert.deepEqual(await h.snapshot(), before, "a 404 changes no stored state");
    },
  },
  {
    name: "PUT /connectors/{n}/config creates (201) then updates (200)",
    async run(h) {
      const name = h.unique("put");
      const config = await h.sourceConfig();
      const created = await h.call("PUT", `${url(name)}/config`, { json: config });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.get("Location"), url(name));
      assert.equal(created.body.name, name);
      assert.deepEqual(created.body.config, { ...config, name });
      assert.equal(created.body.type, "source");
      assert.ok(Array.isArray(created.body.tasks));
      const info = await h.call("GET", url(name));
      assert.equal(info.status, 200, `GET right after 201: ${info.text}`);

      const changed = { ...config, name, topic: h.unique("conformance-topic") };
      const updated = await h.call("PUT", `${url(name)}/config`, { json: changed });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.headers.get("Location"), null);
      assert.deepEqual(updated.body.config, changed);
      assert.deepEqual((await h.call("GET", `${url(name)}/config`)).body, changed);
    },
  },
  {
    name: "PATCH /connectors/{n}/config merges, and null removes a key",
    async run(h) {
      const name = h.unique("patch");
      const { config } = await h.create(name, await h.sourceConfig({ "batch.size": "50" }));
      const topic = h.unique("conformance-topic");
      const reply = await h.call("PATCH", `${url(name)}/config`, {
        json: { topic, "batch.size": null, "tasks.max": 1 },
      });
      assert.equal(reply.status, 200, reply.text);
      const { "batch.size": _removed, ...rest } = config;
      const expected = { ...rest, name, topic, "tasks.max": "1" };
      assert.equal(reply.body.name, name);
      assert.deepEqual(reply.body.config, expected);
      assert.deepEqual((await h.call("GET", `${url(name)}/config`)).body, expected);
    },
  },
  {
    name: "pause, resume and stop show up in status",
    async run(h) {
      const name = h.unique("lifecycle");
      await h.create(name);
      await h.settle(name, "RUNNING");
      for (let i = 0; i < 2; i++) { // idempotent
        const paused = await h.call("PUT", `${url(name)}/pause`);
        assert.equal(paused.status, 202, paused.text);
        assert.equal(paused.text, "");
      }
      await h.settle(name, "PAUSED");
      const resumed = await h.call("PUT", `${url(name)}/resume`);
      assert.equal(resumed.status, 202, resumed.text);
      assert.equal(resumed.text, "");
      await h.settle(name, "RUNNING");
      const stopped = await h.call("PUT", `${url(name)}/stop`);
      assert.equal(stopped.status, 204, stopped.text);
      assert.equal(stopped.text, "");
      await h.settle(name, "STOPPED");
      await h.eventually(async () => {
        assert.deepEqual((await h.call("GET", `${url(name)}/tasks`)).body, []);
        assert.deepEqual((await h.call("GET", url(name))).body.tasks, []);
      });
      assert.equal((await h.call("PUT", `${url(name)}/resume`)).status, 202);
      await h.settle(name, "RUNNING");
    },
  },
  {
    name: "initial_state creates a connector PAUSED or STOPPED",
    async run(h) {
      const stopped = h.unique("initially-stopped");
      await h.create(stopped, undefined, "STOPPED");
      await h.settle(stopped, "STOPPED");
      const paused = h.unique("initially-paused");
      await h.create(paused, undefined, "paused");
      await h.settle(paused, "PAUSED");
      assert.equal((await h.call("PUT", `${url(paused)}/resume`)).status, 202);
      await h.settle(paused, "RUNNING");
    },
  },
  {
    name: "DELETE removes the connector",
    async run(h) {
      const name = h.unique("deleted");
      await h.create(name);
      await h.settle(name, "RUNNING");
      const reply = await h.call("DELETE", url(name));
      assert.equal(reply.status, 204, reply.text);
      assert.equal(reply.text, "");
      assertError(await h.call("GET", url(name)), 404, `Connector ${name} not found`);
      assertError(await h.call("GET", `${url(name)}/config`), 404, `Connector ${name} not found`);
      assert.ok(!(await h.call("GET", "/connectors")).body.includes(name));
      assertError(await h.call("DELETE", url(name)), 404, `Connector ${name} not found`);
      await h.eventually(async () => {
        assertError(
          await h.call("GET", `${url(name)}/status`),
          404,
          `No status found for connector ${name}`,
        );
      });
      const again = await h.create(name);
      assert.deepEqual(again.reply.body.tasks, []);
    },
  },
  {
    name: "offsets can be altered or reset only while STOPPED",
    async run(h) {
      const name = h.unique("offsets");
      const { config } = await h.create(name);
      const file = config.file;
      const alter = { offsets: [{ partition: { filename: file }, offset: { position: 6 } }] };
      await h.settle(name, "RUNNING");
      const running = await h.call("GET", `${url(name)}/offsets`);
      assert.equal(running.status, 200, running.text);
      assert.ok(Array.isArray(running.body.offsets), running.text);
      assertError(
        await h.call("PATCH", `${url(name)}/offsets`, { json: alter }),
        400,
        stoppedMessage(name),
      );
      assertError(await h.call("DELETE", `${url(name)}/offsets`), 400, stoppedMessage(name));
      assert.equal((await h.call("PUT", `${url(name)}/pause`)).status, 202);
      await h.settle(name, "PAUSED");
      assertError(
        await h.call("PATCH", `${url(name)}/offsets`, { json: alter }),
        400,
        stoppedMessage(name),
      );

      assert.equal((await h.call("PUT", `${url(name)}/stop`)).status, 204);
      await h.settle(name, "STOPPED");
      assertError(
        await h.call("PATCH", `${url(name)}/offsets`, { json: { offsets: [] } }),
        400,
        NO_OFFSETS,
      );
      const altered = await h.call("PATCH", `${url(name)}/offsets`, { json: alter });
      assert.equal(altered.status, 200, altered.text);
      assert.deepEqual(altered.body, { message: ALTERED });
      const read = await h.call("GET", `${url(name)}/offsets`);
      assert.equal(read.status, 200, read.text);
      const entry = read.body.offsets.find((o: { partition: { filename?: string } }) =>
        o.partition.filename === file
      );
      assert.deepEqual(entry, alter.offsets[0], read.text);

      const reset = await h.call("DELETE", `${url(name)}/offsets`);
      assert.equal(reset.status, 200, reset.text);
      assert.deepEqual(reset.body, { message: RESET });
      assert.deepEqual((await h.call("GET", `${url(name)}/offsets`)).body, { offsets: [] });
    },
  },
  {
    name: "restarts answer 204 when plain and 202 with the status otherwise",
    async run(h) {
      const name = h.unique("restart");
      await h.create(name);
      await h.settle(name, "RUNNING");
      const onlyFailed = await h.call(
        "POST",
        `${url(name)}/restart?includeTasks=true&onlyFailed=true`,
      );
      assert.equal(onlyFailed.status, 202, onlyFailed.text);
      assert.equal(onlyFailed.body.name, name);
      assert.notEqual(onlyFailed.body.connector.state, "RESTARTING", onlyFailed.text);
      for (const t of onlyFailed.body.tasks) {
        assert.notEqual(t.state, "RESTARTING", onlyFailed.text);
      }

      const plain = await h.call("POST", `${url(name)}/restart`);
      assert.equal(plain.status, 204, plain.text);
      assert.equal(plain.text, "");
      await h.settle(name, "RUNNING");
      const withTasks = await h.call("POST", `${url(name)}/restart?includeTasks=true`);
      assert.equal(withTasks.status, 202, withTasks.text);
      assert.deepEqual(Object.keys(withTasks.body).sort(), ["connector", "name", "tasks", "type"]);
      assert.equal(withTasks.body.type, "source");
      assert.equal(withTasks.body.connector.state, "RESTARTING", withTasks.text);
      assert.ok(withTasks.body.tasks.length > 0, withTasks.text);
      for (const t of withTasks.body.tasks) assert.equal(t.state, "RESTARTING", withTasks.text);
      await h.settle(name, "RUNNING");

      const task = await h.call("GET", `${url(name)}/tasks/0/status`);
      assert.equal(task.status, 200, task.text);
      assert.equal(task.body.id, 0);
      assert.equal(typeof task.body.state, "string");
      assert.equal(typeof task.body.worker_id, "string");
      const restartTask = await h.call("POST", `${url(name)}/tasks/0/restart`);
      assert.equal(restartTask.status, 204, restartTask.text);
      assertError(
        await h.call("POST", `${url(name)}/tasks/99/restart`),
        404,
        `Unknown task: ${name}-99`,
      );
      assertError(
        await h.call("GET", `${url(name)}/tasks/99/status`),
        404,
        `No status found for task ${name}-99`,
      );
      assertError(
        await h.call("GET", `${url(name)}/tasks/first/status`),
        404,
        "HTTP 404 Not Found",
      );
    },
  },
  {
    name: "GET /connectors?expand= returns statuses and infos",
    async run(h) {
      const a = h.unique("expand-a");
      const b = h.unique("expand-b");
      await h.create(a);
      await h.create(b);
      const list = await h.call("GET", "/connectors");
      assert.ok(list.body.includes(a) && list.body.includes(b), list.text);
      await h.eventually(async () => {
        const both = await h.call("GET", "/connectors?expand=status&expand=info");
        assert.equal(both.status, 200, both.text);
        for (const name of [a, b]) {
          assert.deepEqual(
            Object.keys(both.body[name] ?? {}).sort(),
            ["info", "status"],
            both.text,
          );
          assert.equal(both.body[name].status.name, name);
          assert.equal(both.body[name].info.name, name);
          assert.equal(both.body[name].info.type, "source");
        }
      });
      const info = await h.call("GET", "/connectors?expand=info");
      assert.deepEqual(Object.keys(info.body[a]), ["info"]);
      assert.deepEqual(info.body[a].info.config.name, a);
      const unknown = await h.call("GET", "/connectors?expand=bogus");
      assert.deepEqual(unknown.body[a], {});
    },
  },
  {
    name: "names with spaces, slashes, percent signs and unicode round trip through URLs",
    async run(h) {
      const name = h.unique("my conn/ü é %41+");
      const reply = await h.call("POST", "/connectors", {
        json: { name: ` ${name}  `, config: await h.sourceConfig() },
      });
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.body.name, name);
      assert.equal(reply.headers.get("Location"), url(name));
      const info = await h.call("GET", url(name));
      assert.equal(info.status, 200, info.text);
      assert.equal(info.body.name, name);
      assert.equal(info.body.config.name, name);
      assert.ok((await h.call("GET", "/connectors")).body.includes(name));
      await h.settle(name, "RUNNING");
      assert.equal((await h.call("PUT", `${url(name)}/pause`)).status, 202);
      await h.settle(name, "PAUSED");
      assert.equal((await h.call("DELETE", url(name))).status, 204);
      assertError(await h.call("GET", url(name)), 404, `Connector ${name} not found`);
    },
  },
  {
    name: "requests the REST layer rejects never reach a herder write and change nothing",
    async run(h) {
      const name = h.unique("guarded");
      await h.create(name);
      const config = await h.sourceConfig();
      const before = await h.snapshot();
      const writesBefore = h.writes.length;
      const fresh = h.unique("never");
      const bad: [string, string, Body | undefined, number, string?][] = [
        ["POST", "/connectors", { raw: '{"name": "x", ' }, 400],
        ["POST", "/connectors", { raw: "" }, 400],
        ["POST", "/connectors", { json: [] }, 400],
        ["POST", "/connectors", { json: { config } }, 400, '"name"'],
        ["POST", "/connectors", { json: { name: 7, config } }, 400, '"name"'],
        ["POST", "/connectors", { json: { name: "  ", config } }, 400, '"name"'],
        ["POST", "/connectors", { json: { name: fresh } }, 400, '"config"'],
        ["POST", "/connectors", { json: { name: fresh, config: "x" } }, 400, '"config"'],
        [
          "POST",
          "/connectors",
          { json: { name: fresh, config: { ...config, topic: {} } } },
          400,
          "topic",
        ],
        [
          "POST",
          "/connectors",
          { json: { name: fresh, config: { ...config, "tasks.max": [1] } } },
          400,
          "tasks.max",
        ],
        [
          "POST",
          "/connectors",
          { json: { name: fresh, config: { ...config, file: null } } },
          400,
          "file",
        ],
        [
          "POST",
          "/connectors",
          { json: { name: fresh, config, initial_state: "ASLEEP" } },
          400,
          "initial_state",
        ],
        ["POST", "/connectors", { json: { name: fresh, config, tasks: [] } }, 400, "tasks"],
        ["POST", "/connectors", {
          raw: JSON.stringify({ name: fresh, config }),
          contentType: "text/plain",
        }, 415],
        [
          "POST",
          "/connectors",
          { json: { name: fresh, config: { ...config, name: "other" } } },
          400,
          `Connector name configuration (other) doesn't match connector name in the URL (${fresh})`,
        ],
        ["PUT", `${url(name)}/config`, { raw: "{" }, 400],
        ["PUT", `${url(name)}/config`, { json: [config] }, 400],
        ["PUT", `${url(name)}/config`, { json: { ...config, topic: ["a"] } }, 400, "topic"],
        [
          "PUT",
          `${url(name)}/config`,
          { json: { ...config, name: "other" } },
          400,
          `Connector name configuration (other) doesn't match connector name in the URL (${name})`,
        ],
        [
          "PUT",
          `${url(fresh)}/config`,
          { json: { ...config, name: "other" } },
          400,
          `Connector name configuration (other) doesn't match connector name in the URL (${fresh})`,
        ],
        ["PUT", `${url(name)}/config`, {
          raw: JSON.stringify(config),
          contentType: "application/x-www-form-urlencoded",
        }, 415],
        ["PATCH", `${url(name)}/config`, { json: "topic" }, 400],
        ["PATCH", `${url(name)}/config`, { json: { topic: { a: 1 } } }, 400, "topic"],
        ["PATCH", `${url(name)}/offsets`, { json: {} }, 400, NO_OFFSETS],
        ["PATCH", `${url(name)}/offsets`, { json: { offsets: [] } }, 400, NO_OFFSETS],
        [
          "PATCH",
          `${url(name)}/offsets`,
          { json: { offsets: [{ offset: {} }] } },
          400,
          "partition",
        ],
        ["PATCH", `${url(name)}/offsets`, { raw: "[" }, 400],
        ["POST", `${url(name)}/tasks/zero/restart`, undefined, 404, "HTTP 404 Not Found"],
        ["POST", `${url(name)}/tasks/1.5/restart`, undefined, 404, "HTTP 404 Not Found"],
        ["DELETE", "/connectors", undefined, 405, "HTTP 405 Method Not Allowed"],
        ["POST", url(name), { json: config }, 405, "HTTP 405 Method Not Allowed"],
        ["GET", `${url(name)}/pause`, undefined, 405, "HTTP 405 Method Not Allowed"],
        ["PUT", "/connector-plugins/FileStreamSource/config/validate", { raw: "{" }, 400],
      ];
      for (const [method, path, body, status, fragment] of bad) {
        const what = `${method} ${path} ${body === undefined ? "" : JSON.stringify(body)}`;
        const reply = await h.call(method, path, body);
        assert.equal(reply.status, status, `${what}: ${reply.text}`);
        assertError(reply, status);
        if (fragment !== undefined) {
          assert.ok(reply.body.message.includes(fragment), `${what}: ${reply.body.message}`);
        }
        assert.equal(h.writes.length, writesBefore, `${what} reached herder.${h.writes.at(-1)}`);
      }
      assert.deepEqual(await h.snapshot(), before);
    },
  },
  {
    name: "requests the herder rejects change nothing",
    async run(h) {
      const name = h.unique("kept");
      const { config } = await h.create(name);
      const before = await h.snapshot();
      const { topic: _topic, ...noTopic } = await h.sourceConfig();
      const fresh = h.unique("invalid");
      const invalid = await h.call("POST", "/connectors", {
        json: { name: fresh, config: noTopic },
      });
      assertError(invalid, 400);
      assert.ok(
        invalid.body.message.startsWith(`${INVALID_CONFIG_PREFIX}1 error(s):\n${MISSING_TOPIC}`),
        invalid.text,
      );
      assert.ok(invalid.body.message.endsWith(INVALID_CONFIG_SUFFIX), invalid.text);
      assertError(await h.call("GET", url(fresh)), 404, `Connector ${fresh} not found`);
      assertError(await h.call("POST", "/connectors", { json: { name, config: noTopic } }), 400);
      assertError(await h.call("POST", "/connectors", { json: { name, config } }), 409);
      const put = await h.call("PUT", `${url(name)}/config`, { json: noTopic });
      assertError(put, 400);
      assert.ok(put.body.message.startsWith(INVALID_CONFIG_PREFIX), put.text);
      const patch = await h.call("PATCH", `${url(name)}/config`, { json: { topic: null } });
      assertError(patch, 400);
      assert.ok(patch.body.message.includes(MISSING_TOPIC), patch.text);
      assertError(
        await h.call("PATCH", `${url(name)}/offsets`, {
          json: { offsets: [{ partition: { filename: config.file }, offset: { position: 1 } }] },
        }),
        400,
        stoppedMessage(name),
      );
      assertError(await h.call("DELETE", `${url(name)}/offsets`), 400, stoppedMessage(name));
      assert.deepEqual(await h.snapshot(), before);
    },
  },
  {
    name: "sink connectors are created with type sink",
    async run(h) {
      const name = h.unique("sink");
      const config = {
        "connector.class": "FileStreamSink",
        "tasks.max": "1",
        file: h.sinkFile(),
        topics: h.unique("conformance-topic"),
      };
      const { reply } = await h.create(name, config);
      assert.equal(reply.body.type, "sink");
      assert.equal((await h.call("GET", url(name))).body.type, "sink");
      const status = await h.settle(name, "RUNNING");
      assert.equal(status.body.type, "sink");
      const tasks = await h.eventually(async () => {
        const r = await h.call("GET", `${url(name)}/tasks`);
        assert.equal(r.body.length, 1, r.text);
        return r.body;
      });
      assert.equal(typeof tasks[0].config["task.class"], "string");
    },
  },
  {
    name: "connector plugins are listed with their config definitions",
    async run(h) {
      const types = [
        "source",
        "sink",
        "converter",
        "header_converter",
        "transformation",
        "predicate",
      ];
      const connectors = await h.call("GET", "/connector-plugins");
      assert.equal(connectors.status, 200, connectors.text);
      for (const p of connectors.body) {
        assert.equal(typeof p.class, "string");
        assert.ok(p.type === "source" || p.type === "sink", connectors.text);
      }
      const classes = connectors.body.map((p: { class: string; type: string }) =>
        `${p.type}:${p.class}`
      );
      assert.ok(classes.includes(`source:${SOURCE_CLASS}`), connectors.text);
      assert.ok(classes.includes(`sink:${SINK_CLASS}`), connectors.text);
      const all = await h.call("GET", "/connector-plugins?connectorsOnly=false");
      assert.equal(all.status, 200, all.text);
      for (const p of all.body) assert.ok(types.includes(p.type), all.text);
      for (const p of connectors.body) {
        assert.ok(all.body.some((q: { class: string }) => q.class === p.class), all.text);
      }

      for (const plugin of ["FileStreamSource", "FileStreamSourceConnector", SOURCE_CLASS]) {
        const defs = await h.call("GET", `/connector-plugins/${plugin}/config`);
        assert.equal(defs.status, 200, defs.text);
        const names = defs.body.map((d: { name: string }) => d.name);
        for (const k of ["connector.class", "file", "topic"]) {
          assert.ok(names.includes(k), defs.text);
        }
        for (const d of defs.body) {
          assert.deepEqual(Object.keys(d).sort(), [
            "default_value",
            "dependents",
            "display_name",
            "documentation",
            "group",
            "importance",
            "name",
            "order",
            "required",
            "type",
            "width",
          ]);
        }
      }
      assertError(
        await h.call("GET", "/connector-plugins/com.example.Missing/config"),
        404,
        "Unknown plugin com.example.Missing.",
      );
    },
  },
  {
    name: "PUT /connector-plugins/{p}/config/validate reports every error with 200",
    async run(h) {
      const config: ConnectorConfig = { name: h.unique("validated"), ...await h.sourceConfig() };
      const valid = await h.call("PUT", "/connector-plugins/FileStreamSource/config/validate", {
        json: config,
      });
      assert.equal(valid.status, 200, valid.text);
      assert.deepEqual(Object.keys(valid.body).sort(), [
        "configs",
        "error_count",
        "groups",
        "name",
      ]);
      assert.ok(
        valid.body.name === "FileStreamSource" || valid.body.name === SOURCE_CLASS,
        valid.text,
      );
      assert.equal(valid.body.error_count, 0, valid.text);
      assert.ok(Array.isArray(valid.body.groups));
      for (const c of valid.body.configs) {
        assert.deepEqual(Object.keys(c).sort(), ["definition", "value"]);
        assert.equal(c.definition.name, c.value.name);
        assert.deepEqual(Object.keys(c.value).sort(), [
          "errors",
          "name",
          "recommended_values",
          "value",
          "visible",
        ]);
      }

      const { topic: _topic, ...noTopic } = config;
      for (const plugin of ["FileStreamSource", "FileStreamSourceConnector"]) {
        const invalid = await h.call("PUT", `/connector-plugins/${plugin}/config/validate`, {
          json: noTopic,
        });
        assert.equal(invalid.status, 200, invalid.text);
        assert.ok(invalid.body.error_count >= 1, invalid.text);
        const topic = invalid.body.configs.find((c: { value: { name: string } }) =>
          c.value.name === "topic"
        );
        assert.ok(topic?.value.errors.includes(MISSING_TOPIC), invalid.text);
      }

      const { "connector.class": _class, ...noClass } = config;
      assertError(
        await h.call("PUT", "/connector-plugins/FileStreamSource/config/validate", {
          json: noClass,
        }),
        400,
        `Connector config {${
          Object.entries(noClass).map(([k, v]) => `${k}=${v}`).join(", ")
        }} contains no connector type`,
      );
      assertError(
        await h.call("PUT", "/connector-plugins/FileStreamSink/config/validate", { json: config }),
        400,
        "Included connector type FileStreamSource does not match request type FileStreamSink",
      );
      assert.deepEqual(h.writes, []);
    },
  },
];

/**
 * Registers the conformance cases as `Deno.test`s, each with a fresh
 * herder from `makeHerder` (closed afterwards).
 *
 * @param makeHerder creates the herder under test.
 * @param options where files may go, and timing.
 *
 * @example
 * ```ts
 * import { runHerderConformance } from "./herder_conformance.ts";
 * import type { Herder } from "../runtime/herder.ts";
 * declare function startHerder(): Promise<Herder & { stop(): Promise<void> }>;
 * runHerderConformance(async () => {
 *   const herder = await startHerder();
 *   return { herder, close: () => herder.stop() };
 * }, { fileDir: "/tmp/tributary-files", settleTimeoutMs: 60_000 });
 * ```
 */
export function runHerderConformance(
  makeHerder: () => Promise<HerderUnderTest>,
  options: HerderConformanceOptions,
): void {
  const prefix = options.name ?? "herder conformance";
  for (const testCase of CASES) {
    Deno.test({
      name: `${prefix}: ${testCase.name}`,
      sanitizeOps: options.sanitizeOps,
      sanitizeResources: options.sanitizeResources,
      async fn() {
        const underTest = await makeHerder();
        const harness = new Harness(underTest.herder, options);
        try {
          await testCase.run(harness);
          assert.deepEqual(harness.unexpected, [], "unexpected errors (answered 500)");
        } finally {
          await harness.cleanUp();
          await underTest.close();
        }
      },
    });
  }
}
