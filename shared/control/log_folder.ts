/**
 * The reading half every `ControlLog` implementation shares: fold delivered
 * batches into a `ClusterState`, tell listeners, and release
 * `waitForOffset` callers.
 *
 * @example
 * ```ts
 * import { ClusterState } from "./cluster_state.ts";
 * import { LogFolder } from "./log_folder.ts";
 * const folder = new LogFolder(new ClusterState());
 * const done = folder.waitForOffset(0n);
 * folder.deliver([{ offset: 0n, timestamp: 1, key: "connector/fs", value: null }]);
 * await done;
 * folder.close();
 * ```
 * @module
 */
import type { ClusterState, LogRecord } from "./cluster_state.ts";
import type { ControlChangeListener } from "./control_log.ts";

interface Waiter {
  readonly offset: bigint;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly cleanup: () => void;
}

/**
 * Folds batches and notifies. Not a `ControlLog` itself: implementations
 * own one and feed it what they read.
 *
 * @example
 * ```ts
 * import { ClusterState } from "./cluster_state.ts";
 * import { LogFolder } from "./log_folder.ts";
 * const folder = new LogFolder(new ClusterState(), (e) => console.error(e.message));
 * const off = folder.onChange(({ offset }) => console.log("folded up to", offset));
 * off();
 * folder.close();
 * ```
 */
export class LogFolder {
  readonly state: ClusterState;
  readonly #onError: (error: Error) => void;
  readonly #listeners = new Set<ControlChangeListener>();
  #waiters: Waiter[] = [];
  #closed: Error | undefined;

  /**
   * @param state the state to fold into
   * @param onError receives what listeners throw (default: `console.error`)
   */
  constructor(state: ClusterState, onError?: (error: Error) => void) {
    this.state = state;
    this.#onError = onError ?? ((e) => console.error(e));
  }

  /** True once `close` was called. */
  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /**
   * Folds a batch (records at or below the state's offset are skipped), then
   * calls every listener once if anything was folded, then releases waiters.
   */
  deliver(records: readonly LogRecord[]): void {
    if (this.#closed) return;
    const keys: string[] = [];
    for (const r of records) if (this.state.apply(r)) keys.push(r.key);
    if (keys.length === 0) return;
    const change = Object.freeze({ state: this.state, offset: this.state.offset, keys });
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.#onError(
          new Error(`Cannot notify a control log listener: ${(error as Error)?.message ?? error}`, {
            cause: error,
          }),
        );
      }
    }
    const reached = this.#waiters.filter((w) => w.offset <= this.state.offset);
    this.#waiters = this.#waiters.filter((w) => w.offset > this.state.offset);
    for (const w of reached) {
      w.cleanup();
      w.resolve();
    }
  }

  /** See `ControlLog.waitForOffset`. */
  waitForOffset(offset: bigint, signal?: AbortSignal): Promise<void> {
    if (this.#closed) return Promise.reject(this.#waitError(offset, this.#closed));
    if (this.state.offset >= offset) return Promise.resolve();
    if (signal?.aborted) {
      return Promise.reject(this.#waitError(offset, abortReason(signal)));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(this.#waitError(offset, abortReason(signal!)));
      };
      const waiter: Waiter = {
        offset,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** See `ControlLog.onChange`. */
  onChange(listener: ControlChangeListener): () => void {
    const wrapped: ControlChangeListener = (change) => listener(change);
    this.#listeners.add(wrapped);
    return () => {
      this.#listeners.delete(wrapped);
    };
  }

  /** Rejects pending waits with `reason` (default: "the control log is closed"). */
  close(reason?: Error): void {
    if (this.#closed) return;
    this.#closed = reason ?? new Error("the control log is closed");
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) {
      w.cleanup();
      w.reject(this.#waitError(w.offset, this.#closed));
    }
    this.#listeners.clear();
  }

  #waitError(offset: bigint, cause: Error): Error {
    return new Error(`Cannot wait for control offset ${offset}: ${cause.message}`, { cause });
  }
}

function abortReason(signal: AbortSignal): Error {
  const r = signal.reason;
  return r instanceof Error ? r : new Error(r === undefined ? "aborted" : String(r));
}
