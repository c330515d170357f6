/**
 * An in-memory `Herder` with Kafka Connect's semantics and messages, for
 * tests of the REST layer: it knows the two file connectors, validates
 * their configs, keeps target states, derives statuses from them at once (a
 * RUNNING connector has one RUNNING task; a STOPPED one has none) and keeps
 * offsets. It runs nothing: no files are read, no records move.
 *
 * It is the stand-in the shared conformance suite
 * (`herder_conformance.ts`) is checked against until the real herder runs
 * it.
 *
 * @example
 * ```ts
 * import { MemoryHerder } from "./memory_herder.ts";
 * const herder = new MemoryHerder({ fileDirs: ["/tmp"] });
 * await herder.createConnector("fs", {
 *   name: "fs",
 *   "connector.class": "FileStreamSource",
 *   file: "/tmp/in.txt",
 *   topic: "lines",
 * });
 * console.log(herder.connectorStatus("fs").connector.state); // "RUNNING"
 * ```
 * @module
 */
import * as path from "node:path";
import type { ConfigInfos, ConfigKeyInfo, ConfigType } from "../connect/config_def.ts";
import type {
  ConnectorConfig,
  ConnectorInfo,
  ConnectorOffset,
  ConnectorOffsets,
  ConnectorStateInfo,
  Herder,
  PluginInfo,
  RestartOptions,
  State,
  TargetState,
  TaskInfo,
  TaskState,
} from "../runtime/herder.ts";
import { javaMapString } from "./connector_type_check.ts";
import { RestError } from "./rest_error.ts";

/**
 * Options of {@linkcode MemoryHerder}.
 *
 * @example
 * ```ts
 * import type { MemoryHerderOptions } from "./memory_herder.ts";
 * const options: MemoryHerderOptions = { fileDirs: ["/tmp/files"], workerId: "test:8083" };
 * ```
 */
export interface MemoryHerderOptions {
  /** Directories the file connectors may use; a `file` elsewhere is a config error. */
  fileDirs: readonly string[];
  /** The `worker_id` in statuses; `memory:8083` by default. */
  workerId?: string;
}

interface ConnectorPlugin {
  className: string;
  type: "source" | "sink";
  taskClass: string;
  keys: ConfigKeyInfo[];
}

interface StoredConnector {
  config: ConnectorConfig;
  target: TargetState;
  plugin: ConnectorPlugin;
}

function key(
  name: string,
  type: ConfigType,
  defaultValue: string | null | undefined,
  documentation: string,
  group: string | null,
  order: number,
): ConfigKeyInfo {
  return {
    name,
    type,
    required: defaultValue === undefined,
    default_value: defaultValue ?? null,
    importance: "HIGH",
    documentation,
    group,
    order,
    width: "NONE",
    display_name: name,
    dependents: [],
  };
}

const COMMON_KEYS: ConfigKeyInfo[] = [
  key("name", "STRING", undefined, "Globally unique name to use for this connector.", "Common", 1),
  key("connector.class", "STRING", undefined, "Name or alias of the connector class.", "Common", 2),
  key("tasks.max", "INT", "1", "Maximum number of tasks to use for this connector.", "Common", 3),
];

const FILE_PACKAGE = "org.apache.kafka.connect.file";

const PLUGINS: readonly ConnectorPlugin[] = [
  {
    className: `${FILE_PACKAGE}.FileStreamSinkConnector`,
    type: "sink",
    taskClass: `${FILE_PACKAGE}.FileStreamSinkTask`,
    keys: [
      key("file", "STRING", null, "Destination filename.", null, -1),
      key("topics", "LIST", "", "List of topics to consume.", "Common", 4),
      key("topics.regex", "STRING", "", "Regular expression of topics to consume.", "Common", 5),
    ],
  },
  {
    className: `${FILE_PACKAGE}.FileStreamSourceConnector`,
    type: "source",
    taskClass: `${FILE_PACKAGE}.FileStreamSourceTask`,
    keys: [
      key("file", "STRING", null, "Source filename.", null, -1),
      key("topic", "STRING", undefined, "The topic to publish data to.", null, -1),
      key("batch.size", "INT", "2000", "The maximum number of records per poll.", null, -1),
    ],
  },
];

const OTHER_PLUGINS: readonly PluginInfo[] = [
  {
    class: "org.apache.kafka.connect.storage.StringConverter",
    type: "converter",
    version: "0.1.0",
  },
  { class: "org.apache.kafka.connect.transforms.Filter", type: "transformation", version: "0.1.0" },
];

function findPlugin(name: string): ConnectorPlugin | undefined {
  return PLUGINS.find((p) => {
    const simple = p.className.slice(p.className.lastIndexOf(".") + 1);
    return name === p.className || name === simple || `${name}Connector` === simple;
  });
}

/** Keys of a plugin with the common ones, the plugin's first (as Kafka Connect). */
function allKeys(plugin: ConnectorPlugin): ConfigKeyInfo[] {
  const own = new Set(plugin.keys.map((k) => k.name));
  return [...plugin.keys, ...COMMON_KEYS.filter((k) => !own.has(k.name))];
}

function insideDirs(file: string, dirs: readonly string[]): boolean {
  const resolved = path.resolve(file);
  return dirs.some((dir) => resolved.startsWith(path.resolve(dir) + path.sep));
}

const STOPPED_FIRST =
  "Connectors must be in the STOPPED state before their offsets can be modified. This can be done " +
  "for the specified connector by issuing a 'PUT' request to the '/connectors/";

/**
 * The in-memory herder. See the module docs.
 *
 * @example
 * ```ts
 * import { MemoryHerder } from "./memory_herder.ts";
 * const herder = new MemoryHerder({ fileDirs: ["/tmp"] });
 * console.log(herder.plugins(true).map((p) => p.type)); // ["sink", "source"]
 * ```
 */
export class MemoryHerder implements Herder {
  readonly #fileDirs: readonly string[];
  readonly #workerId: string;
  readonly #connectors = new Map<string, StoredConnector>();
  readonly #offsets = new Map<string, Map<string, ConnectorOffset>>();

  /** Creates an empty herder. */
  constructor(options: MemoryHerderOptions) {
    this.#fileDirs = options.fileDirs;
    this.#workerId = options.workerId ?? "memory:8083";
  }

  #get(name: string, message = `Connector ${name} not found`): StoredConnector {
    const stored = this.#connectors.get(name);
    if (stored === undefined) throw new RestError(404, message);
    return stored;
  }

  /** Validates a config; the plugin, or the errors by key. */
  #validate(config: ConnectorConfig): { plugin?: ConnectorPlugin; errors: Map<string, string[]> } {
    const errors = new Map<string, string[]>();
    const add = (k: string, message: string) => errors.set(k, [...errors.get(k) ?? [], message]);
    const className = config["connector.class"];
    if (className === undefined) {
      throw new RestError(
        400,
        `Connector config ${javaMapString(config)} contains no connector type`,
      );
    }
    const plugin = findPlugin(className);
    if (plugin === undefined) {
      add(
        "connector.class",
        `Invalid value ${className} for configuration connector.class: Class ${className} could not be found.`,
      );
      return { errors };
    }
    for (const k of allKeys(plugin)) {
      if (k.required && config[k.name] === undefined) {
        add(k.name, `Missing required configuration "${k.name}" which has no default value.`);
      }
    }
    const tasksMax = config["tasks.max"];
    if (tasksMax !== undefined) {
      if (!/^[+-]?\d+$/.test(tasksMax.trim())) {
        add(
          "tasks.max",
          `Invalid value ${tasksMax} for configuration tasks.max: Not a number of type INT`,
        );
      } else if (Number(tasksMax) < 1) {
        add(
          "tasks.max",
          `Invalid value ${tasksMax} for configuration tasks.max: Value must be at least 1`,
        );
      }
    }
    const file = config.file;
    if (file !== undefined && file !== "" && !insideDirs(file, this.#fileDirs)) {
      add(
        "file",
        `Invalid value ${file} for configuration file: the file is outside the allowed directories`,
      );
    }
    if (plugin.type === "source" && config.topic !== undefined && config.topic.trim() === "") {
      add(
        "topic",
        `Invalid value ${config.topic} for configuration topic: String must be non-empty`,
      );
    }
    if (
      plugin.type === "sink" && !(config.topics ?? "").trim() &&
      !(config["topics.regex"] ?? "").trim()
    ) {
      add("topics", "Must configure one of topics or topics.regex");
    }
    return { plugin, errors };
  }

  #checked(config: ConnectorConfig): ConnectorPlugin {
    const { plugin, errors } = this.#validate(config);
    const messages = [...errors.values()].flat();
    if (plugin === undefined || messages.length > 0) {
      throw new RestError(
        400,
        `Connector configuration is invalid and contains the following ${messages.length} error(s):\n` +
          messages.join("\n") +
          "\nYou can also find the above list of errors at the endpoint " +
          "`/connector-plugins/{connectorType}/config/validate`",
      );
    }
    return plugin;
  }

  #taskConfigs(name: string, stored: StoredConnector): TaskInfo[] {
    if (stored.target === "STOPPED") return [];
    return [{
      id: { connector: name, task: 0 },
      config: { ...stored.config, "task.class": stored.plugin.taskClass },
    }];
  }

  #info(name: string, stored: StoredConnector): ConnectorInfo {
    return {
      name,
      config: { ...stored.config },
      tasks: this.#taskConfigs(name, stored).map((t) => t.id),
      type: stored.plugin.type,
    };
  }

  /** See {@linkcode Herder.connectorNames}. */
  connectorNames(): string[] {
    return [...this.#connectors.keys()];
  }

  /** See {@linkcode Herder.connectorInfo}. */
  connectorInfo(name: string): ConnectorInfo {
    return this.#info(name, this.#get(name));
  }

  /** See {@linkcode Herder.connectorConfig}. */
  connectorConfig(name: string): ConnectorConfig {
    return { ...this.#get(name).config };
  }

  /** See {@linkcode Herder.connectorStatus}. */
  connectorStatus(name: string): ConnectorStateInfo {
    const stored = this.#get(name, `No status found for connector ${name}`);
    const state: State = stored.target;
    return {
      name,
      connector: { state, worker_id: this.#workerId },
      tasks: this.#taskConfigs(name, stored).map((t) => ({
        id: t.id.task,
        state,
        worker_id: this.#workerId,
      })),
      type: stored.plugin.type,
    };
  }

  /** See {@linkcode Herder.taskConfigs}. */
  taskConfigs(name: string): TaskInfo[] {
    return this.#taskConfigs(name, this.#get(name));
  }

  /** See {@linkcode Herder.taskStatus}. */
  taskStatus(name: string, task: number): TaskState {
    const found = this.#connectors.has(name)
      ? this.connectorStatus(name).tasks.find((t) => t.id === task)
      : undefined;
    if (found === undefined) throw new RestError(404, `No status found for task ${name}-${task}`);
    return found;
  }

  /** See {@linkcode Herder.createConnector}. */
  createConnector(
    name: string,
    config: ConnectorConfig,
    initialState: TargetState = "RUNNING",
  ): Promise<ConnectorInfo> {
    return Promise.resolve().then(() => {
      const plugin = this.#checked(config);
      if (this.#connectors.has(name)) {
        throw new RestError(409, `Connector ${name} already exists`);
      }
      const stored = { config: { ...config }, target: initialState, plugin };
      this.#connectors.set(name, stored);
      return { ...this.#info(name, stored), tasks: [] };
    });
  }

  /** See {@linkcode Herder.putConnectorConfig}. */
  putConnectorConfig(
    name: string,
    config: ConnectorConfig,
  ): Promise<{ created: boolean; info: ConnectorInfo }> {
    return Promise.resolve().then(() => {
      const plugin = this.#checked(config);
      const existing = this.#connectors.get(name);
      const stored = { config: { ...config }, target: existing?.target ?? "RUNNING", plugin };
      this.#connectors.set(name, stored);
      return { created: existing === undefined, info: this.#info(name, stored) };
    });
  }

  /** See {@linkcode Herder.patchConnectorConfig}. */
  patchConnectorConfig(
    name: string,
    patch: Record<string, string | null>,
  ): Promise<ConnectorInfo> {
    return Promise.resolve().then(() => {
      const existing = this.#get(name);
      const merged = new Map(Object.entries(existing.config));
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) merged.delete(k);
        else merged.set(k, v);
      }
      const config: ConnectorConfig = Object.fromEntries(merged);
      const plugin = this.#checked(config);
      const stored = { ...existing, config, plugin };
      this.#connectors.set(name, stored);
      return this.#info(name, stored);
    });
  }

  /** See {@linkcode Herder.deleteConnector}. */
  deleteConnector(name: string): Promise<void> {
    return Promise.resolve().then(() => {
      this.#get(name);
      this.#connectors.delete(name);
    });
  }

  /** See {@linkcode Herder.restartConnector}. */
  restartConnector(name: string, options: RestartOptions): Promise<ConnectorStateInfo | null> {
    return Promise.resolve().then(() => {
      this.#get(name, `Unknown connector: ${name}`);
      if (!options.includeTasks && !options.onlyFailed) return null;
      const status = this.connectorStatus(name);
      const restarts = (state: State) => !options.onlyFailed || state === "FAILED";
      if (restarts(status.connector.state)) status.connector.state = "RESTARTING";
      for (const t of status.tasks) {
        if (options.includeTasks && restarts(t.state)) t.state = "RESTARTING";
      }
      return status;
    });
  }

  /** See {@linkcode Herder.restartTask}. */
  restartTask(name: string, task: number): Promise<void> {
    return Promise.resolve().then(() => {
      const stored = this.#get(name, `Unknown connector: ${name}`);
      if (!this.#taskConfigs(name, stored).some((t) => t.id.task === task)) {
        throw new RestError(404, `Unknown task: ${name}-${task}`);
      }
    });
  }

  /** See {@linkcode Herder.setTargetState}. */
  setTargetState(name: string, state: TargetState): Promise<void> {
    return Promise.resolve().then(() => {
      this.#get(name, `Unknown connector ${name}`).target = state;
    });
  }

  #stoppedOffsets(name: string): Map<string, ConnectorOffset> {
    if (this.#get(name).target !== "STOPPED") {
      throw new RestError(400, `${STOPPED_FIRST}${name}/stop' endpoint`);
    }
    let offsets = this.#offsets.get(name);
    if (offsets === undefined) this.#offsets.set(name, offsets = new Map());
    return offsets;
  }

  /** See {@linkcode Herder.offsets}. */
  offsets(name: string): Promise<ConnectorOffsets> {
    return Promise.resolve().then(() => {
      this.#get(name);
      return { offsets: [...this.#offsets.get(name)?.values() ?? []] };
    });
  }

  /** See {@linkcode Herder.alterOffsets}. */
  alterOffsets(name: string, offsets: ConnectorOffsets): Promise<string> {
    return Promise.resolve().then(() => {
      const stored = this.#stoppedOffsets(name);
      for (const { partition, offset } of offsets.offsets) {
        const k = JSON.stringify(partition);
        if (offset === null) stored.delete(k);
        else stored.set(k, { partition, offset });
      }
      return "The offsets for this connector have been altered successfully";
    });
  }

  /** See {@linkcode Herder.resetOffsets}. */
  resetOffsets(name: string): Promise<string> {
    return Promise.resolve().then(() => {
      this.#stoppedOffsets(name).clear();
      return "The offsets for this connector have been reset successfully";
    });
  }

  /** See {@linkcode Herder.plugins}. */
  plugins(connectorsOnly: boolean): PluginInfo[] {
    const connectors = PLUGINS.map((p): PluginInfo => ({
      class: p.className,
      type: p.type,
      version: "0.1.0",
    }));
    return connectorsOnly ? connectors : [...connectors, ...OTHER_PLUGINS];
  }

  /** See {@linkcode Herder.pluginConfig}. */
  pluginConfig(plugin: string): ConfigKeyInfo[] {
    const found = findPlugin(plugin);
    if (found === undefined) throw new RestError(404, `Unknown plugin ${plugin}.`);
    return allKeys(found);
  }

  /** See {@linkcode Herder.validateConfig}. */
  validateConfig(_plugin: string, config: ConnectorConfig): Promise<ConfigInfos> {
    return Promise.resolve().then(() => {
      const { plugin, errors } = this.#validate(config);
      const keys = plugin === undefined ? COMMON_KEYS : allKeys(plugin);
      const configs = keys.map((definition) => ({
        definition,
        value: {
          name: definition.name,
          value: config[definition.name] ?? definition.default_value,
          recommended_values: [],
          errors: errors.get(definition.name) ?? [],
          visible: true,
        },
      }));
      return {
        name: config["connector.class"],
        error_count: [...errors.values()].flat().length,
        groups: ["Common"],
        configs,
      };
    });
  }
}
