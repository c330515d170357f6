/**
 * The worker's supervisor: folds the control log into what should run here
 * and makes it so. On every change it computes this worker's assignment,
 * starts and stops connector instances and tasks, applies target states
 * (PAUSED, STOPPED) and restart requests, publishes task configs, writes
 * statuses, and heartbeats its membership.
 *
 * Safety rules (see `docs/coordination.md`):
 *
 * - **Handoff.** A unit (connector or task) is started only once no other
 *   live member reports it running, and never while this worker's own
 *   previous instance of it is still stopping. Starting takes two steps:
 *   report it running in a heartbeat, then start it once that heartbeat is
 *   read back and the unit is still ours and free. A unit moved away keeps
 *   running until another live member claims it.
 * - **Lease.** The worker's lease runs from the send time of its latest
 *   heartbeat that it has read back from the log. Tasks ask
 *   {@linkcode TaskSpec.leaseValid} before every send or put and hold while
 *   it is false; when the lease is older than the session timeout minus a
 *   margin the worker fences itself: it stops every unit, before any other
 *   worker can see its lease expire. It rejoins with an empty claim once a
 *   heartbeat written after the fence has been read back.
 * - **One writer queue.** Statuses and heartbeats leave through one ordered
 *   queue whose values are computed at send time, so a late status never
 *   overtakes the heartbeat that released its unit, and a status of a unit
 *   this worker no longer runs is never written.
 * - **Worker ids are unique.** `start` refuses an id whose heartbeats are
 *   still arriving from another process; a stale heartbeat of a dead
 *   session (e.g. this worker before a SIGKILL) is waited out, at most one
 *   session timeout.
 *
 * @example
 * ```ts
 * import { ConnectWorker } from "./connect_worker.ts";
 * // const worker = new ConnectWorker({ config, log, plugins, env, tasks, logger });
 * // await worker.start(); ... await worker.stop();
 * ```
 * @module
 */
import type { WorkerConfig } from "../config/worker_config.ts";
import { pluginClassName } from "../connect/class_name.ts";
import type { Connector } from "../connect/connector.ts";
import type { WorkerEnvironment } from "../connect/contexts.ts";
import { compareNames, parseTaskKey, taskKey, toWorkSet } from "../control/assignment.ts";
import type { ClusterState, MemberView } from "../control/cluster_state.ts";
import type { ControlLog } from "../control/control_log.ts";
import {
  configHash,
  controlKey,
  encodeControlRecord,
  type EncodedControlRecord,
  type WorkSet,
} from "../control/records.ts";
import { ConnectorRunner } from "./connector_runner.ts";
import { errorTrace } from "./error_trace.ts";
import type { ConnectorTaskId, State } from "./herder.ts";
import type { Logger } from "./log.ts";
import type { PluginRegistry } from "./plugins.ts";

/**
 * A running task, whatever its kind.
 *
 * @example
 * ```ts
 * import type { TaskRunner } from "./connect_worker.ts";
 * const idle: TaskRunner = {
 *   start() {}, pause() {}, resume() {}, stop: () => Promise.resolve(), failure: null,
 * };
 * ```
 */
export interface TaskRunner {
  start(paused: boolean): void;
  pause(): void;
  resume(): void;
  /**
   * Stops the task. `handoff`: the same task (connector and number) will run
   * again, here or on another worker, so resources it shares with its
   * successor (a sink's static group membership) may be handed over rather
   * than released.
   */
  stop(options?: { handoff?: boolean }): Promise<void>;
  readonly failure: unknown;
}

/**
 * What a task factory gets to build one task runner.
 *
 * @example
 * ```ts
 * import type { TaskSpec } from "./connect_worker.ts";
 * const describe = (spec: TaskSpec) => `${spec.id.connector}-${spec.id.task}`;
 * ```
 */
export interface TaskSpec {
  id: ConnectorTaskId;
  /** The connector's config (for converter overrides). */
  connectorConfig: Readonly<Record<string, string>>;
  /** The task's own config, with `task.class`. */
  taskConfig: Readonly<Record<string, string>>;
  /** Instantiated connector class (its `taskClass()` gives the task). */
  connector: Connector;
  onState(state: State, trace?: string): void;
  /**
   * Whether this worker's lease is confirmed: while false, the task must not
   * send or write anything (hold, and drop the held batch if it is stopped),
   * because another worker may already run it.
   */
  leaseValid(): boolean;
}

/**
 * Builds task runners of this worker's kind (source or sink).
 *
 * @example
 * ```ts
 * import type { TaskFactory } from "./connect_worker.ts";
 * const factory: TaskFactory = () => Promise.reject(new Error("Cannot create task: none"));
 * ```
 */
export type TaskFactory = (spec: TaskSpec) => Promise<TaskRunner>;

/**
 * What a {@linkcode ConnectWorker} needs.
 *
 * @example
 * ```ts
 * import type { ConnectWorkerOptions } from "./connect_worker.ts";
 * const clock: Pick<ConnectWorkerOptions, "now"> = { now: () => performance.timeOrigin + performance.now() };
 * ```
 */
export interface ConnectWorkerOptions {
  config: WorkerConfig;
  log: ControlLog;
  plugins: PluginRegistry;
  env: WorkerEnvironment;
  tasks: TaskFactory;
  logger: Logger;
  /** Wall clock for leases and waits; default `Date.now`. */
  now?: () => number;
  /**
   * Settles what this worker sent before it was fenced and may still be in
   * flight (its source offset writes, held up by the same cut): awaited
   * before a fenced worker rejoins, so none of it lands after the next
   * owner of a unit it gets back has committed. Default: nothing to settle.
   */
  beforeRejoin?: () => Promise<void>;
}

interface ConnectorEntry {
  readonly name: string;
  runner: ConnectorRunner | null;
  starting: Promise<void>;
  readonly incarnation: string;
  readonly configHash: string;
  readonly startedAt: bigint;
  state: State;
  trace?: string;
  current: boolean;
}

interface TaskEntry {
  readonly id: ConnectorTaskId;
  readonly key: string;
  runner: TaskRunner | null;
  ready: Promise<void>;
  readonly incarnation: string;
  readonly generation: number;
  readonly startedAt: bigint;
  paused: boolean;
  state: State;
  trace?: string;
  current: boolean;
}

const EMPTY: WorkSet = Object.freeze({ connectors: [], tasks: [] });
const NO_UNITS = Object.freeze({
  connectors: new Set<string>() as ReadonlySet<string>,
  tasks: new Set<string>() as ReadonlySet<string>,
});
/** Stop reasons after which the same task, with the same config, runs again. */
const HANDOFF_REASONS: ReadonlySet<string> = new Set([
  "reassigned",
  "fenced",
  "the worker is stopping",
  "restart requested",
]);
const connectorUnit = (name: string) => `c:${name}`;
const taskUnit = (key: string) => `t:${key}`;

/**
 * The supervisor; see the module doc.
 *
 * @example
 * ```ts
 * import { ConnectWorker } from "./connect_worker.ts";
 * // const worker = new ConnectWorker({ config, log, plugins, env, tasks, logger });
 * // await worker.start();
 * // worker.leaseValid(); // true while heartbeats are read back in time
 * // await worker.stop();
 * ```
 */
export class ConnectWorker {
  readonly #o: ConnectWorkerOptions;
  readonly #kind: "source" | "sink";
  readonly #id: string;
  readonly #incarnation = crypto.randomUUID();
  readonly #startedAt: number;
  readonly #connectors = new Map<string, ConnectorEntry>();
  readonly #tasks = new Map<string, TaskEntry>();
  readonly #stoppingConnectors = new Map<string, Promise<void>>();
  readonly #stoppingTasks = new Map<string, { id: ConnectorTaskId; done: Promise<void> }>();
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  #leaseTimer: ReturnType<typeof setInterval> | undefined;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;
  #expiryAt = 0;
  #lastTickAt = 0;
  #unsubscribe: (() => void) | null = null;

  /**
   * Units about to start: reported running first, started once a heartbeat
   * saying so has been read back (`seq` is that heartbeat's number).
   */
  readonly #reserved = new Map<string, { key: string; task?: ConnectorTaskId; seq: number }>();
  #beatSeq = 0;
  #foldedSeq = 0;

  // Writer queue.
  readonly #dirty = new Set<string>();
  #heartbeatWanted = false;
  #flushWanted = false;
  #flushing: Promise<void> | null = null;
  #lastWriteWarning = 0;
  #lastClaim = "";

  // Lease.
  #leaseFrom = Number.NEGATIVE_INFINITY;
  #brokerOffsetMs = 0;
  #fenced = false;
  #fencedAt = 0;
  #firstBeatOffset = -1n;
  #refused: string | null = null;
  #conflictWarned = false;

  #started = false;
  #stopped = false;
  /** A rejoin waits for `beforeRejoin`. */
  #rejoining = false;
  #left = false;

  /** Creates the supervisor; nothing runs until {@linkcode start}. */
  constructor(options: ConnectWorkerOptions) {
    this.#o = options;
    this.#kind = options.config.kind;
    this.#id = options.config.workerId;
    this.#startedAt = this.#now();
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  get #sessionMs(): number {
    return this.#o.config.sessionTimeoutMs;
  }

  /** How long before the others could see the lease expire the worker fences itself. */
  get #marginMs(): number {
    return Math.min(1000, this.#sessionMs / 5);
  }

  /**
   * Whether this worker currently holds a confirmed lease (tasks may send).
   * A lease that has lapsed fences the worker at once: a later heartbeat
   * can only make it rejoin (with nothing), never resume what it ran, since
   * another worker may have taken that over meanwhile.
   */
  leaseValid(): boolean {
    if (this.#fenced || this.#left || this.#refused !== null) return false;
    if (!Number.isFinite(this.#leaseFrom)) return false;
    if (!this.#lapsed()) return true;
    this.#checkLease();
    return false;
  }

  /** Whether the lease, once held, has run out (by this worker's conservative measure). */
  #lapsed(): boolean {
    return Number.isFinite(this.#leaseFrom) &&
      this.#now() >= this.#leaseFrom + this.#sessionMs - this.#marginMs;
  }

  /** Whether the worker has fenced itself (it cannot confirm its lease). */
  get fenced(): boolean {
    return this.#fenced;
  }

  /** What this worker runs now (assigned, or still stopping). */
  running(): WorkSet {
    const connectors = new Set([...this.#connectors.keys(), ...this.#stoppingConnectors.keys()]);
    const tasks = new Map<string, ConnectorTaskId>();
    for (const t of this.#tasks.values()) tasks.set(t.key, t.id);
    for (const [key, t] of this.#stoppingTasks) tasks.set(key, t.id);
    for (const r of this.#reserved.values()) {
      if (r.task) tasks.set(r.key, r.task);
      else connectors.add(r.key);
    }
    return {
      connectors: [...connectors].sort(compareNames),
      tasks: [...tasks.values()].sort((a, b) =>
        compareNames(a.connector, b.connector) || a.task - b.task
      ),
    };
  }

  // ---------------------------------------------------------------------------
  // Joining and leaving

  /**
   * Joins the cluster: refuses a worker id another live process uses (after
   * waiting out a stale session of this id), writes the first heartbeat,
   * reads it back, and starts reconciling. Rejects with "Cannot start the
   * <kind> worker: ..." when it cannot.
   */
  async start(): Promise<void> {
    if (this.#started) throw new Error("Cannot start the worker: it was already started");
    this.#started = true;
    const { config, log } = this.#o;
    await this.#awaitIdFree();
    const sentAt = this.#now();
    let offset: bigint;
    try {
      offset = await log.append([this.#heartbeatRecord(log.state())]);
      await log.waitForOffset(offset);
    } catch (err) {
      throw new Error(
        `Cannot start the ${this.#kind} worker: cannot join the cluster through the control ` +
          `topic ${config.controlTopic}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    this.#firstBeatOffset = offset;
    this.#heartbeatConfirmed(offset, sentAt, ++this.#beatSeq);
    this.#unsubscribe = log.onChange(() => this.#reconcile());
    this.#heartbeatTimer = setInterval(() => this.#requestHeartbeat(), config.heartbeatIntervalMs);
    const checkMs = Math.max(20, Math.min(250, Math.floor(this.#sessionMs / 20)));
    this.#leaseTimer = setInterval(() => this.#checkLease(), checkMs);
    this.#o.logger.info("joined the cluster", {
      worker_id: this.#id,
      url: config.advertisedUrl,
      session_timeout_ms: this.#sessionMs,
    });
    this.#reconcile();
  }

  /**
   * Waits until no other live process uses this worker id. A heartbeat of
   * the id from another incarnation that is still within its lease is
   * watched: a newer heartbeat of it means a live duplicate (refused); its
   * lease running out, or one session timeout passing without a new
   * heartbeat, means a dead session (e.g. this worker before a SIGKILL).
   */
  async #awaitIdFree(): Promise<void> {
    const { log } = this.#o;
    const first = log.state().member(this.#kind, this.#id);
    if (!first || !first.live) return;
    this.#o.logger.info(
      "a heartbeat of this worker id is still within its lease: waiting to see whether that " +
        "session is alive",
      { worker_id: this.#id, url: first.url, wait_ms: first.sessionTimeoutMs },
    );
    const verdict = await new Promise<"free" | MemberView>((resolve) => {
      const check = () => {
        const m = log.state().member(this.#kind, this.#id);
        if (!m || !m.live) return done("free");
        if (m.offset !== first.offset) return done(m);
      };
      const done = (v: "free" | MemberView) => {
        clearTimeout(timer);
        remove();
        resolve(v);
      };
      const timer = setTimeout(() => done("free"), first.sessionTimeoutMs);
      const remove = log.onChange(check);
      check();
    });
    if (verdict === "free") return;
    throw new Error(
      `Cannot start the ${this.#kind} worker: worker id "${this.#id}" is already used by a live ` +
        `worker (${verdict.url}, started ${new Date(verdict.startedAt).toISOString()}) ` +
        `in this cluster (control topic ${this.#o.config.controlTopic}); give every worker its ` +
        "own worker.id (by default its advertised host:port)",
    );
  }

  /**
   * Stops every task and connector (in parallel, within
   * `task.shutdown.graceful.timeout.ms`), then leaves the cluster with a
   * tombstone so others take the work over at once instead of waiting for
   * the session to expire.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    // Heartbeats go on until the tombstone: they keep the lease (stopping
    // tasks still commit) and report what still runs.
    clearInterval(this.#leaseTimer);
    clearTimeout(this.#expiryTimer);
    this.#unsubscribe?.();
    for (const entry of [...this.#tasks.values()]) this.#stopTask(entry, "the worker is stopping");
    for (const entry of [...this.#connectors.values()]) {
      this.#stopConnector(entry, "the worker is stopping");
    }
    const all = [
      ...[...this.#stoppingTasks.values()].map((t) => t.done),
      ...this.#stoppingConnectors.values(),
    ];
    const timeout = this.#o.config.taskShutdownGracefulTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((r) => timer = setTimeout(() => r("late"), timeout));
    const outcome = await Promise.race([Promise.all(all).then(() => "done" as const), late]);
    clearTimeout(timer);
    if (outcome === "late") {
      this.#o.logger.warn("tasks did not stop within task.shutdown.graceful.timeout.ms", {
        timeout_ms: timeout,
        still_stopping: this.running().tasks.length,
      });
    }
    // No heartbeat may follow the tombstone: wait for the one in flight.
    this.#left = true;
    clearInterval(this.#heartbeatTimer);
    await this.#flushing;
    if (!this.#started || this.#firstBeatOffset < 0n) return;
    try {
      await this.#o.log.append([{
        key: controlKey({ type: "member", kind: this.#kind, id: this.#id }),
        value: null,
      }]);
      this.#o.logger.info("left the cluster", { worker_id: this.#id });
    } catch (err) {
      this.#o.logger.warn("cannot write the leave record; others take over at session expiry", {
        err,
      });
    }
  }

  // ---------------------------------------------------------------------------
  // Writer queue: statuses and heartbeats, in order, computed at send time

  #requestHeartbeat(): void {
    this.#heartbeatWanted = true;
    this.#requestFlush();
  }

  #markDirty(unit: string): void {
    this.#dirty.add(unit);
    this.#requestFlush();
  }

  #requestFlush(): void {
    if (this.#left) return;
    if (this.#flushing) {
      this.#flushWanted = true;
      return;
    }
    this.#flushing = this.#flushLoop().finally(() => this.#flushing = null);
  }

  async #flushLoop(): Promise<void> {
    this.#flushWanted = true;
    while (this.#flushWanted && !this.#left) {
      this.#flushWanted = false;
      const units = [...this.#dirty];
      this.#dirty.clear();
      const records: EncodedControlRecord[] = [];
      for (const unit of units) {
        const record = this.#statusRecord(unit);
        if (record) records.push(record);
      }
      const state = this.#o.log.state();
      // Heartbeats go on while stopping (they keep the lease, and report
      // what still runs); none after the tombstone.
      const beat = this.#heartbeatWanted && this.#refused === null && !this.#left;
      this.#heartbeatWanted = false;
      const seq = beat ? ++this.#beatSeq : 0;
      if (beat) records.push(this.#heartbeatRecord(state));
      if (records.length === 0) continue;
      const sentAt = this.#now();
      try {
        const offset = await this.#o.log.append(records);
        if (beat) this.#heartbeatConfirmed(offset, sentAt, seq);
      } catch (err) {
        for (const unit of units) if (!this.#dirty.has(unit)) this.#dirty.add(unit);
        if (this.#now() - this.#lastWriteWarning > 5000) {
          this.#lastWriteWarning = this.#now();
          this.#o.logger.warn("cannot write to the control topic; retrying", { err });
        }
        if (this.#left) return;
        await new Promise((r) => setTimeout(r, Math.min(500, this.#o.config.heartbeatIntervalMs)));
        if (this.#dirty.size > 0) this.#flushWanted = true;
      }
    }
  }

  #heartbeatRecord(state: ClusterState): EncodedControlRecord {
    const assigned = this.#fenced || this.#stopped || this.#refused !== null
      ? EMPTY
      : toWorkSet(state.assignmentFor(this.#kind, this.#id));
    const running = this.running();
    this.#lastClaim = JSON.stringify(assigned);
    return encodeControlRecord({
      type: "member",
      kind: this.#kind,
      id: this.#id,
      value: {
        kind: this.#kind,
        url: this.#o.config.advertisedUrl,
        startedAt: this.#startedAt,
        incarnation: this.#incarnation,
        sessionTimeoutMs: this.#sessionMs,
        assigned,
        assignedAt: state.offset,
        running,
      },
    });
  }

  /** A heartbeat was acknowledged: once read back, it renews the lease. */
  #heartbeatConfirmed(offset: bigint, sentAt: number, seq: number): void {
    const apply = () => {
      // A lease that lapsed before this renewal fences first (see leaseValid).
      if (!this.#fenced && this.#lapsed()) this.#checkLease();
      if (sentAt > this.#leaseFrom) this.#leaseFrom = sentAt;
      if (seq > this.#foldedSeq) {
        this.#foldedSeq = seq;
        if (this.#reserved.size > 0 && !this.#fenced) this.#reconcile();
      }
      const me = this.#o.log.state().member(this.#kind, this.#id);
      if (me && me.offset === offset) this.#brokerOffsetMs = me.lastHeartbeat - sentAt;
      if (this.#fenced && sentAt >= this.#fencedAt && !this.#stopped) this.#rejoin();
    };
    if (this.#o.log.state().offset >= offset) apply();
    else this.#o.log.waitForOffset(offset).then(apply, () => {});
  }

  /**
   * Ends fencing once what the worker sent before it has settled (see
   * `beforeRejoin`); if the lease lapsed meanwhile, the next confirmed
   * heartbeat tries again.
   */
  #rejoin(): void {
    if (this.#rejoining) return;
    this.#rejoining = true;
    const settled = this.#o.beforeRejoin?.() ?? Promise.resolve();
    settled.catch(() => {}).then(() => {
      this.#rejoining = false;
      if (!this.#fenced || this.#stopped || this.#lapsed()) return;
      this.#fenced = false;
      this.#o.logger.info("heartbeats are read back again: rejoining the cluster", {
        worker_id: this.#id,
      });
      this.#reconcile();
    });
  }

  #statusRecord(unit: string): EncodedControlRecord | null {
    let name: string;
    let task: number | undefined;
    let entry: ConnectorEntry | TaskEntry | undefined;
    let generation = 0;
    if (unit.startsWith("c:")) {
      name = unit.slice(2);
      entry = this.#connectors.get(name);
    } else {
      const t = this.#tasks.get(unit.slice(2));
      if (!t) return null;
      entry = t;
      name = t.id.connector;
      task = t.id.task;
      generation = t.generation;
    }
    if (!entry || !entry.current || this.#fenced || this.#stopped) return null;
    return encodeControlRecord({
      type: "status",
      name,
      ...(task === undefined ? {} : { task }),
      value: {
        incarnation: entry.incarnation,
        state: entry.state,
        workerId: this.#id,
        ...(entry.trace ? { trace: entry.trace } : {}),
        generation,
      },
    });
  }

  // ---------------------------------------------------------------------------
  // Lease and fencing

  #checkLease(): void {
    if (this.#stopped || this.#fenced || this.#refused !== null || this.#firstBeatOffset < 0n) {
      return;
    }
    if (!this.#lapsed()) return;
    this.#fenced = true;
    this.#fencedAt = this.#now();
    const units = this.running();
    this.#o.logger.error(
      "cannot confirm this worker's lease on the control topic: stopping its connectors and " +
        "tasks before another worker may take them over",
      {
        worker_id: this.#id,
        session_timeout_ms: this.#sessionMs,
        connectors: units.connectors.length,
        tasks: units.tasks.length,
      },
    );
    this.#reconcile();
    this.#requestHeartbeat();
  }

  /**
   * Makes sure the log clock moves right after the soonest lease of another
   * member runs out, so its work moves at once rather than at the next
   * regular heartbeat.
   */
  #scheduleExpiryTick(state: ClusterState): void {
    let soonest = Number.POSITIVE_INFINITY;
    for (const kind of ["source", "sink"] as const) {
      for (const m of state.members(kind)) {
        if (!m.live || (kind === this.#kind && m.id === this.#id)) continue;
        if (m.expiresAt < soonest) soonest = m.expiresAt;
      }
    }
    if (!Number.isFinite(soonest)) return;
    // At least 50 ms apart, so a clock estimate that is off cannot spin.
    const at = Math.max(soonest - this.#brokerOffsetMs + 20, this.#lastTickAt + 50);
    if (at === this.#expiryAt && this.#expiryTimer !== undefined) return;
    clearTimeout(this.#expiryTimer);
    this.#expiryAt = at;
    this.#expiryTimer = setTimeout(() => {
      this.#expiryTimer = undefined;
      this.#lastTickAt = this.#now();
      if (!this.#stopped) this.#requestHeartbeat();
    }, Math.max(0, at - this.#now()));
  }

  /** Another process heartbeats this worker id: the later-started one yields. */
  #checkConflict(state: ClusterState): void {
    if (this.#refused !== null || this.#firstBeatOffset < 0n) return;
    const rec = state.member(this.#kind, this.#id);
    if (!rec || rec.incarnation === this.#incarnation || rec.offset <= this.#firstBeatOffset) {
      return;
    }
    const otherFirst = rec.startedAt < this.#startedAt ||
      (rec.startedAt === this.#startedAt && rec.incarnation < this.#incarnation);
    if (otherFirst) {
      this.#refused = `worker id "${this.#id}" is also used by ${rec.url}, which started first`;
      this.#o.logger.error(
        `Cannot keep running: ${this.#refused}; this worker stops its work and stays out of ` +
          "the cluster (give every worker its own worker.id)",
      );
    } else if (!this.#conflictWarned) {
      this.#conflictWarned = true;
      this.#o.logger.error(
        `worker id "${this.#id}" is also used by ${rec.url}, which started later; it must stop`,
      );
      this.#requestHeartbeat();
    }
  }

  // ---------------------------------------------------------------------------
  // Reconciliation (synchronous: starts and stops run in the background)

  #reconcile(): void {
    if (this.#stopped || !this.#started) return;
    const state = this.#o.log.state();
    this.#checkConflict(state);
    const active = !this.#fenced && this.#refused === null;
    const mine = active ? state.assignmentFor(this.#kind, this.#id) : NO_UNITS;
    // A unit that moves away keeps running here until another live member
    // claims it: when members join or leave in quick succession the
    // assignment may pass a unit around before the claims settle, and this
    // way it only stops once someone is actually going to take it.
    const claimed = { connectors: new Set<string>(), tasks: new Set<string>() };
    for (const m of state.members(this.#kind)) {
      if (!m.live || m.id === this.#id) continue;
      for (const c of m.assigned.connectors) claimed.connectors.add(c);
      for (const t of m.assigned.tasks) claimed.tasks.add(taskKey(t));
    }
    const keep = (assigned: boolean, isClaimed: boolean) => assigned || (active && !isClaimed);

    for (const entry of [...this.#connectors.values()]) {
      const why = this.#connectorStopReason(
        state,
        entry,
        keep(mine.connectors.has(entry.name), claimed.connectors.has(entry.name)),
      );
      if (why) this.#stopConnector(entry, why);
    }
    for (const entry of [...this.#tasks.values()]) {
      const why = this.#taskStopReason(
        state,
        entry,
        keep(mine.tasks.has(entry.key), claimed.tasks.has(entry.key)),
      );
      if (why) this.#stopTask(entry, why);
    }

    // Starting takes two steps: report the unit running (a heartbeat), then
    // start it once that heartbeat is read back and the unit is still ours
    // and free. Whoever computes an assignment that moves it away then sees
    // it running here and waits for it to stop.
    let reservedNow = false;
    const wanted = new Set<string>();
    if (active) {
      const pending = state.handoffPending(this.#kind, this.#id);
      const pendingConnectors = new Set(pending.connectors);
      const pendingTasks = new Set(pending.tasks.map(taskKey));
      const step = (unit: string, key: string, task: ConnectorTaskId | undefined) => {
        wanted.add(unit);
        const reservation = this.#reserved.get(unit);
        if (!reservation) {
          this.#reserved.set(unit, { key, task, seq: this.#beatSeq + 1 });
          reservedNow = true;
          return false;
        }
        if (this.#foldedSeq < reservation.seq) return false;
        this.#reserved.delete(unit);
        return true;
      };
      for (const name of mine.connectors) {
        if (
          this.#connectors.has(name) || this.#stoppingConnectors.has(name) ||
          pendingConnectors.has(name)
        ) continue;
        const view = state.connector(name);
        if (!view || view.targetState === "STOPPED") continue;
        if (step(connectorUnit(name), name, undefined)) this.#startConnector(state, name);
      }
      for (const key of mine.tasks) {
        if (this.#tasks.has(key) || this.#stoppingTasks.has(key) || pendingTasks.has(key)) {
          continue;
        }
        const id = parseTaskKey(key);
        const tasks = state.taskConfigs(id.connector);
        if (!tasks || tasks.stale || tasks.configs[id.task] === undefined) continue;
        if (step(taskUnit(key), key, id)) this.#startTask(state, key);
      }
    }
    let released = false;
    for (const unit of [...this.#reserved.keys()]) {
      if (wanted.has(unit)) continue;
      this.#reserved.delete(unit);
      released = true;
    }
    if (reservedNow || released) this.#requestHeartbeat();

    for (const entry of this.#tasks.values()) {
      const paused = state.targetState(entry.id.connector) === "PAUSED";
      if (paused === entry.paused) continue;
      entry.paused = paused;
      if (entry.runner === null) continue;
      if (paused) entry.runner.pause();
      else entry.runner.resume();
    }
    for (const entry of this.#connectors.values()) {
      const paused = state.targetState(entry.name) === "PAUSED";
      if (paused && entry.state === "RUNNING") this.#connectorState(entry, "PAUSED");
      if (!paused && entry.state === "PAUSED") this.#connectorState(entry, "RUNNING");
    }

    const claim = active ? JSON.stringify(toWorkSet(mine)) : JSON.stringify(EMPTY);
    if (claim !== this.#lastClaim) this.#requestHeartbeat();
    this.#scheduleExpiryTick(state);
  }

  #connectorState(entry: ConnectorEntry, state: State, trace?: string): void {
    if (!entry.current) return;
    entry.state = state;
    entry.trace = trace;
    this.#markDirty(connectorUnit(entry.name));
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

  #connectorStopReason(
    state: ClusterState,
    entry: ConnectorEntry,
    assigned: boolean,
  ): string | null {
    const view = state.connector(entry.name);
    if (!view || view.incarnation !== entry.incarnation) return "deleted";
    if (view.targetState === "STOPPED") return "stopped";
    if (!assigned) return this.#fenced || this.#refused ? "fenced" : "reassigned";
    if (configHash(view.config) !== entry.configHash) return "reconfigured";
    const restart = state.restartRequest(entry.name);
    if (restart && restart.offset > entry.startedAt) {
      const failed = entry.runner === null || entry.runner.failed;
      if (!restart.onlyFailed || failed) return "restart requested";
    }
    return null;
  }

  #taskStopReason(state: ClusterState, entry: TaskEntry, assigned: boolean): string | null {
    const name = entry.id.connector;
    const view = state.connector(name);
    if (!view || view.incarnation !== entry.incarnation) return "deleted";
    if (view.targetState === "STOPPED") return "stopped";
    const tasks = state.taskConfigs(name);
    if (!tasks || tasks.stale) return "reconfigured";
    if (tasks.generation !== entry.generation) return "new task configs";
    if (!assigned) return this.#fenced || this.#refused ? "fenced" : "reassigned";
    const failed = entry.runner !== null && entry.runner.failure !== null;
    if (this.#restartRequested(state, name, entry.id.task, entry.startedAt, failed)) {
      return "restart requested";
    }
    return null;
  }

  #unitDone(): void {
    this.#requestHeartbeat();
    this.#reconcile();
  }

  #stopConnector(entry: ConnectorEntry, why: string): void {
    entry.current = false;
    this.#connectors.delete(entry.name);
    this.#o.logger.info("stopping connector", { connector: entry.name, reason: why });
    const done = entry.starting.catch(() => {}).then(() => entry.runner?.stop()).catch((err) => {
      this.#o.logger.warn("connector stop failed", { connector: entry.name, err });
    }).finally(() => {
      this.#stoppingConnectors.delete(entry.name);
      this.#unitDone();
    });
    this.#stoppingConnectors.set(entry.name, done);
  }

  #stopTask(entry: TaskEntry, why: string): void {
    entry.current = false;
    this.#tasks.delete(entry.key);
    this.#o.logger.info("stopping task", {
      connector: entry.id.connector,
      task: entry.id.task,
      reason: why,
    });
    // The same task, with the same config, goes on elsewhere (or here, for
    // a restart): it may hand over what it shares with its successor.
    const handoff = HANDOFF_REASONS.has(why);
    const done = entry.ready.catch(() => {}).then(() => entry.runner?.stop({ handoff })).catch(
      (err) => {
        this.#o.logger.warn("task stop failed", { connector: entry.id.connector, err });
      },
    ).finally(() => {
      this.#stoppingTasks.delete(entry.key);
      this.#unitDone();
    });
    this.#stoppingTasks.set(entry.key, { id: entry.id, done });
  }

  #startConnector(state: ClusterState, name: string): void {
    const view = state.connector(name);
    if (!view || view.targetState === "STOPPED") return;
    const entry: ConnectorEntry = {
      name,
      runner: null,
      starting: Promise.resolve(),
      incarnation: view.incarnation,
      configHash: configHash(view.config),
      startedAt: state.offset,
      state: "UNASSIGNED",
      current: true,
    };
    this.#connectors.set(name, entry);
    this.#o.logger.info("starting connector", { connector: name });
    let connector: Connector;
    try {
      connector = this.#o.plugins.create(view.class);
    } catch (err) {
      this.#o.logger.error("cannot create connector", { connector: name, err });
      this.#connectorState(entry, "FAILED", errorTrace(err));
      return;
    }
    const runner = new ConnectorRunner({
      name,
      connector,
      config: view.config,
      env: this.#o.env,
      log: this.#o.logger.child(name),
      onState: (s, trace) => {
        if (s === "RUNNING" && this.#o.log.state().targetState(name) === "PAUSED") s = "PAUSED";
        this.#connectorState(entry, s, trace);
      },
      onTaskConfigs: (configs) => this.#publishTasks(entry, connector, configs),
    });
    entry.runner = runner;
    entry.starting = runner.start();
  }

  async #publishTasks(
    entry: ConnectorEntry,
    connector: Connector,
    configs: Record<string, string>[],
  ): Promise<void> {
    const name = entry.name;
    const taskClass = pluginClassName(connector.taskClass());
    for (let attempt = 0; entry.current && !this.#stopped; attempt++) {
      const state = this.#o.log.state();
      const view = state.connector(name);
      if (!view || view.incarnation !== entry.incarnation) return;
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
      const hash = entry.configHash;
      if (hash !== configHash(view.config)) return;
      if (
        stored && stored.incarnation === view.incarnation && stored.configHash === hash &&
        JSON.stringify(stored.configs) === JSON.stringify(full)
      ) {
        return;
      }
      try {
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
        return;
      } catch (err) {
        if (!entry.current || this.#stopped) return;
        this.#o.logger.warn("cannot publish task configs; retrying", { connector: name, err });
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(attempt, 5))));
      }
    }
  }

  #startTask(state: ClusterState, key: string): void {
    const id = parseTaskKey(key);
    const view = state.connector(id.connector);
    const tasks = state.taskConfigs(id.connector);
    if (!view || view.targetState === "STOPPED" || !tasks || tasks.stale) return;
    const taskConfig = tasks.configs[id.task];
    if (taskConfig === undefined) return;
    const entry: TaskEntry = {
      id,
      key,
      runner: null,
      ready: Promise.resolve(),
      incarnation: view.incarnation,
      generation: tasks.generation,
      startedAt: state.offset,
      paused: view.targetState === "PAUSED",
      state: "UNASSIGNED",
      current: true,
    };
    this.#tasks.set(key, entry);
    this.#o.logger.info("starting task", {
      connector: id.connector,
      task: id.task,
      generation: tasks.generation,
    });
    const onState = (s: State, trace?: string) => {
      if (!entry.current) return;
      entry.state = s;
      entry.trace = trace;
      this.#markDirty(taskUnit(key));
    };
    entry.ready = (async () => {
      let runner: TaskRunner;
      try {
        const connector = this.#o.plugins.create(view.class);
        runner = await this.#o.tasks({
          id,
          connectorConfig: view.config,
          taskConfig,
          connector,
          onState,
          leaseValid: () => this.leaseValid(),
        });
      } catch (err) {
        if (!entry.current) return;
        this.#o.logger.error("cannot create task", { connector: id.connector, task: id.task, err });
        entry.runner = {
          start() {},
          pause() {},
          resume() {},
          stop: () => Promise.resolve(),
          failure: err,
        };
        onState("FAILED", errorTrace(err));
        return;
      }
      entry.runner = runner;
      if (!entry.current) {
        // Stopped while it was being built: `#stopTask` stops it once this resolves.
        return;
      }
      runner.start(entry.paused);
    })();
  }
}
