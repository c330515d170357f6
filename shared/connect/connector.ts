/**
 * The base of every connector (Kafka Connect's `Connector`). A connector
 * does not copy data itself: it validates its configuration, and splits the
 * work into task configs; its tasks copy the data. Extend
 * `SourceConnector` or `SinkConnector`.
 *
 * Lifecycle, as the worker drives it:
 * 1. `new MyConnector()` (no arguments), then `initialize(context)`.
 * 2. `validate(props, env)` on create/update/`.../config/validate`.
 * 3. `start(props)` with the full connector config.
 * 4. `taskConfigs(maxTasks)`: one config per task (1..maxTasks of them);
 *    called again after `context.requestTaskReconfiguration()`.
 * 5. `stop()`, once.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { SourceConnector } from "./source_connector.ts";
 * import { SourceTask } from "./source_task.ts";
 * import type { SourceRecord } from "./record.ts";
 *
 * class TickTask extends SourceTask {
 *   version() { return "1.0"; }
 *   start() {}
 *   poll(): Promise<SourceRecord[] | null> { return Promise.resolve(null); }
 *   stop() {}
 * }
 *
 * class TickConnector extends SourceConnector {
 *   static readonly className = "com.example.TickConnector";
 *   #props: Record<string, string> = {};
 *   version() { return "1.0"; }
 *   config() { return new ConfigDef(); }
 *   start(props: Readonly<Record<string, string>>) { this.#props = { ...props }; }
 *   taskClass() { return TickTask; }
 *   taskConfigs(_maxTasks: number) { return [{ ...this.#props }]; }
 *   stop() {}
 * }
 * console.log(new TickConnector().type); // "source"
 * ```
 * @module
 */
import type { ConfigDef, ConfigValue } from "./config_def.ts";
import { type ConnectorContext, NO_ENVIRONMENT, type WorkerEnvironment } from "./contexts.ts";
import { ConnectError } from "./errors.ts";
import type { Props, Task, TaskClass } from "./task.ts";

/**
 * Whether a connector reads into Kafka (`source`) or writes out of it
 * (`sink`), as `GET /connector-plugins` reports it.
 *
 * @example
 * ```ts
 * import type { ConnectorType } from "./connector.ts";
 * const type: ConnectorType = "source";
 * ```
 */
export type ConnectorType = "source" | "sink";

/**
 * Any configuration spec, whatever keys it declares.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import type { AnyConfigDef } from "./connector.ts";
 * const def: AnyConfigDef = new ConfigDef().define({ name: "a", type: "INT", default: 1, importance: "LOW", documentation: "A" });
 * ```
 */
// deno-lint-ignore no-explicit-any
export type AnyConfigDef = ConfigDef<any>;

/**
 * The base of `SourceConnector` and `SinkConnector`; see the module docs for
 * the lifecycle. Implement `version`, `config`, `start`, `taskClass`,
 * `taskConfigs` and `stop`.
 *
 * @example
 * ```ts
 * import type { Connector } from "./connector.ts";
 * async function describe(connector: Connector): Promise<string> {
 *   return `${connector.type} connector ${connector.version()}`;
 * }
 * ```
 */
export abstract class Connector {
  #context: ConnectorContext | undefined;

  /** `source` or `sink`; provided by `SourceConnector` / `SinkConnector`. */
  abstract get type(): ConnectorType;

  /**
   * Called by the worker once, right after construction, with the
   * connector's line back to it. Subclasses overriding it must call
   * `super.initialize(context)`.
   */
  initialize(context: ConnectorContext): void {
    this.#context = context;
  }

  /**
   * The context given to `initialize`: request task reconfiguration, raise
   * an error, read what the worker allows. Throws before `initialize`.
   */
  protected get context(): ConnectorContext {
    if (this.#context === undefined) {
      throw new ConnectError(
        "Cannot use the connector context: initialize() has not been called",
      );
    }
    return this.#context;
  }

  /** The connector's version, e.g. `1.0`, shown by `GET /connector-plugins`. */
  abstract version(): string;

  /**
   * The connector's own configuration spec (without the common keys such as
   * `name`, `connector.class` and `tasks.max`, which the worker adds).
   */
  abstract config(): AnyConfigDef;

  /**
   * Validates a configuration and returns one result per key of
   * `config()`, with every error at once. The default validates against
   * `config()`; override it to add checks across keys (call `super` and add
   * to the results' `errorMessages`).
   *
   * @param props the full connector configuration (strings).
   * @param env what the worker allows; defaults to the context's, or to
   *   nothing before `initialize`.
   */
  validate(props: Props, env?: WorkerEnvironment): ConfigValue[] {
    return this.config().validate(props, env ?? this.#context ?? NO_ENVIRONMENT);
  }

  /**
   * Starts the connector with its full configuration. Parse it with
   * `this.config().parse(props, this.context)`, keep what `taskConfigs`
   * needs, and start any monitoring (call
   * `this.context.requestTaskReconfiguration()` when the work changes).
   */
  abstract start(props: Props): void | Promise<void>;

  /** The class the worker instantiates for each task. */
  abstract taskClass(): TaskClass<Task>;

  /**
   * Splits the work: returns between 1 and `maxTasks` task configs (string
   * maps); the worker starts one task per config. Returning fewer than
   * `maxTasks` is fine.
   */
  abstract taskConfigs(
    maxTasks: number,
  ): Record<string, string>[] | Promise<Record<string, string>[]>;

  /** Stops the connector and releases what `start` acquired. Called once. */
  abstract stop(): void | Promise<void>;
}

/**
 * A connector class: constructible without arguments, optionally declaring
 * its full name as `static readonly className`.
 *
 * @example
 * ```ts
 * import type { Connector, ConnectorClass } from "./connector.ts";
 * function create(cls: ConnectorClass<Connector>): Connector {
 *   return new cls();
 * }
 * ```
 */
export type ConnectorClass<C extends Connector = Connector> = (new () => C) & {
  readonly className?: string;
};
