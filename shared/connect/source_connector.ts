/**
 * Source connectors import data from another system into Kafka (Kafka
 * Connect's `SourceConnector`); their tasks are `SourceTask`s.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import type { SourceRecord } from "./record.ts";
 * import { SourceConnector } from "./source_connector.ts";
 * import { SourceTask } from "./source_task.ts";
 *
 * class NothingTask extends SourceTask {
 *   version() { return "1.0"; }
 *   start() {}
 *   poll(): Promise<SourceRecord[] | null> { return Promise.resolve(null); }
 *   stop() {}
 * }
 *
 * export class NothingSourceConnector extends SourceConnector {
 *   static readonly className = "com.example.NothingSourceConnector";
 *   static readonly CONFIG = new ConfigDef().define({
 *     name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic to write to",
 *   });
 *   #props: Record<string, string> = {};
 *   version() { return "1.0"; }
 *   config() { return NothingSourceConnector.CONFIG; }
 *   start(props: Readonly<Record<string, string>>) {
 *     NothingSourceConnector.CONFIG.parse(props, this.context); // throws ConfigError if invalid
 *     this.#props = { ...props };
 *   }
 *   taskClass() { return NothingTask; }
 *   taskConfigs(_maxTasks: number) { return [{ ...this.#props }]; }
 *   stop() {}
 * }
 * ```
 * @module
 */
import { Connector } from "./connector.ts";
import type { OffsetMap } from "./record.ts";
import type { SourceTaskClass } from "./source_task.ts";
import type { Props } from "./task.ts";

/**
 * Whether a connector can run with exactly-once delivery (KIP-618):
 * `SUPPORTED`, `UNSUPPORTED`, or `null` for "unknown".
 *
 * @example
 * ```ts
 * import type { ExactlyOnceSupport } from "./source_connector.ts";
 * const support: ExactlyOnceSupport = "SUPPORTED";
 * ```
 */
export type ExactlyOnceSupport = "SUPPORTED" | "UNSUPPORTED" | null;

/**
 * One partition's offset to set (or reset, when `offset` is null), as in
 * `PATCH /connectors/{name}/offsets`.
 *
 * @example
 * ```ts
 * import type { SourceOffsetChange } from "./source_connector.ts";
 * const change: SourceOffsetChange = { partition: { filename: "/data/in.txt" }, offset: { position: 30 } };
 * ```
 */
export interface SourceOffsetChange {
  readonly partition: OffsetMap;
  readonly offset: OffsetMap | null;
}

/**
 * The base of every source connector. Implement `version`, `config`,
 * `start`, `taskClass`, `taskConfigs` and `stop` (see `Connector`).
 *
 * @example
 * ```ts
 * import type { SourceConnector } from "./source_connector.ts";
 * function isSource(c: SourceConnector): boolean {
 *   return c.type === "source";
 * }
 * ```
 */
export abstract class SourceConnector extends Connector {
  /** Always `source`. */
  get type(): "source" {
    return "source";
  }

  /** The source task class the worker instantiates for each task. */
  abstract override taskClass(): SourceTaskClass;

  /**
   * Whether this configuration can run with exactly-once delivery. The
   * default, `null`, means unknown.
   */
  exactlyOnceSupport(_props: Props): ExactlyOnceSupport {
    return null;
  }

  /**
   * Checks offsets a user wants to set through the REST API, before the
   * worker writes them; throw a `ConnectError` to reject them. Return
   * `true` once implemented; the default returns `false` ("not checked").
   *
   * @param connectorConfig the connector's configuration.
   * @param offsets the partitions and offsets to set (null resets one).
   */
  alterOffsets(
    _connectorConfig: Props,
    _offsets: readonly SourceOffsetChange[],
  ): boolean | Promise<boolean> {
    return false;
  }
}
