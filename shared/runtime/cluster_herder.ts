/**
 * The `Herder` every worker serves: Kafka Connect's REST semantics over the
 * control log. Any worker accepts any write: it validates, appends to the
 * control topic and returns once it has folded its own record, so a GET
 * right after a 201 sees it. No leader, no forwarding.
 *
 * @example
 * ```ts
 * import { ClusterHerder } from "./cluster_herder.ts";
 * // const herder = new ClusterHerder({ log, plugins, env, offsets, sinkOffsets });
 * // await herder.createConnector("fs", { "connector.class": "FileStreamSource", ... });
 * ```
 * @module
 */
import { commonConfigDef } from "../connect/common_configs.ts";
import { type ConfigInfos, configInfos, type ConfigKeyInfo } from "../connect/config_def.ts";
import type { ConfigValue } from "../connect/config_def.ts";
import type { Connector } from "../connect/connector.ts";
import type { WorkerEnvironment } from "../connect/contexts.ts";
import type { OffsetMap } from "../connect/record.ts";
import type { ControlLog } from "../control/control_log.ts";
import { encodeControlRecord, type EncodedControlRecord } from "../control/records.ts";
import { RestError } from "../rest/rest_error.ts";
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
} from "./herder.ts";
import { AmbiguousPluginError, type PluginRegistry, UnknownPluginError } from "./plugins.ts";

/** The offsets of sink connectors: consumer-group commits of `connect-<name>`. */
export interface SinkOffsetsStore {
  offsets(connector: string): Promise<ConnectorOffsets["offsets"]>;
  alter(
    connector: string,
    changes: readonly { topic: string; partition: number; offset: bigint | null }[],
  ): Promise<void>;
  reset(connector: string): Promise<void>;
}

/** The offsets of source connectors (the offsets topic). */
export interface SourceOffsetsStore {
  sync(): Promise<void>;
  offsets(connector: string): { partition: OffsetMap; offset: OffsetMap }[];
  alter(
    connector: string,
    changes: readonly { partition: OffsetMap; offset: OffsetMap | null }[],
  ): Promise<void>;
  reset(connector: string): Promise<void>;
}

/** What a {@linkcode ClusterHerder} needs. */
export interface ClusterHerderOptions {
  log: ControlLog;
  plugins: PluginRegistry;
  env: WorkerEnvironment;
  sourceOffsets: SourceOffsetsStore;
  sinkOffsets: SinkOffsetsStore;
  /** Extra checks of a connector config (e.g. converter classes), as config values. */
  extraValidation?: (config: ConnectorConfig) => ConfigValue[];
  /** Converter plugins listed by `GET /connector-plugins?connectorsOnly=false`. */
  otherPlugins?: () => PluginInfo[];
  /** New incarnation ids; default random UUIDs. */
  newId?: () => string;
  /** How long an offsets change waits for a stopped connector's tasks to finish. */
  stopWaitMs?: number;
}

interface Validated {
  connector: Connector;
  className: string;
  type: "source" | "sink";
  infos: ConfigInfos;
}

const ALTERED = "The offsets for this connector have been altered successfully";
const RESET = "The offsets for this connector have been reset successfully";

/** The control-log herder; see the module doc. */
export class ClusterHerder implements Herder {
  readonly #o: ClusterHerderOptions;
  readonly #newId: () => string;

  /** Creates the herder over an open, caught-up control log. */
  constructor(options: ClusterHerderOptions) {
    this.#o = options;
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  get #state() {
    return this.#o.log.state();
  }

  #connector(name: string, notFound = `Connector ${name} not found`) {
    const view = this.#state.connector(name);
    if (!view) throw new RestError(404, notFound);
    return view;
  }

  async #append(records: EncodedControlRecord[]): Promise<void> {
    const offset = await this.#o.log.append(records);
    await this.#o.log.waitForOffset(offset);
  }

  #resolve(className: string | undefined, config: ConnectorConfig) {
    if (className === undefined || className.trim() === "") {
      throw new RestError(
        400,
        `Connector config ${JSON.stringify(config).replace(/"/g, "")} contains no connector type`,
      );
    }
    try {
      const info = this.#o.plugins.info(className);
      return { info, connector: this.#o.plugins.create(className) };
    } catch (err) {
      if (err instanceof UnknownPluginError || err instanceof AmbiguousPluginError) {
        throw new RestError(400, err.message, { cause: err });
      }
      throw err;
    }
  }

  #validate(config: ConnectorConfig): Validated {
    const { info, connector } = this.#resolve(config["connector.class"], config);
    const type = info.type;
    const common = commonConfigDef(type);
    const values = [
      ...common.validate(config, this.#o.env),
      ...connector.validate(config, this.#o.env),
      ...(this.#o.extraValidation?.(config) ?? []),
    ];
    const def = common.merge(connector.config());
    return {
      connector,
      className: info.class,
      type,
      infos: configInfos(config["connector.class"], def, values),
    };
  }

  #validated(config: ConnectorConfig): Validated {
    const result = this.#validate(config);
    const errors = result.infos.configs.flatMap((c) => c.value.errors);
    if (errors.length > 0) {
      throw new RestError(
        400,
        `Connector configuration is invalid and contains the following ${errors.length} ` +
          `error(s):\n${errors.join("\n")}\n` +
          "You can also find the above list of errors at the endpoint " +
          "`/connector-plugins/{connectorType}/config/validate`",
      );
    }
    return result;
  }

  #connectorRecord(name: string, incarnation: string, v: Validated, config: ConnectorConfig) {
    return encodeControlRecord({
      type: "connector",
      name,
      value: { incarnation, type: v.type, class: v.className, config },
    });
  }

  // -------------------------------------------------------------------------
  // Reads

  connectorNames(): string[] {
    return this.#state.connectorNames();
  }

  connectorInfo(name: string): ConnectorInfo {
    const info = this.#state.connectorInfo(name);
    if (!info) throw new RestError(404, `Connector ${name} not found`);
    return info;
  }

  connectorConfig(name: string): ConnectorConfig {
    return { ...this.#connector(name).config };
  }

  connectorStatus(name: string): ConnectorStateInfo {
    const info = this.#state.stateInfo(name);
    if (!info) throw new RestError(404, `No status found for connector ${name}`);
    return info;
  }

  taskConfigs(name: string): TaskInfo[] {
    this.#connector(name);
    const ids = this.#state.taskIds(name);
    const configs = this.#state.taskConfigs(name)?.configs ?? [];
    return ids.map((id) => ({ id, config: { ...configs[id.task] } }));
  }

  taskStatus(name: string, task: number): TaskState {
    const found = this.#state.stateInfo(name)?.tasks.find((t) => t.id === task);
    if (!found) throw new RestError(404, `No status found for task ${name}-${task}`);
    return found;
  }

  // -------------------------------------------------------------------------
  // Writes

  async createConnector(
    name: string,
    config: ConnectorConfig,
    initialState?: TargetState,
  ): Promise<ConnectorInfo> {
    const validated = this.#validated(config);
    if (this.#state.connector(name)) {
      throw new RestError(409, `Connector ${name} already exists`);
    }
    const incarnation = this.#newId();
    const records = [this.#connectorRecord(name, incarnation, validated, config)];
    if (initialState !== undefined && initialState !== "RUNNING") {
      records.push(encodeControlRecord({
        type: "target-state",
        name,
        value: { incarnation, state: initialState },
      }));
    }
    await this.#append(records);
    // Another worker may have created the same name at the same moment: the
    // record folded last wins, and only its writer answers 201.
    if (this.#state.connector(name)?.incarnation !== incarnation) {
      throw new RestError(409, `Connector ${name} already exists`);
    }
    return { name, config: { ...config }, tasks: [], type: validated.type };
  }

  async putConnectorConfig(
    name: string,
    config: ConnectorConfig,
  ): Promise<{ created: boolean; info: ConnectorInfo }> {
    const validated = this.#validated(config);
    const existing = this.#state.connector(name);
    const incarnation = existing?.incarnation ?? this.#newId();
    await this.#append([this.#connectorRecord(name, incarnation, validated, config)]);
    return { created: existing === undefined, info: this.connectorInfo(name) };
  }

  patchConnectorConfig(
    name: string,
    patch: Record<string, string | null>,
  ): Promise<ConnectorInfo> {
    const merged: ConnectorConfig = { ...this.#connector(name).config };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    return this.putConnectorConfig(name, merged).then((r) => r.info);
  }

  async deleteConnector(name: string): Promise<void> {
    this.#connector(name);
    await this.#append(this.#state.deletionRecords(name));
  }

  async restartConnector(
    name: string,
    options: RestartOptions,
  ): Promise<ConnectorStateInfo | null> {
    const view = this.#connector(name, `Unknown connector: ${name}`);
    const record = encodeControlRecord({
      type: "restart",
      name,
      value: {
        incarnation: view.incarnation,
        requestId: this.#newId(),
        includeTasks: options.includeTasks,
        onlyFailed: options.onlyFailed,
      },
    });
    const before = this.#state.stateInfo(name);
    await this.#append([record]);
    if (!options.includeTasks && !options.onlyFailed) return null;
    if (!before) return null;
    const restarting = (state: string) => !options.onlyFailed || state === "FAILED";
    return {
      ...before,
      connector: restarting(before.connector.state)
        ? { ...before.connector, state: "RESTARTING" }
        : before.connector,
      tasks: before.tasks.map((t) =>
        options.includeTasks && restarting(t.state) ? { ...t, state: "RESTARTING" } : t
      ),
    };
  }

  async restartTask(name: string, task: number): Promise<void> {
    const view = this.#connector(name, `Unknown connector: ${name}`);
    if (!this.#state.taskIds(name).some((t) => t.task === task)) {
      throw new RestError(404, `Unknown task: ${name}-${task}`);
    }
    await this.#append([encodeControlRecord({
      type: "restart",
      name,
      task,
      value: {
        incarnation: view.incarnation,
        requestId: this.#newId(),
        includeTasks: false,
        onlyFailed: false,
      },
    })]);
  }

  async setTargetState(name: string, state: TargetState): Promise<void> {
    const view = this.#connector(name, `Unknown connector ${name}`);
    if (view.targetState === state) return;
    await this.#append([encodeControlRecord({
      type: "target-state",
      name,
      value: { incarnation: view.incarnation, state },
    })]);
  }

  // -------------------------------------------------------------------------
  // Offsets

  async offsets(name: string): Promise<ConnectorOffsets> {
    const view = this.#connector(name);
    if (view.type === "sink") return { offsets: await this.#o.sinkOffsets.offsets(name) };
    await this.#o.sourceOffsets.sync();
    return { offsets: this.#o.sourceOffsets.offsets(name) };
  }

  async #requireStopped(name: string) {
    const view = this.#connector(name);
    if (view.targetState !== "STOPPED") {
      throw new RestError(
        400,
        "Connectors must be in the STOPPED state before their offsets can be modified. " +
          "This can be done for the specified connector by issuing a 'PUT' request to the " +
          `'/connectors/${name}/stop' endpoint`,
      );
    }
    // A task that is still stopping commits its last offsets as it goes:
    // wait until no live worker runs one, so nothing overwrites the change.
    const deadline = Date.now() + (this.#o.stopWaitMs ?? 15_000);
    while (this.#stillRunning(name, view.type)) {
      if (Date.now() > deadline) {
        throw new RestError(
          409,
          `Cannot modify the offsets of connector ${name}: its tasks are still stopping; ` +
            "try again shortly",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return view;
  }

  #stillRunning(name: string, kind: "source" | "sink"): boolean {
    return this.#state.members(kind).some((m) =>
      m.live && m.running.tasks.some((t) => t.connector === name)
    );
  }

  async alterOffsets(name: string, body: ConnectorOffsets): Promise<string> {
    const view = await this.#requireStopped(name);
    if (body.offsets.length === 0) {
      throw new RestError(
        400,
        "Partitions / offsets need to be provided for an alter offsets request",
      );
    }
    const connector = this.#o.plugins.create(view.class);
    if (view.type === "sink") {
      const changes = body.offsets.map((o, i) => sinkChange(o, i));
      await callAlterOffsets(() =>
        (connector as unknown as SinkAlter).alterOffsets?.(view.config, changes)
      );
      await this.#o.sinkOffsets.alter(name, changes);
    } else {
      const changes = body.offsets.map((o, i) => sourceChange(o, i));
      await callAlterOffsets(() =>
        (connector as unknown as SourceAlter).alterOffsets?.(view.config, changes)
      );
      await this.#o.sourceOffsets.alter(name, changes);
    }
    return ALTERED;
  }

  async resetOffsets(name: string): Promise<string> {
    const view = await this.#requireStopped(name);
    if (view.type === "sink") await this.#o.sinkOffsets.reset(name);
    else await this.#o.sourceOffsets.reset(name);
    return RESET;
  }

  // -------------------------------------------------------------------------
  // Plugins

  plugins(connectorsOnly: boolean): PluginInfo[] {
    const connectors: PluginInfo[] = this.#o.plugins.list();
    return connectorsOnly ? connectors : [...connectors, ...(this.#o.otherPlugins?.() ?? [])];
  }

  pluginConfig(plugin: string): ConfigKeyInfo[] {
    let info, connector;
    try {
      info = this.#o.plugins.info(plugin);
      connector = this.#o.plugins.create(plugin);
    } catch (err) {
      if (err instanceof UnknownPluginError || err instanceof AmbiguousPluginError) {
        throw new RestError(404, `Unknown plugin ${plugin}.`, { cause: err });
      }
      throw err;
    }
    return commonConfigDef(info.type).merge(connector.config()).configKeyInfos();
  }

  validateConfig(_plugin: string, config: ConnectorConfig): Promise<ConfigInfos> {
    return Promise.resolve(this.#validate(config).infos);
  }
}

type SourceAlter = {
  alterOffsets?: (
    config: ConnectorConfig,
    changes: { partition: OffsetMap; offset: OffsetMap | null }[],
  ) => unknown;
};
type SinkAlter = {
  alterOffsets?: (
    config: ConnectorConfig,
    changes: { topic: string; partition: number; offset: bigint | null }[],
  ) => unknown;
};

async function callAlterOffsets(call: () => unknown): Promise<void> {
  try {
    await call();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new RestError(400, `Cannot alter offsets: ${reason}`, { cause: err });
  }
}

function isPrimitiveMap(value: unknown): value is OffsetMap {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    Object.values(value).every((v) => v === null || typeof v !== "object");
}

function sourceChange(o: ConnectorOffsets["offsets"][number], i: number) {
  if (!isPrimitiveMap(o.partition) || (o.offset !== null && !isPrimitiveMap(o.offset))) {
    throw new RestError(
      400,
      `Cannot alter offsets: offsets[${i}] must have a partition and an offset (or null) ` +
        "whose values are strings, numbers, booleans or null",
    );
  }
  return { partition: o.partition, offset: o.offset };
}

function sinkChange(o: ConnectorOffsets["offsets"][number], i: number) {
  const topic = o.partition?.kafka_topic;
  const partition = o.partition?.kafka_partition;
  const offset = o.offset === null ? null : o.offset?.kafka_offset;
  if (typeof topic !== "string" || !Number.isInteger(partition) || (partition as number) < 0) {
    throw new RestError(
      400,
      `Cannot alter offsets: offsets[${i}].partition needs kafka_topic (a string) and ` +
        "kafka_partition (a non-negative integer)",
    );
  }
  if (offset !== null && (!Number.isSafeInteger(offset) || (offset as number) < 0)) {
    throw new RestError(
      400,
      `Cannot alter offsets: offsets[${i}].offset.kafka_offset must be a non-negative integer`,
    );
  }
  return {
    topic,
    partition: partition as number,
    offset: offset === null ? null : BigInt(offset as number),
  };
}
