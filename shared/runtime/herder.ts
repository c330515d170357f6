/**
 * The contract between the REST API and the runtime: every operation of
 * Kafka Connect's REST API, with its entities. The REST layer parses
 * requests and maps errors; a `Herder` implements the semantics (the control
 * topic, validation with the plugin registry, offsets).
 *
 * Errors: a herder throws `RestError` (from `shared/rest/rest_error.ts`) with
 * Kafka Connect's status and message, e.g. 404 `Connector x not found`,
 * 409 `Connector x already exists`, 400 `Connector configuration is invalid
 * and contains the following N error(s): ...`.
 *
 * @example
 * ```ts
 * import type { Herder } from "./herder.ts";
 * async function create(herder: Herder) {
 *   const info = await herder.createConnector("fs", {
 *     "connector.class": "FileStreamSource",
 *     file: "/tmp/in.txt",
 *     topic: "lines",
 *   });
 *   console.log(info.type); // "source"
 * }
 * ```
 * @module
 */
import type { ConfigInfos, ConfigKeyInfo } from "../connect/config_def.ts";

/** A connector config: Kafka Connect's flat string map. */
export type ConnectorConfig = Record<string, string>;

/** Connector and task types as the REST API reports them. */
export type ConnectorType = "source" | "sink" | "unknown";

/** States of connectors and tasks, as Kafka Connect's `AbstractStatus.State`. */
export type State = "UNASSIGNED" | "RUNNING" | "PAUSED" | "FAILED" | "RESTARTING" | "STOPPED";

/** The state a user asked a connector to be in. */
export type TargetState = "RUNNING" | "PAUSED" | "STOPPED";

/** A task's id, as `ConnectorTaskId`. */
export interface ConnectorTaskId {
  connector: string;
  task: number;
}

/** `GET /connectors/{n}`: `ConnectorInfo`. */
export interface ConnectorInfo {
  name: string;
  config: ConnectorConfig;
  tasks: ConnectorTaskId[];
  type: ConnectorType;
}

/** The state of the connector instance in a `StateInfo`. */
export interface ConnectorState {
  state: State;
  worker_id: string;
  /** Present only when non-empty. */
  trace?: string;
}

/** One task's state, as `GET /connectors/{n}/tasks/{i}/status`. */
export interface TaskState {
  id: number;
  state: State;
  worker_id: string;
  trace?: string;
}

/** `GET /connectors/{n}/status`: `ConnectorStateInfo`, tasks sorted by id. */
export interface ConnectorStateInfo {
  name: string;
  connector: ConnectorState;
  tasks: TaskState[];
  type: ConnectorType;
}

/** `GET /connectors/{n}/tasks` entries. */
export interface TaskInfo {
  id: ConnectorTaskId;
  config: ConnectorConfig;
}

/** One plugin in `GET /connector-plugins`. */
export interface PluginInfo {
  class: string;
  type: "source" | "sink" | "converter" | "header_converter" | "transformation" | "predicate";
  version?: string;
}

/** One partition's offset in the offsets API. */
export interface ConnectorOffset {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
}

/** `GET /connectors/{n}/offsets`. */
export interface ConnectorOffsets {
  offsets: ConnectorOffset[];
}

/** Options of a connector restart (KIP-745). */
export interface RestartOptions {
  includeTasks: boolean;
  onlyFailed: boolean;
}

/** Every REST operation on connectors and plugins. */
export interface Herder {
  /** Names of every connector in the cluster. */
  connectorNames(): string[];
  /** The connector's info; throws 404 if unknown. */
  connectorInfo(name: string): ConnectorInfo;
  /** The connector's config as submitted; throws 404 if unknown. */
  connectorConfig(name: string): ConnectorConfig;
  /** The connector's status; throws 404 `No status found for connector n`. */
  connectorStatus(name: string): ConnectorStateInfo;
  /** Task configs (with `task.class`); throws 404 if unknown. */
  taskConfigs(name: string): TaskInfo[];
  /** One task's status; throws 404 `No status found for task n-i`. */
  taskStatus(name: string, task: number): TaskState;

  /** Creates a connector; 409 if it exists, 400 if its config is invalid. */
  createConnector(
    name: string,
    config: ConnectorConfig,
    initialState?: TargetState,
  ): Promise<ConnectorInfo>;
  /** Creates or replaces a connector's config. */
  putConnectorConfig(
    name: string,
    config: ConnectorConfig,
  ): Promise<{ created: boolean; info: ConnectorInfo }>;
  /** Merges `patch` into the config; a null value removes the key. */
  patchConnectorConfig(name: string, patch: Record<string, string | null>): Promise<ConnectorInfo>;
  /** Deletes a connector; 404 if unknown. */
  deleteConnector(name: string): Promise<void>;

  /**
   * Restarts a connector and, per the options, its tasks. Returns the status
   * with the restarting parts marked RESTARTING, or null for a plain restart
   * of the connector object (answered 204).
   */
  restartConnector(name: string, options: RestartOptions): Promise<ConnectorStateInfo | null>;
  /** Restarts one task; 404 `Unknown task: n-i`. */
  restartTask(name: string, task: number): Promise<void>;
  /** Sets the connector's target state. */
  setTargetState(name: string, state: TargetState): Promise<void>;

  /** The connector's committed offsets. */
  offsets(name: string): Promise<ConnectorOffsets>;
  /** Alters offsets of a STOPPED connector; returns the success message. */
  alterOffsets(name: string, offsets: ConnectorOffsets): Promise<string>;
  /** Resets offsets of a STOPPED connector; returns the success message. */
  resetOffsets(name: string): Promise<string>;

  /** Installed plugins; connectors only unless `connectorsOnly` is false. */
  plugins(connectorsOnly: boolean): PluginInfo[];
  /** A plugin's config definitions; 404 `Unknown plugin X.` */
  pluginConfig(plugin: string): ConfigKeyInfo[];
  /** Validates a config for a plugin, every error at once (200 even with errors). */
  validateConfig(plugin: string, config: ConnectorConfig): Promise<ConfigInfos>;
}
