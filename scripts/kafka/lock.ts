/**
 * Cross-process mutual exclusion on a lock file, with an OS advisory lock
 * (`flock`) so a crashed holder never leaves a stale lock behind: the kernel
 * drops the lock when the holder's process dies. The holder's pid is written
 * into the file only to say who is waiting on whom.
 *
 * @module
 */

import { dirname } from "node:path";
import { cannot } from "./errors.ts";

/**
 * Options of {@link acquireLock}.
 *
 * @example
 * ```ts
 * const options: LockOptions = { timeoutMs: 5_000, action: "stop Kafka", onWait: (pid) => console.error(`waiting for ${pid}`) };
 * const lock = await acquireLock(path, options);
 * ```
 */
export interface LockOptions {
  /** Give up after this long. Default 120 s. */
  timeoutMs?: number;
  /** Called once, when the lock is found held by another process. */
  onWait?: (holderPid: number | undefined) => void;
  /** What the caller is trying to do, for the error message. Default "take the lock". */
  action?: string;
}

/**
 * A held lock; release it when done (a second release does nothing).
 *
 * @example
 * ```ts
 * const lock: Lock = await acquireLock(path);
 * try {
 *   // ...
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export interface Lock {
  /** Path of the lock file. */
  path: string;
  /** Unlocks and closes the file (the file itself stays, harmlessly). */
  release(): Promise<void>;
}

async function holderPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await Deno.readTextFile(path)).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes an exclusive lock on `path` (creating the file and its folder),
 * waiting for another holder up to `timeoutMs`. Rejects with
 * `Cannot <action>: <path> is locked by pid N` when the wait times out.
 *
 * @example
 * ```ts
 * const lock = await acquireLock(".cache/kafka/run/default/.lock", { action: "start Kafka" });
 * try {
 *   // ... only one process at a time gets here ...
 * } finally {
 *   await lock.release();
 * }
 * ```
 */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<Lock> {
  const { timeoutMs = 120_000, onWait, action = "take the lock" } = options;
  await Deno.mkdir(dirname(path), { recursive: true });
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true, write: true, create: true });
  } catch (error) {
    throw cannot(action, `cannot open lock file ${path}`, error);
  }
  const deadline = Date.now() + timeoutMs;
  let told = false;
  try {
    while (!(await file.tryLock(true))) {
      const holder = await holderPid(path);
      if (!told) {
        told = true;
        onWait?.(holder);
      }
      if (Date.now() >= deadline) {
        const who = holder === undefined ? "another process" : `pid ${holder}`;
        throw cannot(action, `${path} is locked by ${who} (waited ${timeoutMs} ms)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await file.truncate(0);
    await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
  } catch (error) {
    file.close();
    throw error;
  }
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      try {
        await file.truncate(0);
        await file.unlock();
      } finally {
        file.close();
      }
    },
  };
}

/**
 * Runs `fn` while holding the lock on `path`, releasing it afterwards.
 *
 * @example
 * ```ts
 * const state = await withLock(lockPath, () => readState(dir), { action: "read the state" });
 * ```
 */
export async function withLock<T>(
  path: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const lock = await acquireLock(path, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
