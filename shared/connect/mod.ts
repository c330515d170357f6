/**
 * Tributary's connector SDK: everything a connector author needs, in one
 * import. Connectors depend only on this module, never on the runtime.
 *
 * - Connectors: {@linkcode SourceConnector}, {@linkcode SinkConnector}
 *   (base {@linkcode Connector}); tasks: {@linkcode SourceTask},
 *   {@linkcode SinkTask}; contexts the worker hands them.
 * - Records and data: `SourceRecord`, `SinkRecord`, `Schema`,
 *   {@linkcode SchemaBuilder}, {@linkcode Schemas}, {@linkcode Struct},
 *   logical types (`Decimal`, `LogicalDate`, `LogicalTime`, `LogicalTimestamp`).
 * - Configuration specs: {@linkcode ConfigDef}, validators, docs.
 * - Errors: {@linkcode ConnectError}, {@linkcode ConfigError},
 *   {@linkcode RetriableError}, {@linkcode DataError}.
 * - File access: {@linkcode isPathAllowed}, {@linkcode assertPathAllowed},
 *   the {@linkcode fileInAllowedDirs} validator.
 *
 * @example
 * ```ts
 * import { ConfigDef, SourceConnector, SourceTask } from "./mod.ts";
 * import type { SourceRecord } from "./mod.ts";
 *
 * class HelloTask extends SourceTask {
 *   version() { return "1.0"; }
 *   start() {}
 *   poll(): Promise<SourceRecord[] | null> { return Promise.resolve(null); }
 *   stop() {}
 * }
 * export class HelloSourceConnector extends SourceConnector {
 *   static readonly className = "com.example.HelloSourceConnector";
 *   version() { return "1.0"; }
 *   config() { return new ConfigDef(); }
 *   start() {}
 *   taskClass() { return HelloTask; }
 *   taskConfigs() { return [{}]; }
 *   stop() {}
 * }
 * ```
 * @module
 */
export * from "./class_name.ts";
export * from "./common_configs.ts";
export * from "./config_def.ts";
export * from "./config_docs.ts";
export * from "./connector.ts";
export * from "./contexts.ts";
export * from "./delay.ts";
export * from "./errors.ts";
export * from "./file_access.ts";
export * from "./logical_types.ts";
export * from "./password.ts";
export * from "./record.ts";
export * from "./schema.ts";
export * from "./schema_builder.ts";
export * from "./sink_connector.ts";
export * from "./sink_task.ts";
export * from "./source_connector.ts";
export * from "./source_task.ts";
export * from "./struct.ts";
export * from "./task.ts";
export * from "./topic_partition.ts";
export * from "./validators.ts";
export * from "./values.ts";
