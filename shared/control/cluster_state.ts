/**
 * The fold: every worker applies each control-topic record, in offset order,
 * to a `ClusterState`, and so computes the same connectors, task configs,
 * members, statuses and assignment at the same offset.
 *
 * The state keeps the latest readable value of each key and derives every
 * view from those values and the log clock alone. Nothing depends on a
 * record that a later record of the same key replaced, so a worker that read
 * a compacted log (where replaced records are gone) agrees with one that read
 * every record, at every offset both have applied from the uncompacted tail.
 *
 * - A connector's dependents (target state, task configs, statuses, restart
 *   requests) count only if they name its current `incarnation`: after a
 *   delete, stale records of the old connector stay invisible, and a
 *   re-created connector inherits none of them.
 * - A member is live while `clock <= heartbeat timestamp + its sessionTimeoutMs`;
 *   a tombstone removes it at once.
 * - An unreadable record (garbage, unknown key, newer `v`) is reported to
 *   `onUnreadable` and makes its key absent: keeping the key's older value
 *   would disagree with a reader of the compacted log, which never saw it.
 *
 * The state is mutable (`apply`) and its views are computed on demand; views
 * and the values they return are frozen or fresh copies.
 *
 * @example
 * ```ts
 * import { ClusterState } from "./cluster_state.ts";
 * import { encodeControlRecord } from "./records.ts";
 * const state = new ClusterState();
 * const r = encodeControlRecord({
 *   type: "connector",
 *   name: "fs",
 *   value: { incarnation: "c1", type: "source", class: "FileStreamSource", config: {} },
 * });
 * state.apply({ offset: 0n, timestamp: 1000, ...r });
 * console.log(state.connector("fs")?.targetState); // "RUNNING"
 * ```
 * @module
 */
import type { WorkerKind } from "../config/worker_config.ts";
import type {
  ConnectorInfo,
  ConnectorStateInfo,
  ConnectorTaskId,
  State,
  TargetState,
  TaskState,
} from "../runtime/herder.ts";
import {
  assign,
  type AssignmentWork,
  compareNames,
  EMPTY_ASSIGNMENT,
  type MemberAssignment,
  type PreviousAssignment,
  taskKey,
} from "./assignment.ts";
import {
  configHash,
  type ConnectorValue,
  controlKey,
  type ControlRecord,
  ControlRecordError,
  decodeControlRecord,
  type EncodedControlRecord,
  type MemberValue,
  type RestartValue,
  type StatusValue,
  type TargetStateValue,
  type TasksValue,
  type WorkSet,
} from "./records.ts";

/**
 * A record as read from the control topic.
 *
 * @example
 * ```ts
 * import type { LogRecord } from "./cluster_state.ts";
 * const r: LogRecord = { offset: 7n, timestamp: 1_700_000_000_000, key: "connector/fs", value: null };
 * ```
 */
export interface LogRecord {
  readonly offset: bigint;
  /** Broker LogAppendTime, ms since the epoch. */
  readonly timestamp: number;
  readonly key: string;
  readonly value: Uint8Array | null;
}

/**
 * A record the fold skipped, as reported to `onUnreadable`.
 *
 * @example
 * ```ts
 * import type { UnreadableRecord } from "./cluster_state.ts";
 * const log = (u: UnreadableRecord) => console.warn(`skipped ${u.key}@${u.offset}: ${u.error.message}`);
 * ```
 */
export interface UnreadableRecord {
  readonly offset: bigint;
  readonly timestamp: number;
  readonly key: string;
  readonly error: ControlRecordError;
}

/**
 * Options of a {@linkcode ClusterState}.
 *
 * @example
 * ```ts
 * import { ClusterState, type ClusterStateOptions } from "./cluster_state.ts";
 * const options: ClusterStateOptions = { onUnreadable: (u) => console.warn(u.error.message) };
 * const state = new ClusterState(options);
 * ```
 */
export interface ClusterStateOptions {
  /** Called for each record the fold skips; must not throw (a throw is swallowed). */
  readonly onUnreadable?: (record: UnreadableRecord) => void;
}

/**
 * A connector as the fold sees it.
 *
 * @example
 * ```ts
 * import type { ConnectorView } from "./cluster_state.ts";
 * const describe = (c: ConnectorView) => `${c.name} (${c.type}, ${c.class}) ${c.targetState}`;
 * ```
 */
export interface ConnectorView {
  readonly name: string;
  readonly incarnation: string;
  readonly type: WorkerKind;
  readonly class: string;
  readonly config: Readonly<Record<string, string>>;
  /** RUNNING unless a target-state record of this incarnation says otherwise. */
  readonly targetState: TargetState;
  /** Offset and time of the latest config record. */
  readonly offset: bigint;
  readonly timestamp: number;
}

/**
 * A connector's current task configs.
 *
 * @example
 * ```ts
 * import type { TaskConfigsView } from "./cluster_state.ts";
 * const needsRegeneration = (t: TaskConfigsView) => t.stale;
 * ```
 */
export interface TaskConfigsView {
  readonly incarnation: string;
  readonly generation: number;
  readonly configHash: string;
  readonly configs: readonly Readonly<Record<string, string>>[];
  /** True when they were generated from another config than the connector's current one. */
  readonly stale: boolean;
  readonly offset: bigint;
  readonly timestamp: number;
}

/**
 * A member (worker) as known from its latest heartbeat.
 *
 * @example
 * ```ts
 * import type { MemberView } from "./cluster_state.ts";
 * const remaining = (m: MemberView, clock: number) => m.expiresAt - clock;
 * ```
 */
export interface MemberView extends MemberValue {
  readonly id: string;
  /** Timestamp of the latest heartbeat. */
  readonly lastHeartbeat: number;
  /** `lastHeartbeat + sessionTimeoutMs`: live while the log clock is at most this. */
  readonly expiresAt: number;
  readonly live: boolean;
  readonly offset: bigint;
}

/**
 * A connector's or task's reported status.
 *
 * @example
 * ```ts
 * import type { StatusView } from "./cluster_state.ts";
 * const stale = (s: StatusView) => !s.workerLive;
 * ```
 */
export interface StatusView {
  readonly state: State;
  readonly workerId: string;
  readonly trace?: string;
  readonly generation: number;
  /** Whether the member that wrote it is live now. */
  readonly workerLive: boolean;
  readonly offset: bigint;
  readonly timestamp: number;
}

/**
 * A connector's reported statuses.
 *
 * @example
 * ```ts
 * import type { ConnectorStatusView } from "./cluster_state.ts";
 * const failed = (s: ConnectorStatusView) => [...s.tasks].filter(([, t]) => t.state === "FAILED");
 * ```
 */
export interface ConnectorStatusView {
  readonly connector: StatusView | undefined;
  /** By task number, ascending; only tasks the connector currently has. */
  readonly tasks: ReadonlyMap<number, StatusView>;
}

/**
 * A pending restart request.
 *
 * @example
 * ```ts
 * import type { RestartView } from "./cluster_state.ts";
 * const isNewerThan = (r: RestartView, startedAt: bigint) => r.offset > startedAt;
 * ```
 */
export interface RestartView {
  readonly name: string;
  /** Set for a one-task restart. */
  readonly task?: number;
  readonly requestId: string;
  readonly includeTasks: boolean;
  readonly onlyFailed: boolean;
  readonly offset: bigint;
  readonly timestamp: number;
}

interface Stored<V> {
  readonly value: V;
  readonly offset: bigint;
  readonly timestamp: number;
}

interface ConnectorEntry {
  config?: Stored<ConnectorValue>;
  target?: Stored<TargetStateValue>;
  tasks?: Stored<TasksValue>;
  restart?: Stored<RestartValue>;
  taskRestarts: Map<number, Stored<RestartValue>>;
  status?: Stored<StatusValue>;
  taskStatuses: Map<number, Stored<StatusValue>>;
}

const KINDS: readonly WorkerKind[] = ["source", "sink"];

/**
 * The folded control topic. See the module doc for the rules.
 *
 * @example
 * ```ts
 * import { ClusterState } from "./cluster_state.ts";
 * const state = new ClusterState({ onUnreadable: (u) => console.warn(u.error.message) });
 * state.apply({ offset: 0n, timestamp: 1, key: "connector/x", value: new Uint8Array([1]) });
 * console.log(state.offset, state.connectorNames()); // 0n []
 * ```
 */
export class ClusterState {
  #offset = -1n;
  #clock = 0;
  readonly #connectors = new Map<string, ConnectorEntry>();
  readonly #members: Record<WorkerKind, Map<string, Stored<MemberValue>>> = {
    source: new Map(),
    sink: new Map(),
  };
  readonly #unreadable = new Map<string, UnreadableRecord>();
  readonly #onUnreadable: ((record: UnreadableRecord) => void) | undefined;
  #assignments = new Map<WorkerKind, Map<string, MemberAssignment>>();

  /** Creates an empty state (offset -1, clock 0). */
  constructor(options: ClusterStateOptions = {}) {
    this.#onUnreadable = options.onUnreadable;
  }

  /** Offset of the last applied record; -1 before any. */
  get offset(): bigint {
    return this.#offset;
  }

  /** The log clock: the newest record timestamp seen (ms); 0 before any. */
  get clock(): number {
    return this.#clock;
  }

  /**
   * Folds one record. Records at or below the current offset are ignored
   * (redelivery) and `false` is returned; otherwise the offset and clock
   * advance and `true` is returned, whether or not the record was readable.
   * Never throws for a bad record.
   */
  apply(record: LogRecord): boolean {
    if (record.offset <= this.#offset) return false;
    this.#offset = record.offset;
    if (Number.isFinite(record.timestamp) && record.timestamp > this.#clock) {
      this.#clock = record.timestamp;
    }
    this.#assignments = new Map();
    let decoded: ControlRecord;
    try {
      decoded = decodeControlRecord(record.key, record.value);
    } catch (error) {
      const e = error instanceof ControlRecordError ? error : new ControlRecordError(
        `decode control record ${record.key}`,
        record.key,
        "malformed-value",
        String(error),
        { cause: error },
      );
      this.#forget(record.key);
      const unreadable = {
        offset: record.offset,
        timestamp: record.timestamp,
        key: record.key,
        error: e,
      };
      if (e.problem !== "unknown-key") this.#unreadable.set(record.key, unreadable);
      try {
        this.#onUnreadable?.(unreadable);
      } catch {
        // A reporting callback must not break the fold.
      }
      return true;
    }
    this.#unreadable.delete(record.key);
    this.#put(decoded, record);
    return true;
  }

  /** Folds records in order; returns how many advanced the offset. */
  applyAll(records: Iterable<LogRecord>): number {
    let applied = 0;
    for (const r of records) if (this.apply(r)) applied++;
    return applied;
  }

  /** A deep-enough copy: applying to one does not change the other. */
  clone(): ClusterState {
    const copy = new ClusterState({ onUnreadable: this.#onUnreadable });
    copy.#offset = this.#offset;
    copy.#clock = this.#clock;
    for (const [name, e] of this.#connectors) {
      copy.#connectors.set(name, {
        ...e,
        taskRestarts: new Map(e.taskRestarts),
        taskStatuses: new Map(e.taskStatuses),
      });
    }
    for (const kind of KINDS) {
      for (const [id, m] of this.#members[kind]) copy.#members[kind].set(id, m);
    }
    for (const [k, u] of this.#unreadable) copy.#unreadable.set(k, u);
    return copy;
  }

  // -------------------------------------------------------------------------
  // Folding

  #entry(name: string): ConnectorEntry {
    let e = this.#connectors.get(name);
    if (!e) {
      e = { taskRestarts: new Map(), taskStatuses: new Map() };
      this.#connectors.set(name, e);
    }
    return e;
  }

  #prune(name: string): void {
    const e = this.#connectors.get(name);
    if (
      e && !e.config && !e.target && !e.tasks && !e.restart && !e.status &&
      e.taskRestarts.size === 0 && e.taskStatuses.size === 0
    ) {
      this.#connectors.delete(name);
    }
  }

  /** Makes a key absent (for an unreadable record of a known key). */
  #forget(key: string): void {
    let k;
    try {
      k = decodeControlRecord(key, null);
    } catch {
      return;
    }
    this.#put(k, { offset: this.#offset, timestamp: this.#clock });
  }

  #put(r: ControlRecord, at: { offset: bigint; timestamp: number }): void {
    const stored = <V>(value: V | null): Stored<V> | undefined =>
      value === null ? undefined : { value, offset: at.offset, timestamp: at.timestamp };
    if (r.type === "member") {
      const s = stored(r.value);
      if (s) this.#members[r.kind].set(r.id, s);
      else this.#members[r.kind].delete(r.id);
      return;
    }
    const e = this.#entry(r.name);
    switch (r.type) {
      case "connector":
        e.config = stored(r.value);
        break;
      case "target-state":
        e.target = stored(r.value);
        break;
      case "tasks":
        e.tasks = stored(r.value);
        break;
      case "restart":
        if (r.task === undefined) e.restart = stored(r.value);
        else setOrDelete(e.taskRestarts, r.task, stored(r.value));
        break;
      case "status":
        if (r.task === undefined) e.status = stored(r.value);
        else setOrDelete(e.taskStatuses, r.task, stored(r.value));
        break;
    }
    this.#prune(r.name);
  }

  // -------------------------------------------------------------------------
  // Connectors

  #live(name: string): { entry: ConnectorEntry; config: Stored<ConnectorValue> } | undefined {
    const entry = this.#connectors.get(name);
    return entry?.config ? { entry, config: entry.config } : undefined;
  }

  #current<V extends { incarnation: string }>(
    stored: Stored<V> | undefined,
    incarnation: string,
  ): Stored<V> | undefined {
    return stored && stored.value.incarnation === incarnation ? stored : undefined;
  }

  /** Names of all connectors, sorted. */
  connectorNames(): string[] {
    return [...this.#connectors].filter(([, e]) => e.config).map(([n]) => n).sort(compareNames);
  }

  /** A connector, or undefined if it does not exist. */
  connector(name: string): ConnectorView | undefined {
    const live = this.#live(name);
    if (!live) return undefined;
    const { entry, config } = live;
    const c = config.value;
    return Object.freeze({
      name,
      incarnation: c.incarnation,
      type: c.type,
      class: c.class,
      config: c.config,
      targetState: this.#current(entry.target, c.incarnation)?.value.state ?? "RUNNING",
      offset: config.offset,
      timestamp: config.timestamp,
    });
  }

  /** Connectors of one kind (all target states), sorted by name. */
  connectorsOfKind(kind: WorkerKind): ConnectorView[] {
    return this.connectorNames().map((n) => this.connector(n)!).filter((c) => c.type === kind);
  }

  /** The connector's target state, or undefined if it does not exist. */
  targetState(name: string): TargetState | undefined {
    return this.connector(name)?.targetState;
  }

  /** The connector's latest task configs (of its current incarnation), if any. */
  taskConfigs(name: string): TaskConfigsView | undefined {
    const live = this.#live(name);
    if (!live) return undefined;
    const t = this.#current(live.entry.tasks, live.config.value.incarnation);
    if (!t) return undefined;
    return Object.freeze({
      incarnation: t.value.incarnation,
      generation: t.value.generation,
      configHash: t.value.configHash,
      configs: t.value.configs,
      stale: t.value.configHash !== configHash(live.config.value.config),
      offset: t.offset,
      timestamp: t.timestamp,
    });
  }

  /** The generation a new `tasks/<name>` record should carry (current + 1, or 1). */
  nextTaskGeneration(name: string): number {
    return (this.taskConfigs(name)?.generation ?? 0) + 1;
  }

  /** The connector's task ids, sorted; none while STOPPED or before task configs exist. */
  taskIds(name: string): ConnectorTaskId[] {
    const c = this.connector(name);
    if (!c || c.targetState === "STOPPED") return [];
    const count = this.taskConfigs(name)?.configs.length ?? 0;
    return Array.from({ length: count }, (_, task) => ({ connector: name, task }));
  }

  /** `GET /connectors/{n}` as Kafka Connect's `ConnectorInfo`, or undefined. */
  connectorInfo(name: string): ConnectorInfo | undefined {
    const c = this.connector(name);
    if (!c) return undefined;
    return { name, config: { ...c.config }, tasks: this.taskIds(name), type: c.type };
  }

  // -------------------------------------------------------------------------
  // Members

  #memberView(id: string, s: Stored<MemberValue>): MemberView {
    const expiresAt = s.timestamp + s.value.sessionTimeoutMs;
    return Object.freeze({
      ...s.value,
      id,
      lastHeartbeat: s.timestamp,
      expiresAt,
      live: this.#clock <= expiresAt,
      offset: s.offset,
    });
  }

  /** Every member of a kind with a heartbeat on record (live or expired), sorted by id. */
  members(kind: WorkerKind): MemberView[] {
    return [...this.#members[kind]]
      .map(([id, s]) => this.#memberView(id, s))
      .sort((a, b) => compareNames(a.id, b.id));
  }

  /** One member, live or expired, or undefined if it has no heartbeat on record. */
  member(kind: WorkerKind, id: string): MemberView | undefined {
    const s = this.#members[kind].get(id);
    return s ? this.#memberView(id, s) : undefined;
  }

  /** Ids of the live members of a kind, sorted. */
  liveMembers(kind: WorkerKind): string[] {
    return this.members(kind).filter((m) => m.live).map((m) => m.id);
  }

  // -------------------------------------------------------------------------
  // Assignment

  /** The work of a kind: its connectors that are not STOPPED, and their tasks. */
  work(kind: WorkerKind): AssignmentWork {
    const connectors = this.connectorsOfKind(kind).filter((c) => c.targetState !== "STOPPED");
    return {
      connectors: connectors.map((c) => c.name),
      tasks: connectors.flatMap((c) => this.taskIds(c.name)),
    };
  }

  /**
   * The assignment of a kind at this offset: every live member's connectors
   * and tasks. "Previous" is each live member's latest heartbeat claim, so
   * the result depends on the current state only.
   */
  assignment(kind: WorkerKind): ReadonlyMap<string, MemberAssignment> {
    let result = this.#assignments.get(kind);
    if (!result) {
      const live = this.members(kind).filter((m) => m.live);
      const previous = new Map<string, PreviousAssignment>(
        live.map((m) => [m.id, {
          connectors: m.assigned.connectors,
          tasks: m.assigned.tasks,
          at: m.assignedAt,
        }]),
      );
      result = assign({
        kind,
        liveMembers: live.map((m) => m.id),
        work: this.work(kind),
        previous,
      });
      this.#assignments.set(kind, result);
    }
    return result;
  }

  /** One member's assignment; empty if it is not live. */
  assignmentFor(kind: WorkerKind, memberId: string): MemberAssignment {
    return this.assignment(kind).get(memberId) ?? EMPTY_ASSIGNMENT;
  }

  /** The member assigned a connector, if any. */
  connectorOwner(name: string): string | undefined {
    const c = this.connector(name);
    if (!c) return undefined;
    for (const [id, a] of this.assignment(c.type)) if (a.connectors.has(name)) return id;
    return undefined;
  }

  /** The member assigned a task, if any. */
  taskOwner(id: ConnectorTaskId): string | undefined {
    const c = this.connector(id.connector);
    if (!c) return undefined;
    const key = taskKey(id);
    for (const [member, a] of this.assignment(c.type)) if (a.tasks.has(key)) return member;
    return undefined;
  }

  /**
   * Units assigned to `memberId` that another live member still reports
   * running: start them only once this is empty for them (the previous owner
   * has stopped, or its lease has expired).
   */
  handoffPending(kind: WorkerKind, memberId: string): WorkSet {
    const mine = this.assignmentFor(kind, memberId);
    const connectors = new Set<string>();
    const tasks = new Map<string, ConnectorTaskId>();
    for (const m of this.members(kind)) {
      if (!m.live || m.id === memberId) continue;
      for (const c of m.running.connectors) if (mine.connectors.has(c)) connectors.add(c);
      for (const t of m.running.tasks) {
        const key = taskKey(t);
        if (mine.tasks.has(key)) tasks.set(key, t);
      }
    }
    return {
      connectors: [...connectors].sort(compareNames),
      tasks: [...mine.tasks].filter((k) => tasks.has(k)).map((k) => tasks.get(k)!),
    };
  }

  // -------------------------------------------------------------------------
  // Statuses and restarts

  #statusView(kind: WorkerKind, s: Stored<StatusValue>): StatusView {
    return Object.freeze({
      state: s.value.state,
      workerId: s.value.workerId,
      ...(s.value.trace === undefined ? {} : { trace: s.value.trace }),
      generation: s.value.generation,
      workerLive: this.member(kind, s.value.workerId)?.live ?? false,
      offset: s.offset,
      timestamp: s.timestamp,
    });
  }

  /** The connector's statuses of its current incarnation, or undefined if it does not exist. */
  status(name: string): ConnectorStatusView | undefined {
    const live = this.#live(name);
    if (!live) return undefined;
    const { entry, config } = live;
    const kind = config.value.type;
    const inc = config.value.incarnation;
    const own = this.#current(entry.status, inc);
    const taskCount = new Set(this.taskIds(name).map((t) => t.task));
    const tasks = new Map<number, StatusView>();
    for (const task of [...entry.taskStatuses.keys()].sort((a, b) => a - b)) {
      const s = this.#current(entry.taskStatuses.get(task), inc);
      if (s && taskCount.has(task)) tasks.set(task, this.#statusView(kind, s));
    }
    return { connector: own && this.#statusView(kind, own), tasks };
  }

  /** One task's status, if reported for the current incarnation and task set. */
  taskStatus(name: string, task: number): StatusView | undefined {
    return this.status(name)?.tasks.get(task);
  }

  /**
   * `GET /connectors/{n}/status` as Kafka Connect's `ConnectorStateInfo`,
   * derived so it never lies about dead workers: a STOPPED connector is
   * STOPPED with no tasks; a unit with no status yet, or whose reporting
   * worker's lease has expired (unless FAILED), is UNASSIGNED with the
   * member it is assigned to (or "" if none). Undefined if the connector
   * does not exist.
   */
  stateInfo(name: string): ConnectorStateInfo | undefined {
    const c = this.connector(name);
    const s = this.status(name);
    if (!c || !s) return undefined;
    if (c.targetState === "STOPPED") {
      return {
        name,
        connector: {
          state: "STOPPED",
          worker_id: s.connector ? this.workerAddress(c.type, s.connector.workerId) : "",
        },
        tasks: [],
        type: c.type,
      };
    }
    const address = (id: string | undefined) =>
      id === undefined ? "" : this.workerAddress(c.type, id);
    const derive = (status: StatusView | undefined, owner: string | undefined) => {
      if (status && (status.workerLive || status.state === "FAILED")) {
        return {
          state: status.state,
          worker_id: address(status.workerId),
          ...(status.trace ? { trace: status.trace } : {}),
        };
      }
      return { state: "UNASSIGNED" as State, worker_id: address(owner ?? status?.workerId) };
    };
    const tasks: TaskState[] = this.taskIds(name).map((id) => ({
      id: id.task,
      ...derive(s.tasks.get(id.task), this.taskOwner(id)),
    }));
    return {
      name,
      connector: derive(s.connector, this.connectorOwner(name)),
      tasks,
      type: c.type,
    };
  }

  /**
   * How status reports name a worker (Kafka Connect's `worker_id`): the
   * `host:port` of the advertised URL in its latest heartbeat (the port
   * omitted only if the URL omits it), or the member id itself when it has
   * no heartbeat on record. A function of the state, so every worker agrees.
   */
  workerAddress(kind: WorkerKind, id: string): string {
    const url = this.#members[kind].get(id)?.value.url;
    if (url === undefined) return id;
    try {
      return new URL(url).host || id;
    } catch {
      return id;
    }
  }

  /** The pending restart request of a connector (task omitted) or of one task. */
  restartRequest(name: string, task?: number): RestartView | undefined {
    const live = this.#live(name);
    if (!live) return undefined;
    const stored = task === undefined ? live.entry.restart : live.entry.taskRestarts.get(task);
    const r = this.#current(stored, live.config.value.incarnation);
    if (!r) return undefined;
    return Object.freeze({
      name,
      ...(task === undefined ? {} : { task }),
      requestId: r.value.requestId,
      includeTasks: r.value.includeTasks,
      onlyFailed: r.value.onlyFailed,
      offset: r.offset,
      timestamp: r.timestamp,
    });
  }

  /** Every pending restart request of existing connectors, by name then task. */
  restartRequests(): RestartView[] {
    const out: RestartView[] = [];
    for (const name of this.connectorNames()) {
      const own = this.restartRequest(name);
      if (own) out.push(own);
      const entry = this.#connectors.get(name)!;
      for (const task of [...entry.taskRestarts.keys()].sort((a, b) => a - b)) {
        const r = this.restartRequest(name, task);
        if (r) out.push(r);
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------
  // Housekeeping

  /** Keys currently held for a connector name (any incarnation), in key order. */
  keysOf(name: string): string[] {
    const e = this.#connectors.get(name);
    if (!e) return [];
    const keys: string[] = [];
    if (e.config) keys.push(controlKey({ type: "connector", name }));
    if (e.target) keys.push(controlKey({ type: "target-state", name }));
    if (e.tasks) keys.push(controlKey({ type: "tasks", name }));
    if (e.restart) keys.push(controlKey({ type: "restart", name }));
    for (const task of [...e.taskRestarts.keys()].sort((a, b) => a - b)) {
      keys.push(controlKey({ type: "restart", name, task }));
    }
    if (e.status) keys.push(controlKey({ type: "status", name }));
    for (const task of [...e.taskStatuses.keys()].sort((a, b) => a - b)) {
      keys.push(controlKey({ type: "status", name, task }));
    }
    return keys;
  }

  /**
   * The tombstones that delete a connector: its config first (the delete
   * takes effect there), then every other key held for the name, so
   * compaction can drop them all.
   */
  deletionRecords(name: string): EncodedControlRecord[] {
    const first = controlKey({ type: "connector", name });
    return [first, ...this.keysOf(name).filter((k) => k !== first)].map((key) => ({
      key,
      value: null,
    }));
  }

  /**
   * Keys that no longer mean anything: dependents of a connector that does
   * not exist or of another incarnation, and heartbeats expired for more
   * than `graceMs`. Tombstoning them keeps the compacted topic small.
   */
  orphanKeys(graceMs = 0): string[] {
    const keys: string[] = [];
    for (const [name, e] of [...this.#connectors].sort(([a], [b]) => compareNames(a, b))) {
      const inc = e.config?.value.incarnation;
      const stale = (s: Stored<{ incarnation: string }> | undefined) =>
        s !== undefined && s.value.incarnation !== inc;
      if (stale(e.target)) keys.push(controlKey({ type: "target-state", name }));
      if (stale(e.tasks)) keys.push(controlKey({ type: "tasks", name }));
      if (stale(e.restart)) keys.push(controlKey({ type: "restart", name }));
      for (const [task, s] of [...e.taskRestarts].sort(([a], [b]) => a - b)) {
        if (stale(s)) keys.push(controlKey({ type: "restart", name, task }));
      }
      if (stale(e.status)) keys.push(controlKey({ type: "status", name }));
      for (const [task, s] of [...e.taskStatuses].sort(([a], [b]) => a - b)) {
        if (stale(s)) keys.push(controlKey({ type: "status", name, task }));
      }
    }
    for (const kind of KINDS) {
      for (const m of this.members(kind)) {
        if (this.#clock > m.expiresAt + graceMs) {
          keys.push(controlKey({ type: "member", kind, id: m.id }));
        }
      }
    }
    return keys;
  }

  /** Keys whose latest record could not be read (they count as absent), by key. */
  unreadable(): UnreadableRecord[] {
    return [...this.#unreadable.values()].sort((a, b) => compareNames(a.key, b.key));
  }
}

function setOrDelete<K, V>(map: Map<K, V>, key: K, value: V | undefined): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value);
}
