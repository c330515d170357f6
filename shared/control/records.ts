/**
 * The control topic's records: keys, versioned JSON values (`{"v":1,...}`),
 * and their encoding. Every worker writes and reads these; the fold
 * (`cluster_state.ts`) turns them into the cluster's state.
 *
 * Keys are `<type>/<name>[/<task>]` or `member/<kind>/<id>`, where names and
 * ids are escaped by {@linkcode encodeName} (`%` → `%25`, `/` → `%2F`,
 * control characters → `%XX`), so `connector/a%2Fb` is the connector `a/b`
 * and a key never has two readings. Values are UTF-8 JSON objects with a
 * version `v`; a `null` value (tombstone) deletes the key.
 *
 * @example
 * ```ts
 * import { decodeControlRecord, encodeControlRecord } from "./records.ts";
 * const { key, value } = encodeControlRecord({
 *   type: "target-state",
 *   name: "files/in",
 *   value: { incarnation: "c1", state: "PAUSED" },
 * });
 * console.log(key); // "target-state/files%2Fin"
 * console.log(decodeControlRecord(key, value).type); // "target-state"
 * ```
 * @module
 */
import { createHash } from "node:crypto";
import type { WorkerKind } from "../config/worker_config.ts";
import type { ConnectorConfig, ConnectorTaskId, State, TargetState } from "../runtime/herder.ts";

export type { WorkerKind };

/**
 * The value version this code writes and the newest it reads.
 *
 * @example
 * ```ts
 * import { CONTROL_RECORD_VERSION } from "./records.ts";
 * console.log(CONTROL_RECORD_VERSION); // 1
 * ```
 */
export const CONTROL_RECORD_VERSION = 1;

/**
 * Why a control record could not be read.
 *
 * @example
 * ```ts
 * import type { ControlRecordProblem } from "./records.ts";
 * const problem: ControlRecordProblem = "unsupported-version";
 * ```
 */
export type ControlRecordProblem =
  | "unknown-key"
  | "malformed-key"
  | "malformed-value"
  | "unsupported-version";

/**
 * A control record that cannot be encoded or decoded.
 *
 * @example
 * ```ts
 * import { ControlRecordError, decodeControlRecord } from "./records.ts";
 * try {
 *   decodeControlRecord("connector/x", new TextEncoder().encode('{"v":9}'));
 * } catch (error) {
 *   if (error instanceof ControlRecordError) console.log(error.problem); // "unsupported-version"
 * }
 * ```
 */
export class ControlRecordError extends Error {
  /** What kind of problem it is. */
  readonly problem: ControlRecordProblem;
  /** The record key concerned (as written). */
  readonly key: string;

  /** Creates the error; `action` completes "Cannot ...". */
  constructor(
    action: string,
    key: string,
    problem: ControlRecordProblem,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot ${action}: ${reason}`, options);
    this.name = "ControlRecordError";
    this.problem = problem;
    this.key = key;
  }
}

// ---------------------------------------------------------------------------
// Names

/**
 * Escapes a connector name or member id for use in a key: `%`, `/` and
 * control characters (U+0000–U+001F, U+007F) become `%XX`; everything else
 * stays as it is. Throws on an empty name or one with lone surrogates (which
 * UTF-8 cannot carry).
 *
 * @example
 * ```ts
 * import { encodeName } from "./records.ts";
 * console.log(encodeName("a/b%c")); // "a%2Fb%25c"
 * ```
 */
export function encodeName(name: string): string {
  if (name.length === 0) {
    throw new ControlRecordError(
      "encode a control key",
      "",
      "malformed-key",
      "the name is empty",
    );
  }
  if (!name.isWellFormed()) {
    throw new ControlRecordError(
      "encode a control key",
      name,
      "malformed-key",
      `the name ${JSON.stringify(name)} contains a lone surrogate`,
    );
  }
  let out = "";
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (ch === "%" || ch === "/" || code < 0x20 || code === 0x7f) {
      out += "%" + code.toString(16).toUpperCase().padStart(2, "0");
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Reverses {@linkcode encodeName}. Accepts only the canonical form (what
 * `encodeName` produces), so each name has exactly one key.
 *
 * @example
 * ```ts
 * import { decodeName } from "./records.ts";
 * console.log(decodeName("a%2Fb")); // "a/b"
 * ```
 */
export function decodeName(encoded: string): string {
  const fail = (reason: string): never => {
    throw new ControlRecordError("decode a control key name", encoded, "malformed-key", reason);
  };
  if (encoded.length === 0) fail("the name is empty");
  if (encoded.includes("/")) fail(`${JSON.stringify(encoded)} contains an unescaped "/"`);
  const decoded = encoded.replace(/%([0-9A-F]{2})|%/g, (match, hex?: string) => {
    if (hex === undefined) fail(`${JSON.stringify(encoded)} has a "%" without two hex digits`);
    return match.length === 3 ? String.fromCharCode(parseInt(hex!, 16)) : match;
  });
  if (encodeName(decoded) !== encoded) {
    fail(`${JSON.stringify(encoded)} is not in canonical form`);
  }
  return decoded;
}

// ---------------------------------------------------------------------------
// Values

/**
 * `connector/<name>`: a connector's config, resolved type and class.
 * `incarnation` identifies this connector's life from creation to deletion:
 * a create writes a new one (e.g. `crypto.randomUUID()`), an update keeps the
 * current one. Records of other kinds name the incarnation they belong to,
 * so a deleted and re-created connector inherits nothing.
 *
 * @example
 * ```ts
 * import type { ConnectorValue } from "./records.ts";
 * const v: ConnectorValue = {
 *   incarnation: "2b1e…",
 *   type: "source",
 *   class: "FileStreamSource",
 *   config: { "connector.class": "FileStreamSource", file: "/tmp/in", topic: "t" },
 * };
 * ```
 */
export interface ConnectorValue {
  readonly incarnation: string;
  readonly type: WorkerKind;
  readonly class: string;
  readonly config: Readonly<ConnectorConfig>;
}

/**
 * `target-state/<name>`: the state the user asked for.
 *
 * @example
 * ```ts
 * import type { TargetStateValue } from "./records.ts";
 * const v: TargetStateValue = { incarnation: "c1", state: "STOPPED" };
 * ```
 */
export interface TargetStateValue {
  readonly incarnation: string;
  readonly state: TargetState;
}

/**
 * `tasks/<name>`: the task configs the connector generated, written by the
 * worker running the connector. `generation` counts task-config sets of one
 * incarnation (1, 2, ...); `configHash` is {@linkcode configHash} of the
 * connector config they were generated from.
 *
 * @example
 * ```ts
 * import { configHash, type TasksValue } from "./records.ts";
 * const config = { "connector.class": "FileStreamSource", topic: "t" };
 * const v: TasksValue = {
 *   incarnation: "c1",
 *   generation: 1,
 *   configHash: configHash(config),
 *   configs: [{ "task.class": "FileStreamSourceTask", topic: "t" }],
 * };
 * ```
 */
export interface TasksValue {
  readonly incarnation: string;
  readonly generation: number;
  readonly configHash: string;
  readonly configs: readonly Readonly<ConnectorConfig>[];
}

/**
 * Work named in a heartbeat: connector names and task ids.
 *
 * @example
 * ```ts
 * import type { WorkSet } from "./records.ts";
 * const w: WorkSet = { connectors: ["fs"], tasks: [{ connector: "fs", task: 0 }] };
 * ```
 */
export interface WorkSet {
  readonly connectors: readonly string[];
  readonly tasks: readonly ConnectorTaskId[];
}

/**
 * `member/<kind>/<id>`: a worker's heartbeat (its lease).
 *
 * - `sessionTimeoutMs`: the lease length; the member is live while the log's
 *   clock is at most `timestamp + sessionTimeoutMs`. Carried in the record so
 *   every reader applies the same timeout whatever its own config says.
 * - `assigned`/`assignedAt`: the member's part of the assignment it computed
 *   from the state at offset `assignedAt`. The assignment uses these claims as
 *   "previous" for stickiness (see `assignment.ts`).
 * - `running`: what the member actually still runs (assigned or still
 *   stopping); a new owner waits until no other live member runs a unit.
 *
 * @example
 * ```ts
 * import type { MemberValue } from "./records.ts";
 * const v: MemberValue = {
 *   kind: "source",
 *   url: "http://10.0.0.5:8083",
 *   startedAt: 1_700_000_000_000,
 *   incarnation: "w-7f3a",
 *   sessionTimeoutMs: 10_000,
 *   assigned: { connectors: ["fs"], tasks: [] },
 *   assignedAt: 41n,
 *   running: { connectors: ["fs"], tasks: [] },
 * };
 * ```
 */
export interface MemberValue {
  readonly kind: WorkerKind;
  readonly url: string;
  readonly startedAt: number;
  readonly incarnation: string;
  readonly sessionTimeoutMs: number;
  readonly assigned: WorkSet;
  readonly assignedAt: bigint;
  readonly running: WorkSet;
}

/**
 * `restart/<name>` (connector, per KIP-745 options) or `restart/<name>/<task>`
 * (one task): a restart request. The owner restarts what it runs if the
 * request's offset is newer than the offset at which it started that unit.
 *
 * @example
 * ```ts
 * import type { RestartValue } from "./records.ts";
 * const v: RestartValue = {
 *   incarnation: "c1",
 *   requestId: crypto.randomUUID(),
 *   includeTasks: true,
 *   onlyFailed: false,
 * };
 * ```
 */
export interface RestartValue {
  readonly incarnation: string;
  readonly requestId: string;
  readonly includeTasks: boolean;
  readonly onlyFailed: boolean;
}

/**
 * `status/<name>` and `status/<name>/<task>`: what the worker running it
 * reports. `workerId` is the member id of that worker; `generation` is the
 * task-config generation it runs (0 for a connector).
 *
 * @example
 * ```ts
 * import type { StatusValue } from "./records.ts";
 * const v: StatusValue = {
 *   incarnation: "c1",
 *   state: "FAILED",
 *   workerId: "10.0.0.5:8083",
 *   trace: "Error: boom\n    at poll (...)",
 *   generation: 3,
 * };
 * ```
 */
export interface StatusValue {
  readonly incarnation: string;
  readonly state: State;
  readonly workerId: string;
  readonly trace?: string;
  readonly generation: number;
}

/**
 * A decoded control record: its key's parts and its value (null = tombstone).
 *
 * @example
 * ```ts
 * import type { ControlRecord } from "./records.ts";
 * const leave: ControlRecord = { type: "member", kind: "sink", id: "h:8084", value: null };
 * ```
 */
export type ControlRecord =
  | { readonly type: "connector"; readonly name: string; readonly value: ConnectorValue | null }
  | {
    readonly type: "target-state";
    readonly name: string;
    readonly value: TargetStateValue | null;
  }
  | { readonly type: "tasks"; readonly name: string; readonly value: TasksValue | null }
  | {
    readonly type: "member";
    readonly kind: WorkerKind;
    readonly id: string;
    readonly value: MemberValue | null;
  }
  | {
    readonly type: "restart";
    readonly name: string;
    readonly task?: number;
    readonly value: RestartValue | null;
  }
  | {
    readonly type: "status";
    readonly name: string;
    readonly task?: number;
    readonly value: StatusValue | null;
  };

/**
 * The key-identifying part of a control record.
 *
 * @example
 * ```ts
 * import type { ControlKey } from "./records.ts";
 * const k: ControlKey = { type: "status", name: "fs", task: 0 };
 * ```
 */
export type ControlKey = ControlRecord extends infer R
  ? R extends ControlRecord ? Omit<R, "value"> : never
  : never;

/**
 * A record as appended to the control log.
 *
 * @example
 * ```ts
 * import type { EncodedControlRecord } from "./records.ts";
 * const tombstone: EncodedControlRecord = { key: "connector/fs", value: null };
 * ```
 */
export interface EncodedControlRecord {
  readonly key: string;
  readonly value: Uint8Array | null;
}

// ---------------------------------------------------------------------------
// Keys

/**
 * The key string of a control record.
 *
 * @example
 * ```ts
 * import { controlKey } from "./records.ts";
 * console.log(controlKey({ type: "status", name: "a/b", task: 2 })); // "status/a%2Fb/2"
 * console.log(controlKey({ type: "member", kind: "sink", id: "h:8084" })); // "member/sink/h:8084"
 * ```
 */
export function controlKey(key: ControlKey): string {
  switch (key.type) {
    case "member":
      return `member/${key.kind}/${encodeName(key.id)}`;
    case "restart":
    case "status":
      return key.task === undefined
        ? `${key.type}/${encodeName(key.name)}`
        : `${key.type}/${encodeName(key.name)}/${checkTask(key.task, key.type)}`;
    default:
      return `${key.type}/${encodeName(key.name)}`;
  }
}

function checkTask(task: number, type: string): number {
  if (!Number.isSafeInteger(task) || task < 0) {
    throw new ControlRecordError(
      `encode a ${type} key`,
      "",
      "malformed-key",
      `task ${task} is not a non-negative integer`,
    );
  }
  return task;
}

/**
 * Parses a key string. Throws {@linkcode ControlRecordError} with problem
 * `unknown-key` for a key of no known type, `malformed-key` for a known type
 * with a bad shape.
 *
 * @example
 * ```ts
 * import { parseControlKey } from "./records.ts";
 * console.log(parseControlKey("tasks/a%2Fb")); // { type: "tasks", name: "a/b" }
 * ```
 */
export function parseControlKey(key: string): ControlKey {
  const parts = key.split("/");
  const bad = (reason: string): never => {
    throw new ControlRecordError(
      `parse control key ${JSON.stringify(key)}`,
      key,
      "malformed-key",
      reason,
    );
  };
  const name = (encoded: string): string => {
    try {
      return decodeName(encoded);
    } catch (error) {
      throw new ControlRecordError(
        `parse control key ${JSON.stringify(key)}`,
        key,
        "malformed-key",
        (error as Error).message,
        { cause: error },
      );
    }
  };
  const type = parts[0];
  switch (type) {
    case "connector":
    case "target-state":
    case "tasks":
      if (parts.length !== 2) bad(`expected "${type}/<name>"`);
      return { type, name: name(parts[1]) };
    case "restart":
    case "status": {
      if (parts.length !== 2 && parts.length !== 3) bad(`expected "${type}/<name>[/<task>]"`);
      const n = name(parts[1]);
      if (parts.length === 2) return { type, name: n };
      if (!/^(0|[1-9][0-9]{0,14})$/.test(parts[2])) bad(`task "${parts[2]}" is not a task number`);
      return { type, name: n, task: Number(parts[2]) };
    }
    case "member": {
      if (parts.length !== 3) bad(`expected "member/<kind>/<id>"`);
      const kind = parts[1];
      if (kind !== "source" && kind !== "sink") bad(`unknown member kind "${kind}"`);
      return { type, kind: kind as WorkerKind, id: name(parts[2]) };
    }
    default:
      throw new ControlRecordError(
        `parse control key ${JSON.stringify(key)}`,
        key,
        "unknown-key",
        "no control record type has this key",
      );
  }
}

// ---------------------------------------------------------------------------
// Encoding

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function workSetJson(w: WorkSet): unknown {
  return {
    connectors: [...w.connectors],
    tasks: w.tasks.map((t) => ({ connector: t.connector, task: t.task })),
  };
}

function valueJson(record: ControlRecord): Record<string, unknown> {
  const v = record.value!;
  switch (record.type) {
    case "connector": {
      const c = v as ConnectorValue;
      return { incarnation: c.incarnation, type: c.type, class: c.class, config: { ...c.config } };
    }
    case "target-state": {
      const t = v as TargetStateValue;
      return { incarnation: t.incarnation, state: t.state };
    }
    case "tasks": {
      const t = v as TasksValue;
      return {
        incarnation: t.incarnation,
        generation: t.generation,
        configHash: t.configHash,
        configs: t.configs.map((c) => ({ ...c })),
      };
    }
    case "member": {
      const m = v as MemberValue;
      return {
        kind: m.kind,
        url: m.url,
        startedAt: m.startedAt,
        incarnation: m.incarnation,
        sessionTimeoutMs: m.sessionTimeoutMs,
        assigned: workSetJson(m.assigned),
        assignedAt: m.assignedAt.toString(),
        running: workSetJson(m.running),
      };
    }
    case "restart": {
      const r = v as RestartValue;
      return {
        incarnation: r.incarnation,
        requestId: r.requestId,
        includeTasks: r.includeTasks,
        onlyFailed: r.onlyFailed,
      };
    }
    case "status": {
      const s = v as StatusValue;
      const out: Record<string, unknown> = {
        incarnation: s.incarnation,
        state: s.state,
        workerId: s.workerId,
        generation: s.generation,
      };
      if (s.trace !== undefined && s.trace !== "") out.trace = s.trace;
      return out;
    }
  }
}

/**
 * Encodes a record for appending: its key, and its value as
 * `{"v":1,...}` JSON in UTF-8 (null for a tombstone). The value is checked
 * as a reader would check it, so nothing unreadable is ever written.
 *
 * @example
 * ```ts
 * import { encodeControlRecord } from "./records.ts";
 * const r = encodeControlRecord({ type: "connector", name: "fs", value: null });
 * console.log(r); // { key: "connector/fs", value: null }
 * ```
 */
export function encodeControlRecord(record: ControlRecord): EncodedControlRecord {
  const key = controlKey(record);
  if (record.value === null) return { key, value: null };
  const value = encoder.encode(JSON.stringify({ v: CONTROL_RECORD_VERSION, ...valueJson(record) }));
  try {
    decodeControlRecord(key, value);
  } catch (error) {
    throw new ControlRecordError(
      `encode control record ${key}`,
      key,
      (error as ControlRecordError).problem ?? "malformed-value",
      (error as Error).message,
      { cause: error },
    );
  }
  return { key, value };
}

// ---------------------------------------------------------------------------
// Decoding

type Json = Record<string, unknown>;

class ValueReader {
  constructor(readonly key: string, readonly obj: Json) {}

  fail(reason: string): never {
    throw new ControlRecordError(
      `decode control record ${this.key}`,
      this.key,
      "malformed-value",
      reason,
    );
  }

  string(field: string, options: { optional?: boolean; nonEmpty?: boolean } = {}): string {
    const v = this.obj[field];
    if (v === undefined && options.optional) return "";
    if (typeof v !== "string") this.fail(`"${field}" is not a string`);
    if (options.nonEmpty && v === "") this.fail(`"${field}" is empty`);
    return v as string;
  }

  integer(field: string, min: number): number {
    const v = this.obj[field];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
      this.fail(`"${field}" is not an integer >= ${min}`);
    }
    return v as number;
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.obj[field];
    if (v === undefined) return fallback;
    if (typeof v !== "boolean") this.fail(`"${field}" is not a boolean`);
    return v as boolean;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.string(field);
    if (!(allowed as readonly string[]).includes(v)) {
      this.fail(`"${field}" is ${JSON.stringify(v)}, not one of ${allowed.join(", ")}`);
    }
    return v as T;
  }

  stringMap(value: unknown, what: string): Readonly<ConnectorConfig> {
    if (!isObject(value)) this.fail(`${what} is not an object`);
    const out: ConnectorConfig = {};
    for (const [k, v] of Object.entries(value as Json)) {
      if (typeof v !== "string") this.fail(`${what} has a non-string value for "${k}"`);
      out[k] = v as string;
    }
    return Object.freeze(out);
  }

  workSet(field: string, optional: boolean): WorkSet {
    const v = this.obj[field];
    if (v === undefined && optional) return EMPTY_WORK;
    if (!isObject(v)) this.fail(`"${field}" is not an object`);
    const w = v as Json;
    const connectors = w.connectors ?? [];
    const tasks = w.tasks ?? [];
    if (!Array.isArray(connectors) || !connectors.every((c) => typeof c === "string")) {
      this.fail(`"${field}.connectors" is not a list of names`);
    }
    if (!Array.isArray(tasks)) this.fail(`"${field}.tasks" is not a list`);
    const ids = (tasks as unknown[]).map((t) => {
      if (
        !isObject(t) || typeof t.connector !== "string" || typeof t.task !== "number" ||
        !Number.isSafeInteger(t.task) || t.task < 0
      ) {
        return this.fail(`"${field}.tasks" has an entry that is not {connector, task}`);
      }
      return Object.freeze({ connector: t.connector, task: t.task });
    });
    return Object.freeze({
      connectors: Object.freeze([...(connectors as string[])]),
      tasks: Object.freeze(ids),
    });
  }
}

const EMPTY_WORK: WorkSet = Object.freeze({
  connectors: Object.freeze([]),
  tasks: Object.freeze([]),
});

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const STATES: readonly State[] = [
  "UNASSIGNED",
  "RUNNING",
  "PAUSED",
  "FAILED",
  "RESTARTING",
  "STOPPED",
];
const TARGET_STATES: readonly TargetState[] = ["RUNNING", "PAUSED", "STOPPED"];
const KINDS: readonly WorkerKind[] = ["source", "sink"];

/**
 * Decodes a record read from the control topic. Throws
 * {@linkcode ControlRecordError}: `unknown-key`/`malformed-key` for a bad
 * key, `malformed-value` for a value that is not a valid `v:1` value (fields
 * this version does not know are ignored), `unsupported-version` for a value
 * with a newer `v`.
 *
 * @example
 * ```ts
 * import { decodeControlRecord } from "./records.ts";
 * const bytes = new TextEncoder().encode('{"v":1,"incarnation":"c1","state":"PAUSED"}');
 * const r = decodeControlRecord("target-state/fs", bytes);
 * if (r.type === "target-state") console.log(r.value?.state); // "PAUSED"
 * ```
 */
export function decodeControlRecord(key: string, value: Uint8Array | null): ControlRecord {
  const k = parseControlKey(key);
  if (value === null) return { ...k, value: null } as ControlRecord;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(value));
  } catch (error) {
    throw new ControlRecordError(
      `decode control record ${key}`,
      key,
      "malformed-value",
      `the value is not UTF-8 JSON (${(error as Error).message})`,
      { cause: error },
    );
  }
  if (!isObject(parsed)) {
    throw new ControlRecordError(
      `decode control record ${key}`,
      key,
      "malformed-value",
      "the value is not a JSON object",
    );
  }
  const v = parsed.v;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1) {
    throw new ControlRecordError(
      `decode control record ${key}`,
      key,
      "malformed-value",
      `the value has no version "v" (got ${JSON.stringify(v)})`,
    );
  }
  if (v > CONTROL_RECORD_VERSION) {
    throw new ControlRecordError(
      `decode control record ${key}`,
      key,
      "unsupported-version",
      `version ${v} is newer than ${CONTROL_RECORD_VERSION}, the newest this worker reads`,
    );
  }
  const r = new ValueReader(key, parsed);
  switch (k.type) {
    case "connector":
      return {
        ...k,
        value: Object.freeze({
          incarnation: r.string("incarnation", { nonEmpty: true }),
          type: r.oneOf("type", KINDS),
          class: r.string("class", { nonEmpty: true }),
          config: r.stringMap(parsed.config, `"config"`),
        }),
      };
    case "target-state":
      return {
        ...k,
        value: Object.freeze({
          incarnation: r.string("incarnation", { nonEmpty: true }),
          state: r.oneOf("state", TARGET_STATES),
        }),
      };
    case "tasks": {
      const configs = parsed.configs;
      if (!Array.isArray(configs)) r.fail(`"configs" is not a list`);
      return {
        ...k,
        value: Object.freeze({
          incarnation: r.string("incarnation", { nonEmpty: true }),
          generation: r.integer("generation", 0),
          configHash: r.string("configHash"),
          configs: Object.freeze(
            (configs as unknown[]).map((c, i) => r.stringMap(c, `"configs[${i}]"`)),
          ),
        }),
      };
    }
    case "member": {
      const kind = r.oneOf("kind", KINDS);
      if (kind !== k.kind) r.fail(`"kind" is "${kind}" but the key says "${k.kind}"`);
      const at = r.string("assignedAt");
      if (!/^(0|-1|[1-9][0-9]*)$/.test(at)) r.fail(`"assignedAt" is not an offset`);
      return {
        ...k,
        value: Object.freeze({
          kind,
          url: r.string("url"),
          startedAt: r.integer("startedAt", 0),
          incarnation: r.string("incarnation", { nonEmpty: true }),
          sessionTimeoutMs: r.integer("sessionTimeoutMs", 1),
          assigned: r.workSet("assigned", false),
          assignedAt: BigInt(at),
          running: r.workSet("running", true),
        }),
      };
    }
    case "restart":
      return {
        ...k,
        value: Object.freeze({
          incarnation: r.string("incarnation", { nonEmpty: true }),
          requestId: r.string("requestId", { nonEmpty: true }),
          includeTasks: r.boolean("includeTasks", false),
          onlyFailed: r.boolean("onlyFailed", false),
        }),
      };
    case "status": {
      const trace = r.string("trace", { optional: true });
      const status: StatusValue = {
        incarnation: r.string("incarnation", { nonEmpty: true }),
        state: r.oneOf("state", STATES),
        workerId: r.string("workerId"),
        generation: r.integer("generation", 0),
        ...(trace === "" ? {} : { trace }),
      };
      return { ...k, value: Object.freeze(status) };
    }
  }
}

// ---------------------------------------------------------------------------
// Hashing

/**
 * A stable hash of a config map (SHA-256 hex of its entries sorted by key), to
 * tell whether task configs were generated from the current connector config.
 *
 * @example
 * ```ts
 * import { configHash } from "./records.ts";
 * console.log(configHash({ b: "2", a: "1" }) === configHash({ a: "1", b: "2" })); // true
 * ```
 */
export function configHash(config: Readonly<ConnectorConfig>): string {
  const entries = Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(entries)).digest("hex");
}
