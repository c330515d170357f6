/**
 * Runs one connector instance (not its tasks): starts it, asks it for task
 * configs, and hands them to the worker to publish; regenerates them when
 * the connector asks (`requestTaskReconfiguration`). A connector failure
 * marks it FAILED with its trace; its running tasks are left alone, as in
 * Kafka Connect.
 *
 * @example
 * ```ts
 * import { ConnectorRunner } from "./connector_runner.ts";
 * // const runner = new ConnectorRunner({ name, connector, config, onTaskConfigs, onState, log, env });
 * // await runner.start(); ... await runner.stop();
 * ```
 * @module
 */
import type { Connector } from "../connect/connector.ts";
import type { WorkerEnvironment } from "../connect/contexts.ts";
import type { State } from "./herder.ts";
import type { Logger } from "./log.ts";
import { errorTrace } from "./error_trace.ts";

/** What a {@linkcode ConnectorRunner} needs. */
export interface ConnectorRunnerOptions {
  name: string;
  /** A fresh instance of the connector class. */
  connector: Connector;
  /** The connector's config, as submitted. */
  config: Readonly<Record<string, string>>;
  env: WorkerEnvironment;
  /** Publishes generated task configs (the worker writes them to the control topic). */
  onTaskConfigs(configs: Record<string, string>[]): Promise<void>;
  onState(state: State, trace?: string): void;
  log: Logger;
}

/** Runs a connector instance; see the module doc. */
export class ConnectorRunner {
  readonly #o: ConnectorRunnerOptions;
  #running = false;
  #failed = false;
  #reconfiguring: Promise<void> = Promise.resolve();

  /** Creates the runner and initializes the connector's context. */
  constructor(options: ConnectorRunnerOptions) {
    this.#o = options;
    options.connector.initialize({
      allowedFileDirs: options.env.allowedFileDirs,
      requestTaskReconfiguration: () => {
        if (this.#running) this.#reconfigure();
      },
      raiseError: (err) => this.#fail(err),
    });
  }

  #fail(err: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#o.log.error("connector failed", { connector: this.#o.name, err });
    this.#o.onState("FAILED", errorTrace(err));
  }

  #maxTasks(): number {
    const n = Number(this.#o.config["tasks.max"] ?? "1");
    return Number.isSafeInteger(n) && n >= 1 ? n : 1;
  }

  #reconfigure(): Promise<void> {
    this.#reconfiguring = this.#reconfiguring.then(async () => {
      if (!this.#running || this.#failed) return;
      try {
        const max = this.#maxTasks();
        const configs = await this.#o.connector.taskConfigs(max);
        if (configs.length > max && this.#o.config["tasks.max.enforce"] !== "false") {
          throw new Error(
            `Cannot generate task configs: the connector returned ${configs.length}, ` +
              `more than tasks.max=${max}`,
          );
        }
        await this.#o.onTaskConfigs(configs);
      } catch (err) {
        this.#fail(err);
      }
    });
    return this.#reconfiguring;
  }

  /**
   * Starts the connector and publishes its task configs. With `generateTasks`
   * false (a PAUSED or STOPPED connector) it only starts.
   */
  async start(generateTasks = true): Promise<void> {
    try {
      await this.#o.connector.start(this.#o.config);
    } catch (err) {
      this.#fail(err);
      return;
    }
    this.#running = true;
    this.#o.onState("RUNNING");
    if (generateTasks) await this.#reconfigure();
  }

  /** Regenerates and republishes task configs now. */
  regenerateTasks(): Promise<void> {
    return this.#reconfigure();
  }

  /** Whether the connector has failed. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Stops the connector. */
  async stop(): Promise<void> {
    const wasRunning = this.#running;
    this.#running = false;
    await this.#reconfiguring;
    if (!wasRunning) return;
    try {
      await this.#o.connector.stop();
    } catch (err) {
      this.#o.log.warn("connector stop failed", { connector: this.#o.name, err });
    }
  }
}
