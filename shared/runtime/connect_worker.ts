/**
 * The worker's supervisor: folds the control log into what should run here
 * and makes it so. On every change it computes this worker's assignment,
 * starts and stops connector instances and tasks, applies target states
 * (PAUSED, STOPPED) and restart requests, publishes task configs, writes
 * statuses, and heartbeats its membership. It never starts a unit another
 * live worker still reports running (handoff), and it stops its own tasks
 * when it cannot heartbeat for a session timeout (self-fencing), so a task
 * never runs on two workers for longer than that.
 *
 * @example
 * ```ts
 * import { ConnectWorker } from "./connect_worker.ts";
 * // const worker = new ConnectWorker({ config, log, plugins, tasks, logger });
 * // await worker.start(); ... await worker.stop();
 * ```
 * @module
 */
import type { WorkerConfig } from "../config/worker_config.ts";
import { pluginClassName } from "../connect/class_name.ts";
import type { Connector } from "../connect/connector.ts";
import type { WorkerEnvironment } from "../connect/contexts.ts";
import { parseTaskKey, taskKey, toWorkSet } from "../control/assignment.ts";
import type { ClusterState } from "../control/cluster_state.ts";
import type { ControlLog } from "../control/control_log.ts";
import { configHash, controlKey, encodeControlRecord, type WorkSet } from "../control/records.ts";
import { ConnectorRunner } from "./connector_runner.ts";
import type { ConnectorTaskId, State } from "./herder.ts";
import type { Logger } from "./log.ts";
import type { PluginRegistry } from "./plugins.ts";

/** A running task, whatever its kind. */
export interface TaskRunner {
  start(paused: boolean): void;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
  readonly failure: unknown;
}

/** What a task factory gets to build one task runner. */
export interface TaskSpec {
  id: ConnectorTaskId;
  /** The connector's config (for converter overrides). */
  connectorConfig: Readonly<Record<string, string>>;
  /** The task's own config, with `task.class`. */
  taskConfig: Readonly<Record<string, string>>;
  /** Instantiated task class. */
  connector: Connector;
  onState(state: State, trace?: string): void;
}

/** Builds task runners of this worker's kind (source or sink). */
export type TaskFactory = (spec: TaskSpec) => Promise<TaskRunner>;

/** What a {@linkcode ConnectWorker} needs. */
export interface ConnectWorkerOptions {
  config: WorkerConfig;
  log: ControlLog;
  plugins: PluginRegistry;
  env: WorkerEnvironment;
  tasks: TaskFactory;
  logger: Logger;
  /** Wall clock for self-fencing; default `Date.now`. */
  now?: () => number;
}

interface ConnectorEntry {
  runner: ConnectorRunner;
  incarnation: string;
  configHash: string;
  startedAt: bigint;
  state: State;
}

interface TaskEntry {
  id: ConnectorTaskId;
  runner: TaskRunner;
  incarnation: string;
  generation: number;
  startedAt: bigint;
  paused: boolean;
  state: State;
}

/** The supervisor; see the module doc. */
export class ConnectWorker {
  readonly #o: ConnectWorkerOptions;
  readonly #kind: "source" | "sink";
  readonly #id: string;
  readonly #incarnation = crypto.randomUUID();
  readonly #startedAt = Date.now();
  readonly #connectors = new Map<string, ConnectorEntry>();
  readonly #tasks = new Map<string, TaskEntry>();
  #reconciling: Promise<void> = Promise.resolve();
  #statusWrites: Promise<unknown> = Promise.resolve();
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void) | null = null;
  #lastHeartbeatOk = 0;
  #fenced = false;
  #stopped = false;
  #lastClaim = "";

  /** Creates the supervisor; nothing runs until {@linkcode start}. */
  constructor(options: ConnectWorkerOptions) {
    this.#o = options;
    this.#kind = options.config.kind;
    this.#id = options.config.workerId;
  }

  get #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  /** Joins the cluster (first heartbeat) and starts reconciling. */
  async start(): Promise<void> {
    const { config, log } = this.#o;
    const existing = log.state().member(this.#kind, this.#id);
    if (existing?.live && existing.incarnation !== this.#incarnation) {
      this.#o.logger.warn("a previous session of this worker id is still live; taking over", {
        worker_id: this.#id,
      });
    }
    await this.#heartbeat(true);
    this.#unsubscribe = log.onChange(() => this.#schedule());
    this.#heartbeatTimer = setInterval(() => {
      this.#heartbeat(false).catch(() => {});
      this.#checkFence();
      this.#schedule();
    }, config.heartbeatIntervalMs);
    await this.#schedule();
  }

  #schedule(): Promise<void> {
    this.#reconciling = this.#reconciling.then(() => this.#reconcile()).catch((err) => {
      this.#o.logger.error("reconcile failed", { err });
    });
    return this.#reconciling;
  }

  /** What this worker runs now, for its heartbeat. */
  #running(): WorkSet {
    return {
      connectors: [...this.#connectors.keys()].sort(),
      tasks: [...this.#tasks.values()].map((t) => t.id),
    };
  }

  async #heartbeat(force: boolean): Promise<void> {
    if (this.#stopped) return;
    const state = this.#o.log.state();
    const assigned = this.#fenced ? { connectors: [], tasks: [] } : this.#assigned(state);
    const running = this.#running();
    const claim = JSON.stringify([assigned, running]);
    // Heartbeats go out every interval anyway; a change in what this worker
    // claims or runs goes out at once so others can take over quickly.
    if (!force && claim === this.#lastClaim && this.#heartbeatDue()) return;
    this.#lastClaim = claim;
    this.#lastBeat = this.#now;
    try {
      await this.#o.log.append([encodeControlRecord({
        type: "member",
        kind: this.#kind,
        id: this.#id,
        value: {
          kind: this.#kind,
          url: this.#o.config.advertisedUrl,
          startedAt: this.#startedAt,
          incarnation: this.#incarnation,
          sessionTimeoutMs: this.#o.config.sessionTimeoutMs,
          assigned,
          assignedAt: state.offset,
          running,
        },
      })]);
      this.#lastHeartbeatOk = this.#now;
      if (this.#fenced) {
        this.#fenced = false;
        this.#o.logger.info("heartbeats succeed again; rejoining");
      }
    } catch (err) {
      this.#o.logger.warn("cannot write heartbeat", { err });
    }
  }

  #lastBeat = 0;

  #heartbeatDue(): boolean {
    return this.#now - this.#lastBeat < this.#o.config.heartbeatIntervalMs * 0.9;
  }

  #assigned(state: ClusterState): WorkSet {
    return toWorkSet(state.assignmentFor(this.#kind, this.#id));
  }

  #checkFence(): void {
    if (this.#fenced || this.#stopped) return;
    const margin = Math.min(1000, this.#o.config.sessionTimeoutMs / 5);
    if (this.#now - this.#lastHeartbeatOk < this.#o.config.sessionTimeoutMs - margin) return;
    this.#fenced = true;
    this.#o.logger.error(
      "cannot reach the control topic for a session timeout: stopping this worker's tasks " +
        "so they never run twice",
      { session_timeout_ms: this.#o.config.sessionTimeoutMs },
    );
    this.#schedule();
  }

  #writeStatus(name: string, task: number | undefined, state: State, trace?: string) {
    const view = this.#o.log.state().connector(name);
    if (!view || this.#stopped && state !== "UNASSIGNED") return;
    const generation = task === undefined ? 0 : this.#tasks.get(taskKey({
      connector: name,
      task,
    }))?.generation ?? 0;
    const record = encodeControlRecord({
      type: "status",
      name,
      ...(task === undefined ? {} : { task }),
      value: {
        incarnation: view.incarnation,
        state,
        workerId: this.#id,
        ...(trace ? { trace } : {}),
        generation,
      },
    });
    this.#statusWrites = this.#statusWrites.then(() => this.#o.log.append([record])).catch(
      (err) => this.#o.logger.warn("cannot write status", { connector: name, task, err }),
    );
  }

  // ---------------------------------------------------------------------------
  // Reconciliation

  async #reconcile(): Promise<void> {
    if (this.#stopped) return;
    const state = this.#o.log.state();
    const mine = this.#fenced
      ? { connectors: new Set<string>(), tasks: new Set<string>() }
      : state.assignmentFor(this.#kind, this.#id);
    const pending = state.handoffPending(this.#kind, this.#id);
    const pendingConnectors = new Set(pending.connectors);
    const pendingTasks = new Set(pending.tasks.map(taskKey));

    const stops: Promise<void>[] = [];
    for (const [name, entry] of this.#connectors) {
      if (this.#connectorMustStop(state, name, entry, mine.connectors.has(name))) {
        this.#connectors.delete(name);
        stops.push(entry.runner.stop());
      }
    }
    for (const [key, entry] of this.#tasks) {
      if (this.#taskMustStop(state, key, entry, mine.tasks.has(key))) {
        this.#tasks.delete(key);
        stops.push(entry.runner.stop());
      }
    }
    if (stops.length > 0) {
      await Promise.all(stops);
      await this.#heartbeat(false);
    }

    for (const name of mine.connectors) {
      if (this.#connectors.has(name) || pendingConnectors.has(name)) continue;
      await this.#startConnector(state, name);
    }
    for (const key of mine.tasks) {
      if (this.#tasks.has(key) || pendingTasks.has(key)) continue;
      await this.#startTask(state, key);
    }
    for (const entry of this.#tasks.values()) {
      const paused = state.targetState(entry.id.connector) === "PAUSED";
      if (paused !== entry.paused) {
        entry.paused = paused;
        if (paused) entry.runner.pause();
        else entry.runner.resume();
      }
    }
    for (const [name, entry] of this.#connectors) {
      const paused = state.targetState(name) === "PAUSED";
      if (paused && entry.state === "RUNNING") this.#connectorState(name, entry, "PAUSED");
      if (!paused && entry.state === "PAUSED") this.#connectorState(name, entry, "RUNNING");
    }
    await this.#heartbeat(false);
  }

  #connectorState(name: string, entry: ConnectorEntry, state: State, trace?: string) {
    entry.state = state;
    this.#writeStatus(name, undefined, state, trace);
  }

  #restartRequested(
    state: ClusterState,
    name: string,
    task: number | undefined,
    startedAt: bigint,
    failed: boolean,
  ): boolean {
    const own = state.restartRequest(name, task);
    if (own && own.offset > startedAt) return true;
    const whole = state.restartRequest(name);
    if (!whole || whole.offset <= startedAt) return false;
    if (task !== undefined && !whole.includeTasks) return false;
    return !whole.onlyFailed || failed;
  }

  #connectorMustStop(
    state: ClusterState,
    name: string,
    entry: ConnectorEntry,
    assigned: boolean,
  ): boolean {
    const view = state.connector(name);
    if (!assigned || !view || view.incarnation !== entry.incarnation) return true;
    if (view.targetState === "STOPPED") return true;
    if (configHash(view.config) !== entry.configHash) return true;
    const restart = state.restartRequest(name);
    if (restart && restart.offset > entry.startedAt) {
      return !restart.onlyFailed || entry.runner.failed;
    }
    return false;
  }

  #taskMustStop(state: ClusterState, _key: string, entry: TaskEntry, assigned: boolean) {
    const name = entry.id.connector;
    const view = state.connector(name);
    if (!assigned || !view || view.incarnation !== entry.incarnation) return true;
    if (view.targetState === "STOPPED") return true;
    const tasks = state.taskConfigs(name);
    if (!tasks || tasks.generation !== entry.generation || tasks.stale) return true;
    return this.#restartRequested(
      state,
      name,
      entry.id.task,
      entry.startedAt,
      entry.runner.failure !== null,
    );
  }

  async #startConnector(state: ClusterState, name: string): Promise<void> {
    const view = state.connector(name);
    if (!view || view.targetState === "STOPPED") return;
    let connector: Connector;
    try {
      connector = this.#o.plugins.create(view.class);
    } catch (err) {
      this.#o.logger.error("cannot create connector", { connector: name, err });
      this.#writeStatus(name, undefined, "FAILED", String(err));
      return;
    }
    const entry: ConnectorEntry = {
      runner: null as unknown as ConnectorRunner,
      incarnation: view.incarnation,
      configHash: configHash(view.config),
      startedAt: state.offset,
      state: "UNASSIGNED",
    };
    entry.runner = new ConnectorRunner({
      name,
      connector,
      config: view.config,
      env: this.#o.env,
      log: this.#o.logger.child(name),
      onState: (s, trace) => {
        if (s === "RUNNING" && state.targetState(name) === "PAUSED") s = "PAUSED";
        this.#connectorState(name, entry, s, trace);
      },
      onTaskConfigs: (configs) => this.#publishTasks(name, entry, connector, configs),
    });
    this.#connectors.set(name, entry);
    await entry.runner.start();
  }

  async #publishTasks(
    name: string,
    entry: ConnectorEntry,
    connector: Connector,
    configs: Record<string, string>[],
  ): Promise<void> {
    const state = this.#o.log.state();
    const view = state.connector(name);
    if (!view || view.incarnation !== entry.incarnation) return;
    const taskClass = pluginClassName(connector.taskClass());
    const full = configs.map((c) => {
      const out: Record<string, string> = { ...c, "task.class": taskClass };
      if (view.type === "sink") {
        for (const key of ["topics", "topics.regex"]) {
          if (view.config[key] !== undefined) out[key] = view.config[key];
        }
      }
      return out;
    });
    const stored = state.taskConfigs(name);
    const hash = configHash(view.config);
    if (
      stored && stored.incarnation === view.incarnation && stored.configHash === hash &&
      JSON.stringify(stored.configs) === JSON.stringify(full)
    ) {
      return;
    }
    const offset = await this.#o.log.append([encodeControlRecord({
      type: "tasks",
      name,
      value: {
        incarnation: view.incarnation,
        generation: state.nextTaskGeneration(name),
        configHash: hash,
        configs: full,
      },
    })]);
    this.#o.logger.info("published task configs", { connector: name, tasks: full.length });
    await this.#o.log.waitForOffset(offset);
  }

  async #startTask(state: ClusterState, key: string): Promise<void> {
    const id = parseTaskKey(key);
    const view = state.connector(id.connector);
    const tasks = state.taskConfigs(id.connector);
    if (!view || view.targetState === "STOPPED" || !tasks || tasks.stale) return;
    const taskConfig = tasks.configs[id.task];
    if (taskConfig === undefined) return;
    const paused = view.targetState === "PAUSED";
    const entry: TaskEntry = {
      id,
      runner: null as unknown as TaskRunner,
      incarnation: view.incarnation,
      generation: tasks.generation,
      startedAt: state.offset,
      paused,
      state: "UNASSIGNED",
    };
    const onState = (s: State, trace?: string) => {
      entry.state = s;
      this.#writeStatus(id.connector, id.task, s, trace);
    };
    this.#tasks.set(key, entry);
    try {
      const connector = this.#o.plugins.create(view.class);
      entry.runner = await this.#o.tasks({
        id,
        connectorConfig: view.config,
        taskConfig,
        connector,
        onState,
      });
    } catch (err) {
      this.#o.logger.error("cannot create task", { task: key, err });
      entry.runner = { start() {}, pause() {}, resume() {}, stop: async () => {}, failure: err };
      onState("FAILED", err instanceof Error ? err.stack ?? err.message : String(err));
      return;
    }
    entry.runner.start(paused);
  }

  /**
   * Stops every task and connector (tasks first, within the graceful
   * timeout), then leaves the cluster at once with a tombstone so others
   * take the work over without waiting for the session to expire.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#heartbeatTimer);
    this.#unsubscribe?.();
    await this.#reconciling;
    const timeout = this.#o.config.taskShutdownGracefulTimeoutMs;
    const all = [
      ...[...this.#tasks.values()].map((t) => t.runner.stop()),
      ...[...this.#connectors.values()].map((c) => c.runner.stop()),
    ];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((r) => timer = setTimeout(() => r("late"), timeout));
    const outcome = await Promise.race([Promise.all(all).then(() => "done" as const), late]);
    clearTimeout(timer);
    if (outcome === "late") {
      this.#o.logger.warn("tasks did not stop within task.shutdown.graceful.timeout.ms", {
        timeout_ms: timeout,
      });
    }
    this.#tasks.clear();
    this.#connectors.clear();
    await this.#statusWrites;
    try {
      await this.#o.log.append([{
        key: controlKey({ type: "member", kind: this.#kind, id: this.#id }),
        value: null,
      }]);
    } catch (err) {
      this.#o.logger.warn("cannot write the leave record; others take over at session expiry", {
        err,
      });
    }
  }
}
