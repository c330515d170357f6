/**
 * Kafka Connect's `/connector-plugins` API as a route plug-in over a
 * `Herder` (Kafka Connect's `ConnectorPluginsResource`): list the installed
 * plugins, show a plugin's config definitions, and validate a config.
 *
 * @example
 * ```ts
 * import { createRestApp } from "./app.ts";
 * import { connectorPluginsRoutes } from "./connector_plugins_routes.ts";
 * import type { Herder } from "../runtime/herder.ts";
 * declare const herder: Herder;
 * const app = createRestApp({
 *   rootInfo: () => ({ version: "0.1.0", commit: "abc", kafka_cluster_id: null }),
 *   health: () => "healthy",
 *   plugins: [connectorPluginsRoutes({ herder: () => herder })],
 * });
 * const res = await app.request("/connector-plugins");
 * console.log(await res.json()); // [{ class: "org.apache.kafka.connect.file.FileStreamSinkConnector", type: "sink", ... }]
 * ```
 * @module
 */
import type { Context } from "hono";
import type { Herder } from "../runtime/herder.ts";
import type { RestPlugin } from "./app.ts";
import { checkConnectorType } from "./connector_type_check.ts";
import { parseConnectorConfig, readJsonBody } from "./request_body.ts";
import { parseBooleanQuery } from "./request_params.ts";
import { addResource } from "./resource_routes.ts";

/**
 * Options of {@linkcode connectorPluginsRoutes}.
 *
 * @example
 * ```ts
 * import type { ConnectorPluginsRoutesOptions } from "./connector_plugins_routes.ts";
 * import type { Herder } from "../runtime/herder.ts";
 * declare const runtime: { herder: Herder };
 * const options: ConnectorPluginsRoutesOptions = { herder: () => runtime.herder };
 * ```
 */
export interface ConnectorPluginsRoutesOptions {
  /** The herder; called per request, since the runtime starts after the REST server. */
  herder: () => Herder;
}

/**
 * The `/connector-plugins` routes: `GET /connector-plugins[?connectorsOnly=false]`,
 * `GET /connector-plugins/{p}/config` and `PUT
 * /connector-plugins/{p}/config/validate` (400 with Kafka Connect's messages
 * when the config names no connector type or another one than the URL).
 *
 * @example
 * ```ts
 * import { createRestApp } from "./app.ts";
 * import { connectorPluginsRoutes } from "./connector_plugins_routes.ts";
 * import type { Herder } from "../runtime/herder.ts";
 * declare const herder: Herder;
 * const app = createRestApp({
 *   rootInfo: () => ({ version: "0.1.0", commit: "abc", kafka_cluster_id: null }),
 *   health: () => "healthy",
 *   plugins: [connectorPluginsRoutes({ herder: () => herder })],
 * });
 * const res = await app.request("/connector-plugins/FileStreamSource/config/validate", {
 *   method: "PUT",
 *   headers: { "Content-Type": "application/json" },
 *   body: JSON.stringify({ "connector.class": "FileStreamSource", topic: "t" }),
 * });
 * console.log((await res.json()).error_count); // 0
 * ```
 */
export function connectorPluginsRoutes(options: ConnectorPluginsRoutesOptions): RestPlugin {
  const herder = options.herder;
  const plugin = (c: Context) => c.req.param("plugin") ?? "";

  const validate = async (c: Context) => {
    const name = plugin(c);
    const action = `validate config for plugin ${name}`;
    const config = parseConnectorConfig(await readJsonBody(c.req.raw, action), action);
    checkConnectorType(name, config);
    return c.json(await herder().validateConfig(name, config));
  };

  return (app) => {
    addResource(app, "/connector-plugins", {
      GET: (c) => c.json(herder().plugins(parseBooleanQuery(c.req.query("connectorsOnly"), true))),
    });
    addResource(app, "/connector-plugins/:plugin/config", {
      GET: (c) => c.json(herder().pluginConfig(plugin(c))),
    });
    addResource(app, "/connector-plugins/:plugin/config/validate", { PUT: validate });
  };
}
