/**
 * Memory of a running process from Linux's `/proc/<pid>/status`: `VmHWM` is
 * the peak resident set size since the process started, `VmRSS` the current
 * one.
 *
 * @example
 * ```ts ignore
 * import { readProcessMemory } from "./process_memory.ts";
 * const { peakRssKiB } = await readProcessMemory(Deno.pid);
 * console.log(`${(peakRssKiB / 1024).toFixed(1)} MiB`);
 * ```
 * @module
 */

/**
 * Resident memory of a process, in KiB.
 *
 * @example
 * ```ts
 * import type { ProcessMemory } from "./process_memory.ts";
 * const m: ProcessMemory = { peakRssKiB: 90_000, rssKiB: 80_000 };
 * ```
 */
export interface ProcessMemory {
  readonly peakRssKiB: number;
  readonly rssKiB: number;
}

/**
 * Parses the text of `/proc/<pid>/status`. Throws when `VmHWM` or `VmRSS`
 * is missing.
 *
 * @example
 * ```ts
 * import { parseProcStatus } from "./process_memory.ts";
 * console.log(parseProcStatus("Name:\tdeno\nVmHWM:\t  2048 kB\nVmRSS:\t  1024 kB\n"));
 * // { peakRssKiB: 2048, rssKiB: 1024 }
 * ```
 */
export function parseProcStatus(text: string): ProcessMemory {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(text);
    if (!match) throw new Error(`Cannot read process memory: no ${name} line in its status`);
    return Number(match[1]);
  };
  return { peakRssKiB: field("VmHWM"), rssKiB: field("VmRSS") };
}

/**
 * Reads a live process's memory. Rejects with `Cannot read the memory of
 * process <pid>: ...` when it has exited (or this is not Linux).
 *
 * @example
 * ```ts ignore
 * import { readProcessMemory } from "./process_memory.ts";
 * console.log((await readProcessMemory(Deno.pid)).rssKiB > 0); // true
 * ```
 */
export async function readProcessMemory(pid: number): Promise<ProcessMemory> {
  let text: string;
  try {
    text = await Deno.readTextFile(`/proc/${pid}/status`);
  } catch (err) {
    throw new Error(`Cannot read the memory of process ${pid}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return parseProcStatus(text);
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms,
 * from the `utime` and `stime` fields of `/proc/<pid>/stat` (clock ticks of
 * 10 ms). Differences between two readings give the CPU a run cost, which
 * varies much less than its wall-clock rate on a shared machine.
 *
 * @example
 * ```ts
 * import { parseProcStatCpuMs } from "./process_memory.ts";
 * const stat = "42 (deno worker) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0";
 * console.log(parseProcStatCpuMs(stat)); // 1750
 * ```
 */
export function parseProcStatCpuMs(stat: string): number {
  // The command name may hold spaces and parentheses: fields start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) {
    throw new Error(`Cannot read CPU time: unexpected /proc stat line ${JSON.stringify(stat)}`);
  }
  return ticks * 10;
}

/**
 * CPU time used so far by process `pid`, in ms (see
 * {@linkcode parseProcStatCpuMs}).
 *
 * @example
 * ```ts ignore
 * import { readProcessCpuMs } from "./process_memory.ts";
 * console.log(await readProcessCpuMs(Deno.pid));
 * ```
 */
export async function readProcessCpuMs(pid: number): Promise<number> {
  return parseProcStatCpuMs(await Deno.readTextFile(`/proc/${pid}/stat`));
}
