/**
 * The configuration keys every connector gets, whatever its class (Kafka
 * Connect's `ConnectorConfig`, `SourceConnectorConfig`,
 * `SinkConnectorConfig`): `name`, `connector.class`, `tasks.max`, the
 * converter overrides, and for sinks `topics` / `topics.regex` (exactly one
 * of them). The worker merges them with the connector's own spec before
 * validating:
 *
 * ```ts ignore
 * const spec = commonConfigDef(connector.type).merge(connector.config());
 * ```
 *
 * @example
 * ```ts
 * import { SINK_CONNECTOR_CONFIG } from "./common_configs.ts";
 * const errors = SINK_CONNECTOR_CONFIG.validate({
 *   name: "out", "connector.class": "FileStreamSink",
 * }).flatMap((v) => v.errorMessages);
 * console.log(errors);
 * // [ "Must configure one of topics or topics.regex", "Must configure one of topics or topics.regex" ]
 * ```
 * @module
 */
import { ConfigDef } from "./config_def.ts";
import type { ConnectorType } from "./connector.ts";
import { atLeast, nonEmptyString, validator, validRegex } from "./validators.ts";

/** Group of the common keys, as Kafka's `ConnectorConfig.COMMON_GROUP`. */
const COMMON_GROUP = "Common";

// deno-lint-ignore no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The keys every connector has.
 *
 * @example
 * ```ts
 * import { CONNECTOR_CONFIG } from "./common_configs.ts";
 * const parsed = CONNECTOR_CONFIG.parse({ name: "fs", "connector.class": "FileStreamSource" });
 * console.log(parsed["tasks.max"]); // 1
 * ```
 */
export const CONNECTOR_CONFIG = new ConfigDef()
  .define({
    name: "name",
    type: "STRING",
    importance: "HIGH",
    documentation:
      "Globally unique name to use for this connector. Must not be empty or contain control characters.",
    validator: validator("non-empty string without control characters", (value) => {
      const s = String(value);
      if (s.length === 0) return "String must be non-empty";
      return CONTROL_CHARS.test(s) ? "String must not contain control characters" : undefined;
    }),
    group: COMMON_GROUP,
    orderInGroup: 1,
    width: "MEDIUM",
    displayName: "Connector name",
  })
  .define({
    name: "connector.class",
    type: "STRING",
    importance: "HIGH",
    documentation: "Name or alias of the class for this connector: the full class name (e.g. " +
      "org.apache.kafka.connect.file.FileStreamSinkConnector), the simple class name " +
      '(FileStreamSinkConnector), or the simple name without the "Connector" suffix (FileStreamSink).',
    validator: nonEmptyString(),
    group: COMMON_GROUP,
    orderInGroup: 2,
    width: "LONG",
    displayName: "Connector class",
  })
  .define({
    name: "tasks.max",
    type: "INT",
    default: 1,
    importance: "HIGH",
    documentation: "Maximum number of tasks to use for this connector.",
    validator: atLeast(1),
    group: COMMON_GROUP,
    orderInGroup: 3,
    width: "SHORT",
    displayName: "Tasks max",
  })
  .define({
    name: "key.converter",
    type: "CLASS",
    default: null,
    importance: "LOW",
    documentation:
      "Converter class used to convert between Kafka Connect format and the serialized form " +
      "that is written to Kafka. This controls the format of the keys in messages written to " +
      "or read from Kafka. Defaults to the worker's key.converter.",
    group: COMMON_GROUP,
    orderInGroup: 4,
    width: "SHORT",
    displayName: "Key converter class",
  })
  .define({
    name: "value.converter",
    type: "CLASS",
    default: null,
    importance: "LOW",
    documentation:
      "Converter class used to convert between Kafka Connect format and the serialized form " +
      "that is written to Kafka. This controls the format of the values in messages written " +
      "to or read from Kafka. Defaults to the worker's value.converter.",
    group: COMMON_GROUP,
    orderInGroup: 5,
    width: "SHORT",
    displayName: "Value converter class",
  })
  .define({
    name: "header.converter",
    type: "CLASS",
    default: null,
    importance: "LOW",
    documentation:
      "HeaderConverter class used to convert between Kafka Connect format and the serialized " +
      "form that is written to Kafka. This controls the format of the header values in " +
      "messages written to or read from Kafka. Defaults to the worker's header.converter.",
    group: COMMON_GROUP,
    orderInGroup: 6,
    width: "SHORT",
    displayName: "Header converter class",
  });

/**
 * The keys every source connector has: {@linkcode CONNECTOR_CONFIG}.
 *
 * @example
 * ```ts
 * import { SOURCE_CONNECTOR_CONFIG } from "./common_configs.ts";
 * console.log(SOURCE_CONNECTOR_CONFIG.names().includes("tasks.max")); // true
 * ```
 */
export const SOURCE_CONNECTOR_CONFIG = CONNECTOR_CONFIG;

/**
 * The keys every sink connector has: {@linkcode CONNECTOR_CONFIG} plus
 * `topics` and `topics.regex`, exactly one of which must be set.
 *
 * @example
 * ```ts
 * import { SINK_CONNECTOR_CONFIG } from "./common_configs.ts";
 * const config = SINK_CONNECTOR_CONFIG.parse({
 *   name: "out", "connector.class": "FileStreamSink", topics: "a, b",
 * });
 * console.log(config.topics); // [ "a", "b" ]
 * ```
 */
export const SINK_CONNECTOR_CONFIG = CONNECTOR_CONFIG
  .define({
    name: "topics",
    type: "LIST",
    default: [],
    importance: "HIGH",
    documentation:
      "List of topics to consume, separated by commas. Exactly one of topics and topics.regex " +
      "must be set.",
    group: COMMON_GROUP,
    orderInGroup: 4,
    width: "LONG",
    displayName: "Topics",
  })
  .define({
    name: "topics.regex",
    type: "STRING",
    default: "",
    importance: "HIGH",
    documentation:
      "Regular expression giving topics to consume. Under the hood, the regex is compiled to a " +
      "RegExp and matched against whole topic names. Exactly one of topics and topics.regex " +
      "must be set.",
    validator: validator(
      "valid regex",
      (value, context) => value === "" ? undefined : validRegex().validate(value, context),
    ),
    group: COMMON_GROUP,
    orderInGroup: 4,
    width: "LONG",
    displayName: "Topics regex",
  })
  .rule((ctx) => {
    const hasTopics = ctx.isSet("topics");
    const hasRegex = ctx.isSet("topics.regex");
    let message: string | undefined;
    if (hasTopics && hasRegex) {
      message = "topics and topics.regex are mutually exclusive options, but both are set.";
    } else if (!hasTopics && !hasRegex) {
      message = "Must configure one of topics or topics.regex";
    }
    if (message !== undefined) {
      ctx.addError("topics", message);
      ctx.addError("topics.regex", message);
    }
  });

/**
 * The common keys for a connector type: {@linkcode SOURCE_CONNECTOR_CONFIG}
 * or {@linkcode SINK_CONNECTOR_CONFIG}. Merge the connector's own spec into
 * it to validate a full connector configuration.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { commonConfigDef } from "./common_configs.ts";
 * const own = new ConfigDef().define({ name: "file", type: "STRING", importance: "HIGH", documentation: "File" });
 * const spec = commonConfigDef("source").merge(own);
 * const errors = spec.validate({ "connector.class": "X" }).flatMap((v) => v.errorMessages);
 * console.log(errors.length); // 2: name and file are missing
 * ```
 */
export function commonConfigDef(
  type: ConnectorType,
): typeof SOURCE_CONNECTOR_CONFIG | typeof SINK_CONNECTOR_CONFIG {
  return type === "sink" ? SINK_CONNECTOR_CONFIG : SOURCE_CONNECTOR_CONFIG;
}
