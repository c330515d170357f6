/**
 * Kafka Connect's `/connectors` API as a route plug-in over a `Herder`
 * (Kafka Connect's `ConnectorsResource`): the routes parse and check
 * requests, call the herder, and answer with Kafka Connect's status codes,
 * headers and bodies. The herder's `RestError`s (404 unknown connector,
 * 409 exists, 400 invalid config) pass through to the app's error mapping.
 *
 * A request that fails parsing (bad JSON, wrong shape, wrong
 * `Content-Type`, name mismatch, non-integer task id) is answered before any
 * herder method is called. Connector names in URLs are percent-decoded
 * (`%2F` is a `/` inside the name); the `Location` header encodes the name
 * as one path segment.
 *
 * @example
 * ```ts
 * import { createRestApp } from "./app.ts";
 * import { connectorsRoutes } from "./connectors_routes.ts";
 * import type { Herder } from "../runtime/herder.ts";
 * declare const herder: Herder;
 * const app = createRestApp({
 *   rootInfo: () => ({ version: "0.1.0", commit: "abc", kafka_cluster_id: null }),
 *   health: () => "healthy",
 *   plugins: [connectorsRoutes({ herder: () => herder })],
 * });
 * const res = await app.request("/connectors");
 * console.log(await res.json()); // ["fs", ...]
 * ```
 * @module
 */
import type { Context } from "hono";
import type { Herder, RestartOptions, TargetState } from "../runtime/herder.ts";
import type { RestPlugin } from "./app.ts";
import {
  checkConnectorName,
  parseConfigPatch,
  parseConnectorConfig,
  parseConnectorOffsets,
  parseCreateConnectorRequest,
  readJsonBody,
  withConnectorName,
} from "./request_body.ts";
import { parseBooleanQuery, parseTaskId } from "./request_params.ts";
import { addResource } from "./resource_routes.ts";
import { RestError } from "./rest_error.ts";

/**
 * Options of {@linkcode connectorsRoutes}.
 *
 * @example
 * ```ts
 * import type { ConnectorsRoutesOptions } from "./connectors_routes.ts";
 * import type { Herder } from "../runtime/herder.ts";
 * declare const runtime: { herder: Herder };
 * const options: ConnectorsRoutesOptions = { herder: () => runtime.herder };
 * ```
 */
export interface ConnectorsRoutesOptions {
  /** The herder; called per request, since the runtime starts after the REST server. */
  herder: () => Herder;
}

/**
 * The `Location` of a connector: `/connectors/` and its name encoded as one
 * path segment (so a `/` in the name is `%2F`).
 *
 * @example
 * ```ts
 * import { connectorLocation } from "./connectors_routes.ts";
 * console.log(connectorLocation("my source/1")); // "/connectors/my%20source%2F1"
 * ```
 */
export function connectorLocation(name: string): string {
  return `/connectors/${encodeURIComponent(name)}`;
}

/**
 * The `/connectors` routes: list (`?expand=status|info`), create, info,
 * config (GET/PUT/PATCH), delete, status, tasks, task status, restarts,
 * pause/resume/stop and offsets (GET/PATCH/DELETE).
 *
 * @example
 * ```ts
 * import { createRestApp } from "./app.ts";
 * import { connectorsRoutes } from "./connectors_routes.ts";
 * import type { Herder } from "../runtime/herder.ts";
 * declare const herder: Herder;
 * const app = createRestApp({
 *   rootInfo: () => ({ version: "0.1.0", commit: "abc", kafka_cluster_id: null }),
 *   health: () => "healthy",
 *   plugins: [connectorsRoutes({ herder: () => herder })],
 * });
 * const res = await app.request("/connectors", {
 *   method: "POST",
 *   headers: { "Content-Type": "application/json" },
 *   body: JSON.stringify({
 *     name: "fs",
 *     config: { "connector.class": "FileStreamSource", file: "/data/in.txt", topic: "lines" },
 *   }),
 * });
 * console.log(res.status, res.headers.get("Location")); // 201 "/connectors/fs"
 * ```
 */
export function connectorsRoutes(options: ConnectorsRoutesOptions): RestPlugin {
  const herder = options.herder;
  const connector = (c: Context) => c.req.param("connector") ?? "";
  const task = (c: Context) => parseTaskId(c.req.param("task") ?? "");

  const list = (c: Context) => {
    const h = herder();
    const expand = c.req.queries("expand");
    if (expand === undefined) return c.json(h.connectorNames());
    const out: [string, Record<string, unknown>][] = [];
    for (const name of h.connectorNames()) {
      try {
        const expansions: Record<string, unknown> = {};
        for (const expansion of expand) {
          if (expansion === "status") expansions.status = h.connectorStatus(name);
          else if (expansion === "info") expansions.info = h.connectorInfo(name);
        }
        out.push([name, expansions]);
      } catch (err) {
        // Deleted while we looked it up, or no status yet: left out, as Kafka Connect does.
        if (err instanceof RestError && err.status === 404) continue;
        throw err;
      }
    }
    return c.json(Object.fromEntries(out));
  };

  const create = async (c: Context) => {
    const body = await readJsonBody(c.req.raw, "create connector");
    const request = parseCreateConnectorRequest(body);
    const config = withConnectorName(request.config, request.name);
    const info = await herder().createConnector(request.name, config, request.initialState);
    c.header("Location", connectorLocation(request.name));
    return c.json(info, 201);
  };

  const putConfig = async (c: Context) => {
    const name = connector(c);
    const action = `set config of connector ${name}`;
    const config = withConnectorName(
      parseConnectorConfig(await readJsonBody(c.req.raw, action), action),
      name,
    );
    const { created, info } = await herder().putConnectorConfig(name, config);
    if (!created) return c.json(info, 200);
    c.header("Location", connectorLocation(name));
    return c.json(info, 201);
  };

  const patchConfig = async (c: Context) => {
    const name = connector(c);
    const action = `patch config of connector ${name}`;
    const patch = parseConfigPatch(await readJsonBody(c.req.raw, action), action);
    if (Object.hasOwn(patch, "name")) checkConnectorName(patch.name, name);
    return c.json(await herder().patchConnectorConfig(name, patch), 200);
  };

  const restart = async (c: Context) => {
    const name = connector(c);
    const options: RestartOptions = {
      includeTasks: parseBooleanQuery(c.req.query("includeTasks"), false),
      onlyFailed: parseBooleanQuery(c.req.query("onlyFailed"), false),
    };
    const status = await herder().restartConnector(name, options);
    if (!options.includeTasks && !options.onlyFailed) return c.body(null, 204);
    if (status === null) {
      throw new Error(
        `Cannot restart connector ${name}: the herder returned no status for a restart ` +
          `with includeTasks=${options.includeTasks} and onlyFailed=${options.onlyFailed}`,
      );
    }
    return c.json(status, 202);
  };

  const targetState = (state: TargetState, status: 202 | 204) => async (c: Context) => {
    await herder().setTargetState(connector(c), state);
    return c.body(null, status);
  };

  const alterOffsets = async (c: Context) => {
    const name = connector(c);
    const action = `alter offsets of connector ${name}`;
    const offsets = parseConnectorOffsets(await readJsonBody(c.req.raw, action), action);
    return c.json({ message: await herder().alterOffsets(name, offsets) }, 200);
  };

  return (app) => {
    addResource(app, "/connectors", { GET: list, POST: create });
    addResource(app, "/connectors/:connector", {
      GET: (c) => c.json(herder().connectorInfo(connector(c))),
      DELETE: async (c) => {
        await herder().deleteConnector(connector(c));
        return c.body(null, 204);
      },
    });
    addResource(app, "/connectors/:connector/config", {
      GET: (c) => c.json(herder().connectorConfig(connector(c))),
      PUT: putConfig,
      PATCH: patchConfig,
    });
    addResource(app, "/connectors/:connector/status", {
      GET: (c) => c.json(herder().connectorStatus(connector(c))),
    });
    addResource(app, "/connectors/:connector/tasks", {
      GET: (c) => c.json(herder().taskConfigs(connector(c))),
    });
    addResource(app, "/connectors/:connector/tasks/:task/status", {
      GET: (c) => c.json(herder().taskStatus(connector(c), task(c))),
    });
    addResource(app, "/connectors/:connector/tasks/:task/restart", {
      POST: async (c) => {
        await herder().restartTask(connector(c), task(c));
        return c.body(null, 204);
      },
    });
    addResource(app, "/connectors/:connector/restart", { POST: restart });
    addResource(app, "/connectors/:connector/pause", { PUT: targetState("PAUSED", 202) });
    addResource(app, "/connectors/:connector/resume", { PUT: targetState("RUNNING", 202) });
    addResource(app, "/connectors/:connector/stop", { PUT: targetState("STOPPED", 204) });
    addResource(app, "/connectors/:connector/offsets", {
      GET: async (c) => c.json(await herder().offsets(connector(c))),
      PATCH: alterOffsets,
      DELETE: async (c) => c.json({ message: await herder().resetOffsets(connector(c)) }, 200),
    });
  };
}
