/**
 * Follows a growing file, as `tail -F` does: reads new bytes from a persistent
 * handle, waits for the file when it is missing, and starts over from byte 0
 * when the file is truncated below the read position or replaced by another
 * file (a new inode at the path, e.g. after log rotation).
 *
 * Waiting uses `Deno.watchFs` on the file's directory only as a wake-up; the
 * truth is always `stat`. A fallback timer (250 ms by default) covers missed
 * events, and an `AbortSignal` ends a wait at once.
 *
 * @example
 * ```ts
 * import { FileTailer } from "./file_tailer.ts";
 * await using tailer = new FileTailer({ path: "/var/log/app.log" });
 * const buf = new Uint8Array(64 * 1024);
 * const stop = AbortSignal.timeout(5_000);
 * while (!stop.aborted) {
 *   const result = await tailer.read(buf);
 *   if (result.kind === "data") console.log(`read ${result.bytes} bytes`);
 *   else if (result.kind === "idle") await tailer.waitForChange(stop);
 * }
 * ```
 * @module
 */
import { basename, dirname, resolve } from "node:path";
import { ConnectError } from "../../connect/errors.ts";

/**
 * Default time after which {@linkcode FileTailer.waitForChange} re-checks without an event.
 *
 * @example
 * ```ts
 * import { DEFAULT_TAIL_FALLBACK_INTERVAL_MS } from "./file_tailer.ts";
 * console.log(DEFAULT_TAIL_FALLBACK_INTERVAL_MS); // 250
 * ```
 */
export const DEFAULT_TAIL_FALLBACK_INTERVAL_MS = 250;

/**
 * Where a tailer reports what happened to its file. `console` fits.
 *
 * @example
 * ```ts
 * import type { TailerLogger } from "./file_tailer.ts";
 * const lines: string[] = [];
 * const logger: TailerLogger = { info: (m) => lines.push(m), warn: (m) => lines.push(m) };
 * ```
 */
export interface TailerLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Options of a {@linkcode FileTailer}.
 *
 * @example
 * ```ts
 * import type { FileTailerOptions } from "./file_tailer.ts";
 * const options: FileTailerOptions = { path: "in.txt", position: 1024, fallbackIntervalMs: 500 };
 * ```
 */
export interface FileTailerOptions {
  /** The file to follow (relative paths resolve against the working directory). */
  readonly path: string;
  /** Byte position to start reading at. Default 0. */
  readonly position?: number;
  /** Longest wait without a watch event before re-checking the file. Default 250 ms. */
  readonly fallbackIntervalMs?: number;
  /** Whether to use `Deno.watchFs` wake-ups (default true); without, only the timer. */
  readonly watch?: boolean;
  /** Where to log missing, appearing, truncated and replaced files. Default `console`. */
  readonly logger?: TailerLogger;
  /**
   * Called right before every open of the path (the first, and after a
   * replacement); throw to refuse it, e.g. when the path now leads outside
   * the allowed directories. The error propagates from `read`.
   */
  readonly checkPath?: (path: string) => void;
}

/**
 * Outcome of {@linkcode FileTailer.read}:
 * - `data`: `bytes` new bytes were read into the buffer;
 * - `idle`: nothing new right now (end of file, or the file is missing);
 * - `reset`: the file was truncated or replaced; reading starts over at byte 0,
 *   so discard any partial data you buffered. Nothing was read.
 *
 * @example
 * ```ts
 * import type { TailReadResult } from "./file_tailer.ts";
 * function describe(r: TailReadResult): string {
 *   return r.kind === "data" ? `${r.bytes} bytes` : r.kind === "reset" ? `reset (${r.reason})` : "idle";
 * }
 * ```
 */
export type TailReadResult =
  | { readonly kind: "data"; readonly bytes: number }
  | { readonly kind: "idle" }
  | { readonly kind: "reset"; readonly reason: "truncated" | "replaced" };

const IDLE: TailReadResult = Object.freeze({ kind: "idle" });
const TRUNCATED: TailReadResult = Object.freeze({ kind: "reset", reason: "truncated" });
const REPLACED: TailReadResult = Object.freeze({ kind: "reset", reason: "replaced" });

/**
 * Follows one file. Not safe for concurrent `read` calls; `waitForChange` may
 * run while no `read` is in flight. Close it (or `await using` it) to release
 * the file handle and the watcher.
 *
 * @example
 * ```ts
 * import { FileTailer } from "./file_tailer.ts";
 * const tailer = new FileTailer({ path: "/tmp/in.txt", position: 0 });
 * try {
 *   const buf = new Uint8Array(1 << 16);
 *   const r = await tailer.read(buf);
 *   if (r.kind === "data") console.log(new TextDecoder().decode(buf.subarray(0, r.bytes)));
 * } finally {
 *   await tailer.close();
 * }
 * ```
 */
export class FileTailer implements AsyncDisposable {
  readonly #path: string;
  readonly #absolute: string;
  readonly #dir: string;
  readonly #name: string;
  readonly #fallbackMs: number;
  readonly #useWatch: boolean;
  readonly #logger: TailerLogger;
  readonly #checkPath: ((path: string) => void) | undefined;

  #file: Deno.FsFile | null = null;
  #ino: number | null = null;
  #position: number;
  #missingLogged = false;
  #removedLogged = false;
  #closed = false;

  #watcher: Deno.FsWatcher | null = null;
  #watchLoop: Promise<void> | null = null;
  #watchFailedLogged = false;
  #dirty = false;
  #wake: (() => void) | null = null;

  /**
   * Creates a tailer; nothing is opened until the first `read`.
   *
   * @example
   * ```ts
   * import { FileTailer } from "./file_tailer.ts";
   * const tailer = new FileTailer({ path: "in.txt", logger: console });
   * await tailer.close();
   * ```
   */
  constructor(options: FileTailerOptions) {
    const position = options.position ?? 0;
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(
        `Cannot create file tailer: position must be a non-negative integer, got ${position}`,
      );
    }
    this.#path = options.path;
    this.#absolute = resolve(options.path);
    this.#dir = dirname(this.#absolute);
    this.#name = basename(this.#absolute);
    this.#fallbackMs = options.fallbackIntervalMs ?? DEFAULT_TAIL_FALLBACK_INTERVAL_MS;
    this.#useWatch = options.watch ?? true;
    this.#logger = options.logger ?? console;
    this.#checkPath = options.checkPath;
    this.#position = position;
  }

  /**
   * Byte position of the next byte `read` returns.
   *
   * @example
   * ```ts
   * import { FileTailer } from "./file_tailer.ts";
   * await using tailer = new FileTailer({ path: "in.txt", position: 7 });
   * console.log(tailer.position); // 7
   * ```
   */
  get position(): number {
    return this.#position;
  }

  /**
   * Reads the bytes available now into `into` (at most its length). Opens the
   * file on first use; at end of file checks whether it was truncated or
   * replaced. Never waits for new data: see {@linkcode FileTailer.waitForChange}.
   *
   * @throws {ConnectError} `Cannot read file ...` when the file exists but cannot be
   *   opened or read (e.g. permissions); the underlying error is the `cause`.
   * @example
   * ```ts
   * import { FileTailer } from "./file_tailer.ts";
   * await using tailer = new FileTailer({ path: "in.txt" });
   * const r = await tailer.read(new Uint8Array(4096));
   * console.log(r.kind);
   * ```
   */
  async read(into: Uint8Array): Promise<TailReadResult> {
    if (this.#closed) {
      throw new ConnectError(`Cannot read file ${this.#path}: the tailer is closed`);
    }
    if (into.length === 0) return IDLE;
    if (this.#file === null) {
      const opened = await this.#open();
      if (opened !== null) return opened;
      if (this.#file === null) return IDLE;
    }
    const file: Deno.FsFile = this.#file;
    const n = await this.#readSome(file, into);
    if (n > 0) return this.#advance(n);
    // End of file: was it truncated below our position, or replaced?
    const size = (await this.#statHandle(file)).size;
    if (size < this.#position) {
      this.#logger.warn(
        `File ${this.#path} was truncated to ${size} bytes, below position ${this.#position}: ` +
          `reading it again from the start`,
      );
      await this.#seek(file, 0);
      this.#position = 0;
      return TRUNCATED;
    }
    const current = await this.#statPath();
    if (current === null) {
      if (!this.#removedLogged) {
        this.#removedLogged = true;
        this.#logger.warn(
          `File ${this.#path} was removed at position ${this.#position}: ` +
            `waiting for a new file at that path`,
        );
      }
      return IDLE;
    }
    this.#removedLogged = false;
    if (this.#ino !== null && current.ino !== null && current.ino !== this.#ino) {
      // Drain what was appended to the old file since the read above.
      const more = await this.#readSome(file, into);
      if (more > 0) return this.#advance(more);
      this.#logger.warn(
        `File ${this.#path} was replaced (inode ${this.#ino} -> ${current.ino}) at position ` +
          `${this.#position}: reading the new file from the start`,
      );
      this.#closeFile();
      this.#position = 0;
      return REPLACED;
    }
    return IDLE;
  }

  /**
   * Waits until the file may have changed: a watch event for it, the fallback
   * interval (or `timeoutMs`) passing, or `signal` aborting — whichever comes
   * first. An event that arrived since the previous wait returns at once.
   *
   * @example
   * ```ts
   * import { FileTailer } from "./file_tailer.ts";
   * await using tailer = new FileTailer({ path: "in.txt" });
   * const controller = new AbortController();
   * setTimeout(() => controller.abort(), 10);
   * await tailer.waitForChange(controller.signal); // returns after ~10 ms at most
   * ```
   */
  waitForChange(signal?: AbortSignal, timeoutMs: number = this.#fallbackMs): Promise<void> {
    if (this.#closed || signal?.aborted) return Promise.resolve();
    if (this.#useWatch) this.#ensureWatcher();
    if (this.#dirty) {
      this.#dirty = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolvePromise) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        if (this.#wake === done) this.#wake = null;
        this.#dirty = false;
        resolvePromise();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      signal?.addEventListener("abort", done, { once: true });
      this.#wake?.();
      this.#wake = done;
    });
  }

  /**
   * Closes the file handle and the watcher, and ends a pending wait. Safe to
   * call twice.
   *
   * @example
   * ```ts
   * import { FileTailer } from "./file_tailer.ts";
   * const tailer = new FileTailer({ path: "in.txt" });
   * await tailer.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeFile();
    this.#wake?.();
    await this.#stopWatcher();
  }

  /**
   * Same as {@linkcode FileTailer.close}, for `await using`.
   *
   * @example
   * ```ts
   * import { FileTailer } from "./file_tailer.ts";
   * { await using _tailer = new FileTailer({ path: "in.txt" }); } // closed here
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #advance(n: number): TailReadResult {
    this.#position += n;
    return { kind: "data", bytes: n };
  }

  /** Opens the file; returns a reset result if the start position is past its end. */
  async #open(): Promise<TailReadResult | null> {
    this.#checkPath?.(this.#path);
    let file: Deno.FsFile;
    try {
      file = await Deno.open(this.#path, { read: true });
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) {
        if (!this.#missingLogged) {
          this.#missingLogged = true;
          this.#logger.warn(`File ${this.#path} does not exist yet: waiting for it to appear`);
        }
        return null;
      }
      throw new ConnectError(`Cannot read file ${this.#path}: opening it failed`, { cause: err });
    }
    let info: Deno.FileInfo;
    try {
      info = await file.stat();
    } catch (err) {
      file.close();
      throw new ConnectError(`Cannot read file ${this.#path}: stat of the open file failed`, {
        cause: err,
      });
    }
    if (!info.isFile) {
      file.close();
      throw new ConnectError(`Cannot read file ${this.#path}: it is not a regular file`);
    }
    if (this.#missingLogged) {
      this.#missingLogged = false;
      this.#logger.info(`File ${this.#path} appeared: reading it`);
    }
    this.#file = file;
    this.#ino = info.ino;
    if (info.size < this.#position) {
      this.#logger.warn(
        `File ${this.#path} has ${info.size} bytes, fewer than the stored position ` +
          `${this.#position}: it was truncated or replaced, reading it from the start`,
      );
      this.#position = 0;
      return TRUNCATED;
    }
    if (this.#position > 0) await this.#seek(file, this.#position);
    return null;
  }

  async #readSome(file: Deno.FsFile, into: Uint8Array): Promise<number> {
    try {
      return (await file.read(into)) ?? 0;
    } catch (err) {
      throw new ConnectError(
        `Cannot read file ${this.#path}: reading at byte ${this.#position} failed`,
        {
          cause: err,
        },
      );
    }
  }

  async #seek(file: Deno.FsFile, position: number): Promise<void> {
    try {
      await file.seek(position, Deno.SeekMode.Start);
    } catch (err) {
      throw new ConnectError(`Cannot read file ${this.#path}: seeking to byte ${position} failed`, {
        cause: err,
      });
    }
  }

  async #statHandle(file: Deno.FsFile): Promise<Deno.FileInfo> {
    try {
      return await file.stat();
    } catch (err) {
      throw new ConnectError(`Cannot read file ${this.#path}: stat of the open file failed`, {
        cause: err,
      });
    }
  }

  /** `stat` of the path (not the handle), or null when it is missing. */
  async #statPath(): Promise<Deno.FileInfo | null> {
    try {
      return await Deno.stat(this.#path);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw new ConnectError(`Cannot read file ${this.#path}: stat failed`, { cause: err });
    }
  }

  #closeFile(): void {
    if (this.#file !== null) {
      try {
        this.#file.close();
      } catch {
        // already closed
      }
      this.#file = null;
      this.#ino = null;
    }
  }

  #ensureWatcher(): void {
    if (this.#watcher !== null || this.#closed) return;
    let watcher: Deno.FsWatcher;
    try {
      watcher = Deno.watchFs(this.#dir, { recursive: false });
    } catch (err) {
      // e.g. the directory does not exist yet: the fallback timer covers it.
      if (!this.#watchFailedLogged) {
        this.#watchFailedLogged = true;
        this.#logger.info(
          `Cannot watch directory ${this.#dir}: ${(err as Error).message}; ` +
            `checking ${this.#path} every ${this.#fallbackMs} ms instead`,
        );
      }
      return;
    }
    this.#watchFailedLogged = false;
    this.#watcher = watcher;
    this.#watchLoop = this.#runWatcher(watcher);
  }

  async #runWatcher(watcher: Deno.FsWatcher): Promise<void> {
    try {
      for await (const event of watcher) {
        if (event.paths.some((p) => basename(p) === this.#name)) {
          this.#dirty = true;
          this.#wake?.();
        }
      }
    } catch {
      // The watch ended (e.g. the directory was removed); re-created on the next wait.
    } finally {
      if (this.#watcher === watcher) {
        this.#watcher = null;
        this.#watchLoop = null;
        try {
          watcher.close();
        } catch {
          // already closed
        }
      }
    }
  }

  async #stopWatcher(): Promise<void> {
    const watcher = this.#watcher;
    const loop = this.#watchLoop;
    this.#watcher = null;
    this.#watchLoop = null;
    if (watcher !== null) {
      try {
        watcher.close();
      } catch {
        // already closed
      }
    }
    if (loop !== null) await loop;
  }
}
