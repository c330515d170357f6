/**
 * The control log as workers use it: append records, read your own writes,
 * watch the folded state change. Implementations: `memory_control_log.ts`
 * (in process, for tests) and `kafka_control_log.ts` (the control topic).
 *
 * @example
 * ```ts
 * import type { ControlLog } from "./control_log.ts";
 * import { encodeControlRecord } from "./records.ts";
 * async function pause(log: ControlLog, name: string) {
 *   const c = log.state().connector(name);
 *   if (!c) throw new Error(`Connector ${name} not found`);
 *   const offset = await log.append([encodeControlRecord({
 *     type: "target-state",
 *     name,
 *     value: { incarnation: c.incarnation, state: "PAUSED" },
 *   })]);
 *   await log.waitForOffset(offset); // now every GET on this worker sees PAUSED
 * }
 * ```
 * @module
 */
import type { ClusterState } from "./cluster_state.ts";
import type { EncodedControlRecord } from "./records.ts";

/**
 * What a change listener receives after a batch of records was folded.
 *
 * @example
 * ```ts
 * import type { ControlChange } from "./control_log.ts";
 * const onChange = (c: ControlChange) => console.log(`folded ${c.keys.length} records up to ${c.offset}`);
 * ```
 */
export interface ControlChange {
  /** The state after the batch (the same live object `state()` returns). */
  readonly state: ClusterState;
  /** Offset of the last record of the batch (= `state.offset`). */
  readonly offset: bigint;
  /** Keys of the batch's records, in offset order (unreadable ones included). */
  readonly keys: readonly string[];
}

/**
 * Listener of folded batches. It runs synchronously after each batch; what it
 * throws is reported, not propagated.
 *
 * @example
 * ```ts
 * import type { ControlChangeListener } from "./control_log.ts";
 * const listener: ControlChangeListener = ({ state }) => console.log(state.liveMembers("source"));
 * ```
 */
export type ControlChangeListener = (change: ControlChange) => void;

/**
 * The control log.
 *
 * @example
 * ```ts
 * import type { ControlLog } from "./control_log.ts";
 * function watch(log: ControlLog, me: string) {
 *   return log.onChange(({ state }) => {
 *     const mine = state.assignmentFor("source", me);
 *     console.log([...mine.connectors], [...mine.tasks]);
 *   });
 * }
 * ```
 */
export interface ControlLog {
  /**
   * Appends records in order, as one batch; resolves with the offset of the
   * last one once the log has them (acks=all). It does not wait for the fold:
   * use `waitForOffset` to read your own write. Rejects with "Cannot append
   * control records: <reason>" (then some of them may have been written).
   */
  append(records: readonly EncodedControlRecord[]): Promise<bigint>;
  /**
   * Resolves once the state has folded `offset` (state.offset >= offset).
   * Rejects when `signal` aborts or the log closes.
   */
  waitForOffset(offset: bigint, signal?: AbortSignal): Promise<void>;
  /** The folded state (a live object: it changes as batches are folded). */
  state(): ClusterState;
  /** Registers a listener of folded batches; returns its removal. */
  onChange(listener: ControlChangeListener): () => void;
  /** Stops reading and writing; pending waits reject. Idempotent. */
  close(): Promise<void>;
}
