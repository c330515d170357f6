/**
 * A worker process the bench started: its output goes to a log file, its
 * start-up time is measured from spawn to the first `GET /health` 200, its
 * peak memory is read from `/proc`, and `stop()` ends it (SIGTERM, then
 * SIGKILL after a grace period) so nothing outlives the bench.
 *
 * @example
 * ```ts ignore
 * import { spawnManaged } from "./managed_process.ts";
 * const worker = spawnManaged({
 *   name: "tributary-source",
 *   command: Deno.execPath(),
 *   args: ["run", "-A", "services/source-worker/main.ts"],
 *   url: "http://127.0.0.1:18083",
 *   logFile: "/tmp/source.log",
 * });
 * console.log(await worker.waitHealthy(), "ms");
 * console.log((await worker.memory()).peakRssKiB, "KiB");
 * await worker.stop();
 * ```
 * @module
 */
import { type ProcessMemory, readProcessCpuMs, readProcessMemory } from "./process_memory.ts";

/**
 * What to start.
 *
 * @example
 * ```ts
 * import type { ManagedProcessOptions } from "./managed_process.ts";
 * const o: ManagedProcessOptions = {
 *   name: "kcat", command: "kcat", args: ["-V"], url: "", logFile: "/tmp/kcat.log",
 * };
 * ```
 */
export interface ManagedProcessOptions {
  /** For messages. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** REST base URL (for `waitHealthy`). */
  readonly url: string;
  /** Where stdout and stderr go. */
  readonly logFile: string;
  readonly cwd?: string;
  /** Added to the bench's environment. */
  readonly env?: Record<string, string>;
}

/**
 * A started process.
 *
 * @example
 * ```ts ignore
 * import type { ManagedProcess } from "./managed_process.ts";
 * async function restartTime(p: ManagedProcess) { return await p.waitHealthy(30_000); }
 * ```
 */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly logFile: string;
  /** performance.now() just before the spawn. */
  readonly spawnedAt: number;
  /** Milliseconds from spawn until `GET /health` answered 200; rejects on exit or timeout. */
  waitHealthy(timeoutMs?: number): Promise<number>;
  /** Current and peak RSS; rejects once the process has exited. */
  memory(): Promise<ProcessMemory>;
  /** CPU time used so far (all threads), in ms; rejects once the process has exited. */
  cpuMs(): Promise<number>;
  /** Whether it is still running. */
  readonly running: boolean;
  /** SIGTERM, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once; resolves once it has exited. */
  kill(): Promise<void>;
}

/**
 * Starts a process; see the module doc. Throws `Cannot start <name>: ...`
 * when the command cannot be spawned.
 *
 * @example
 * ```ts ignore
 * import { spawnManaged } from "./managed_process.ts";
 * const p = spawnManaged({ name: "x", command: "sleep", args: ["60"], url: "", logFile: "/tmp/x.log" });
 * await p.stop();
 * ```
 */
export function spawnManaged(options: ManagedProcessOptions): ManagedProcess {
  const log = Deno.openSync(options.logFile, { write: true, create: true, append: true });
  const spawnedAt = performance.now();
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(options.command, {
      args: [...options.args],
      cwd: options.cwd,
      env: options.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (err) {
    log.close();
    throw new Error(`Cannot start ${options.name}: ${(err as Error).message}`, { cause: err });
  }
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    try {
      for await (const chunk of stream) log.writeSync(chunk);
    } catch {
      // the process ended
    }
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  let exited = false;
  const status = child.status.then(async (s) => {
    exited = true;
    await drained;
    log.close();
    return s;
  });
  const tail = async () => {
    try {
      const text = await Deno.readTextFile(options.logFile);
      return text.split("\n").slice(-15).join("\n");
    } catch {
      return "";
    }
  };
  const signal = (sig: Deno.Signal) => {
    if (exited) return;
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  };
  return {
    name: options.name,
    pid: child.pid,
    url: options.url,
    logFile: options.logFile,
    spawnedAt,
    get running() {
      return !exited;
    },
    async waitHealthy(timeoutMs = 60_000) {
      const deadline = spawnedAt + timeoutMs;
      while (performance.now() < deadline) {
        if (exited) {
          throw new Error(
            `Cannot start ${options.name}: it exited (see ${options.logFile}):\n${await tail()}`,
          );
        }
        try {
          const res = await fetch(`${options.url}/health`, { signal: AbortSignal.timeout(1000) });
          await res.body?.cancel();
          if (res.status === 200) return performance.now() - spawnedAt;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(
        `Cannot start ${options.name}: /health was not 200 after ${timeoutMs} ms ` +
          `(see ${options.logFile}):\n${await tail()}`,
      );
    },
    memory: () => readProcessMemory(child.pid),
    cpuMs: () => readProcessCpuMs(child.pid),
    async stop(graceMs = 15_000) {
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      try {
        await status;
      } finally {
        clearTimeout(timer);
      }
    },
    async kill() {
      signal("SIGKILL");
      await status;
    },
  };
}
