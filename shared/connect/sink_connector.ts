/**
 * Sink connectors export data from Kafka to another system (Kafka Connect's
 * `SinkConnector`); their tasks are `SinkTask`s. The worker subscribes the
 * tasks to the connector's `topics` (or `topics.regex`) in one consumer
 * group, `connect-<name>`, so Kafka spreads the partitions among them.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import type { SinkRecord } from "./record.ts";
 * import { SinkConnector } from "./sink_connector.ts";
 * import { SinkTask } from "./sink_task.ts";
 *
 * class DropTask extends SinkTask {
 *   version() { return "1.0"; }
 *   start() {}
 *   put(_records: readonly SinkRecord[]) {}
 *   stop() {}
 * }
 *
 * export class DropSinkConnector extends SinkConnector {
 *   static readonly className = "com.example.DropSinkConnector";
 *   #props: Record<string, string> = {};
 *   version() { return "1.0"; }
 *   config() { return new ConfigDef(); }
 *   start(props: Readonly<Record<string, string>>) { this.#props = { ...props }; }
 *   taskClass() { return DropTask; }
 *   taskConfigs(maxTasks: number) { return Array.from({ length: maxTasks }, () => ({ ...this.#props })); }
 *   stop() {}
 * }
 * ```
 * @module
 */
import { Connector } from "./connector.ts";
import type { SinkTaskClass } from "./sink_task.ts";
import type { Props } from "./task.ts";

/**
 * One partition's consumer offset to set (or reset, when `offset` is null),
 * as in `PATCH /connectors/{name}/offsets` for sinks.
 *
 * @example
 * ```ts
 * import type { SinkOffsetChange } from "./sink_connector.ts";
 * const change: SinkOffsetChange = { topic: "orders", partition: 0, offset: 5n };
 * ```
 */
export interface SinkOffsetChange {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read, or null to reset. */
  readonly offset: bigint | null;
}

/**
 * The base of every sink connector. Implement `version`, `config`, `start`,
 * `taskClass`, `taskConfigs` and `stop` (see `Connector`).
 *
 * @example
 * ```ts
 * import type { SinkConnector } from "./sink_connector.ts";
 * function isSink(c: SinkConnector): boolean {
 *   return c.type === "sink";
 * }
 * ```
 */
export abstract class SinkConnector extends Connector {
  /** Always `sink`. */
  get type(): "sink" {
    return "sink";
  }

  /** The sink task class the worker instantiates for each task. */
  abstract override taskClass(): SinkTaskClass;

  /**
   * Checks consumer offsets a user wants to set through the REST API,
   * before the worker commits them; throw a `ConnectError` to reject them.
   * Return `true` once implemented; the default returns `false` ("not
   * checked").
   */
  alterOffsets(
    _connectorConfig: Props,
    _offsets: readonly SinkOffsetChange[],
  ): boolean | Promise<boolean> {
    return false;
  }
}
