/**
 * Task assignment: a pure, deterministic function that places a kind's
 * connectors and tasks on its live members, balanced (counts differ by at
 * most one, connectors and tasks separately) and sticky (a unit stays with
 * the member that claims it unless that member is over its share).
 *
 * Same inputs give the same output everywhere: members and units are sorted
 * by code-unit order, ties are broken by member id, and the only hash is
 * FNV-1a of the connector name. See `docs/control_topic.md` for why the
 * "previous" claims come from members' heartbeats.
 *
 * @example
 * ```ts
 * import { assign } from "./assignment.ts";
 * const result = assign({
 *   kind: "source",
 *   liveMembers: ["w1", "w2"],
 *   work: { connectors: ["fs"], tasks: [{ connector: "fs", task: 0 }, { connector: "fs", task: 1 }] },
 *   previous: new Map(),
 * });
 * console.log(result.get("w1")!.tasks.size + result.get("w2")!.tasks.size); // 2
 * ```
 * @module
 */
import type { WorkerKind } from "../config/worker_config.ts";
import type { ConnectorTaskId } from "../runtime/herder.ts";
import { decodeName, encodeName, type WorkSet } from "./records.ts";

/**
 * The work of one kind: connectors to run and their tasks.
 *
 * @example
 * ```ts
 * import type { AssignmentWork } from "./assignment.ts";
 * const work: AssignmentWork = { connectors: ["fs"], tasks: [{ connector: "fs", task: 0 }] };
 * ```
 */
export interface AssignmentWork {
  readonly connectors: readonly string[];
  readonly tasks: readonly ConnectorTaskId[];
}

/**
 * What a member claimed before: connector names and tasks (task keys or ids),
 * and `at`, the log offset of the state the claim was computed from. When
 * two live members claim the same unit, the claim with the higher `at` wins
 * (ties: the lower member id).
 *
 * @example
 * ```ts
 * import type { PreviousAssignment } from "./assignment.ts";
 * const p: PreviousAssignment = { connectors: ["fs"], tasks: ["fs/0"], at: 12n };
 * ```
 */
export interface PreviousAssignment {
  readonly connectors: Iterable<string>;
  readonly tasks: Iterable<string | ConnectorTaskId>;
  readonly at?: bigint;
}

/**
 * One member's assignment. `tasks` holds task keys ({@linkcode taskKey});
 * both sets iterate in sorted order.
 *
 * @example
 * ```ts
 * import { parseTaskKey, type MemberAssignment } from "./assignment.ts";
 * function describe(a: MemberAssignment): string {
 *   return [...a.tasks].map((k) => parseTaskKey(k).task).join(",");
 * }
 * ```
 */
export interface MemberAssignment {
  readonly connectors: ReadonlySet<string>;
  readonly tasks: ReadonlySet<string>;
}

/**
 * The input of {@linkcode assign}.
 *
 * @example
 * ```ts
 * import type { AssignInput } from "./assignment.ts";
 * const input: AssignInput = {
 *   kind: "sink",
 *   liveMembers: ["a", "b"],
 *   work: { connectors: [], tasks: [] },
 *   previous: new Map(),
 * };
 * ```
 */
export interface AssignInput {
  readonly kind: WorkerKind;
  /** Ids of the live members of `kind` (sorted here anyway; duplicates are an error). */
  readonly liveMembers: readonly string[];
  /** Connectors of `kind` that are not STOPPED, and their tasks. */
  readonly work: AssignmentWork;
  /** Each member's previous claim; entries of members that are not live are ignored. */
  readonly previous: ReadonlyMap<string, PreviousAssignment>;
}

/**
 * Orders strings by UTF-16 code units (never by locale), as every worker must.
 *
 * @example
 * ```ts
 * import { compareNames } from "./assignment.ts";
 * console.log(["b", "B", "a"].sort(compareNames)); // ["B", "a", "b"]
 * ```
 */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders task ids by connector name, then task number.
 *
 * @example
 * ```ts
 * import { compareTaskIds } from "./assignment.ts";
 * console.log(compareTaskIds({ connector: "a", task: 10 }, { connector: "a", task: 9 }) > 0); // true
 * ```
 */
export function compareTaskIds(a: ConnectorTaskId, b: ConnectorTaskId): number {
  return compareNames(a.connector, b.connector) || a.task - b.task;
}

/**
 * The string form of a task id used in assignment sets: `<encoded name>/<task>`
 * (the name escaped as in control keys, so the last `/` separates).
 *
 * @example
 * ```ts
 * import { taskKey } from "./assignment.ts";
 * console.log(taskKey({ connector: "a/b", task: 3 })); // "a%2Fb/3"
 * ```
 */
export function taskKey(id: ConnectorTaskId): string {
  return `${encodeName(id.connector)}/${id.task}`;
}

/**
 * Parses a {@linkcode taskKey}.
 *
 * @example
 * ```ts
 * import { parseTaskKey } from "./assignment.ts";
 * console.log(parseTaskKey("a%2Fb/3")); // { connector: "a/b", task: 3 }
 * ```
 */
export function parseTaskKey(key: string): ConnectorTaskId {
  const slash = key.lastIndexOf("/");
  const task = key.slice(slash + 1);
  if (slash <= 0 || !/^(0|[1-9][0-9]{0,14})$/.test(task)) {
    throw new Error(`Cannot parse task key ${JSON.stringify(key)}: expected "<name>/<task>"`);
  }
  try {
    return { connector: decodeName(key.slice(0, slash)), task: Number(task) };
  } catch (error) {
    throw new Error(`Cannot parse task key ${JSON.stringify(key)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Converts an assignment to the `WorkSet` a heartbeat carries.
 *
 * @example
 * ```ts
 * import { toWorkSet } from "./assignment.ts";
 * const w = toWorkSet({ connectors: new Set(["fs"]), tasks: new Set(["fs/0"]) });
 * console.log(w.tasks); // [{ connector: "fs", task: 0 }]
 * ```
 */
export function toWorkSet(assignment: MemberAssignment): WorkSet {
  return {
    connectors: [...assignment.connectors].sort(compareNames),
    tasks: [...assignment.tasks].map(parseTaskKey).sort(compareTaskIds),
  };
}

/**
 * An assignment with nothing in it.
 *
 * @example
 * ```ts
 * import { EMPTY_ASSIGNMENT } from "./assignment.ts";
 * console.log(EMPTY_ASSIGNMENT.connectors.size); // 0
 * ```
 */
export const EMPTY_ASSIGNMENT: MemberAssignment = Object.freeze({
  connectors: new Set<string>(),
  tasks: new Set<string>(),
});

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

interface Unit {
  readonly key: string;
  /** Position in the sorted unit list. */
  readonly order: number;
  /** Index of the member this unit prefers first; it then prefers the next ones, cyclically. */
  readonly start: number;
}

/**
 * Places units of one type (connectors or tasks) on members.
 *
 * 1. Each unit claimed by live members goes to the newest claim (higher `at`,
 *    then lower id): the member "keeps" it.
 * 2. Quotas: `base = floor(n/m)` each, and `n mod m` members get one more:
 *    first the members keeping more than `base` (by id), then the others (by
 *    id). This keeps as many units as any balanced placement can.
 * 3. A member keeping more than its quota keeps the units it prefers most
 *    (its rank in the unit's preference order, then unit order); the rest go
 *    back to the pool.
 * 4. Pool units, in order, go to the first member in their preference order
 *    (a rotation of the sorted members starting at `unit.start`) with room.
 */
function place(
  members: readonly string[],
  units: readonly Unit[],
  claims: ReadonlyMap<string, { readonly units: ReadonlySet<string>; readonly at: bigint }>,
): Map<string, Unit[]> {
  const m = members.length;
  const result = new Map<string, Unit[]>(members.map((id) => [id, []]));
  if (m === 0) return result;

  const kept = new Map<string, Unit[]>(members.map((id) => [id, []]));
  const pool: Unit[] = [];
  for (const unit of units) {
    let owner: string | undefined;
    let ownerAt = 0n;
    for (const id of members) {
      const claim = claims.get(id);
      if (!claim || !claim.units.has(unit.key)) continue;
      if (owner === undefined || claim.at > ownerAt) {
        owner = id;
        ownerAt = claim.at;
      }
    }
    if (owner === undefined) pool.push(unit);
    else kept.get(owner)!.push(unit);
  }

  const n = units.length;
  const base = Math.floor(n / m);
  let extra = n % m;
  const quota = new Map<string, number>(members.map((id) => [id, base]));
  for (const id of members) {
    if (extra === 0) break;
    if (kept.get(id)!.length > base) {
      quota.set(id, base + 1);
      extra--;
    }
  }
  for (const id of members) {
    if (extra === 0) break;
    if (quota.get(id) === base) {
      quota.set(id, base + 1);
      extra--;
    }
  }

  members.forEach((id, index) => {
    const mine = kept.get(id)!;
    const limit = quota.get(id)!;
    if (mine.length > limit) {
      const rank = (u: Unit) => (index - u.start + m) % m;
      mine.sort((a, b) => rank(a) - rank(b) || a.order - b.order);
      pool.push(...mine.splice(limit));
    }
    result.get(id)!.push(...mine);
  });

  pool.sort((a, b) => a.order - b.order);
  for (const unit of pool) {
    for (let i = 0; i < m; i++) {
      const id = members[(unit.start + i) % m];
      const mine = result.get(id)!;
      if (mine.length < quota.get(id)!) {
        mine.push(unit);
        break;
      }
    }
  }
  for (const mine of result.values()) mine.sort((a, b) => a.order - b.order);
  return result;
}

/**
 * Assigns a kind's connectors and tasks to its live members: balanced and
 * sticky (a unit moves only if its claimant is gone or over its share, and
 * then the fewest units move), deterministic (no randomness, no dependence
 * on Map or Set insertion order of the inputs). Every live member gets an
 * entry, possibly empty; with no live member the result is empty.
 *
 * A claim set equal to a previous output is a fixed point: assigning the same
 * work to the same members again returns the same assignment.
 *
 * @example
 * ```ts
 * import { assign } from "./assignment.ts";
 * const work = { connectors: ["a", "b"], tasks: [] };
 * const one = assign({ kind: "sink", liveMembers: ["w1"], work, previous: new Map() });
 * const two = assign({ kind: "sink", liveMembers: ["w1", "w2"], work, previous: one });
 * console.log(two.get("w1")!.connectors.size, two.get("w2")!.connectors.size); // 1 1
 * ```
 */
export function assign(input: AssignInput): Map<string, MemberAssignment> {
  const members = [...input.liveMembers].sort(compareNames);
  for (let i = 1; i < members.length; i++) {
    if (members[i] === members[i - 1]) {
      throw new Error(
        `Cannot assign ${input.kind} work: member id ${JSON.stringify(members[i])} appears twice`,
      );
    }
  }
  const m = members.length;
  if (m === 0) return new Map();

  const connectorNames = [...new Set(input.work.connectors)].sort(compareNames);
  const connectorUnits: Unit[] = connectorNames.map((name, order) => ({
    key: name,
    order,
    start: fnv1a(name) % m,
  }));
  const taskIds = dedupeTasks(input.work.tasks);
  const taskUnits: Unit[] = taskIds.map((id, order) => ({
    key: taskKey(id),
    order,
    start: (fnv1a(id.connector) + id.task) % m,
  }));

  const connectorClaims = new Map<string, { units: Set<string>; at: bigint }>();
  const taskClaims = new Map<string, { units: Set<string>; at: bigint }>();
  for (const id of members) {
    const previous = input.previous.get(id);
    if (!previous) continue;
    const at = previous.at ?? 0n;
    connectorClaims.set(id, { units: new Set(previous.connectors), at });
    const tasks = new Set<string>();
    for (const t of previous.tasks) tasks.add(typeof t === "string" ? t : taskKey(t));
    taskClaims.set(id, { units: tasks, at });
  }

  const connectors = place(members, connectorUnits, connectorClaims);
  const tasks = place(members, taskUnits, taskClaims);
  const result = new Map<string, MemberAssignment>();
  for (const id of members) {
    result.set(id, {
      connectors: new Set(connectors.get(id)!.map((u) => u.key)),
      tasks: new Set(tasks.get(id)!.map((u) => u.key)),
    });
  }
  return result;
}

function dedupeTasks(tasks: readonly ConnectorTaskId[]): ConnectorTaskId[] {
  const sorted = [...tasks].sort(compareTaskIds);
  return sorted.filter((t, i) => i === 0 || compareTaskIds(t, sorted[i - 1]) !== 0);
}
