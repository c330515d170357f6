/**
 * The checks `PUT /connector-plugins/{p}/config/validate` makes before it
 * validates, with Kafka Connect's messages: the config must name a
 * connector type (`connector.class`), and that type must match the plugin
 * in the URL.
 *
 * Matching is Kafka Connect's `ConnectorPluginsResource`: both names lose a
 * trailing `Connector` (so a simple class name becomes its alias), then the
 * config's must end with the URL's. `FileStreamSource`,
 * `FileStreamSourceConnector` and the full class name in the config all
 * match `FileStreamSource` in the URL; but a full class name in the URL is
 * matched only by the full class name in the config.
 *
 * @example
 * ```ts
 * import { checkConnectorType } from "./connector_type_check.ts";
 * checkConnectorType("FileStreamSource", {
 *   "connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
 * }); // fine
 * ```
 * @module
 */
import type { ConnectorConfig } from "../runtime/herder.ts";
import { RestError } from "./rest_error.ts";

const ALIAS_SUFFIX = "Connector";

/**
 * A plugin name without its trailing `Connector` (unless that is all of
 * it), as Kafka Connect's `normalizedPluginName`.
 *
 * @example
 * ```ts
 * import { normalizedPluginName } from "./connector_type_check.ts";
 * console.log(normalizedPluginName("FileStreamSinkConnector")); // "FileStreamSink"
 * console.log(normalizedPluginName("Connector")); // "Connector"
 * ```
 */
export function normalizedPluginName(pluginName: string): string {
  return pluginName.endsWith(ALIAS_SUFFIX) && pluginName.length > ALIAS_SUFFIX.length
    ? pluginName.slice(0, -ALIAS_SUFFIX.length)
    : pluginName;
}

/**
 * Whether the config's connector type matches the plugin named in the URL,
 * as Kafka Connect decides it.
 *
 * @param included the config's `connector.class`.
 * @param requested the plugin in the URL.
 *
 * @example
 * ```ts
 * import { connectorTypeMatches } from "./connector_type_check.ts";
 * const fqcn = "org.apache.kafka.connect.file.FileStreamSourceConnector";
 * console.log(connectorTypeMatches(fqcn, "FileStreamSource")); // true
 * console.log(connectorTypeMatches("FileStreamSink", "FileStreamSource")); // false
 * console.log(connectorTypeMatches("FileStreamSource", fqcn)); // false, as in Kafka Connect
 * ```
 */
export function connectorTypeMatches(included: string, requested: string): boolean {
  return normalizedPluginName(included).endsWith(normalizedPluginName(requested));
}

/**
 * A config as Java's `AbstractMap.toString` prints it (`{k=v, k2=v2}`), for
 * Kafka Connect's messages.
 *
 * @example
 * ```ts
 * import { javaMapString } from "./connector_type_check.ts";
 * console.log(javaMapString({ topic: "t", file: "/in.txt" })); // "{topic=t, file=/in.txt}"
 * ```
 */
export function javaMapString(config: ConnectorConfig): string {
  return `{${Object.entries(config).map(([k, v]) => `${k}=${v}`).join(", ")}}`;
}

/**
 * Throws Kafka Connect's 400 if the config names no connector type
 * (`Connector config {...} contains no connector type`) or one that does not
 * match the URL's plugin (`Included connector type X does not match request
 * type Y`).
 *
 * @param plugin the plugin in the URL.
 * @param config the config to validate.
 *
 * @example
 * ```ts
 * import { checkConnectorType } from "./connector_type_check.ts";
 * try {
 *   checkConnectorType("FileStreamSource", { topic: "t" });
 * } catch (err) {
 *   console.log((err as Error).message); // Connector config {topic=t} contains no connector type
 * }
 * ```
 */
export function checkConnectorType(plugin: string, config: ConnectorConfig): void {
  const included = Object.hasOwn(config, "connector.class") ? config["connector.class"] : null;
  if (included === null) {
    throw new RestError(
      400,
      `Connector config ${javaMapString(config)} contains no connector type`,
    );
  }
  if (!connectorTypeMatches(included, plugin)) {
    throw new RestError(
      400,
      `Included connector type ${included} does not match request type ${plugin}`,
    );
  }
}
