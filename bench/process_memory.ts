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
