/**
 * Writes a bench's figures to `bench/results/<time>.json` (committed, so
 * results can be compared over time): settings, machine, versions, every
 * raw sample, the medians and ratios of the table, and extra details.
 *
 * @example
 * ```ts ignore
 * import { writeResults } from "./results.ts";
 * const path = await writeResults({ options, startedAt, durationS, metrics, summaries, extra, versions });
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import type { BenchOptions } from "./bench_options.ts";
import type { Metric, MetricSummary } from "./metrics.ts";

/**
 * What a results file holds, before the machine details are added.
 *
 * @example
 * ```ts
 * import type { BenchReport } from "./results.ts";
 * const partial: Partial<BenchReport> = { durationS: 600 };
 * ```
 */
export interface BenchReport {
  options: BenchOptions;
  startedAt: Date;
  durationS: number;
  metrics: Metric[];
  summaries: MetricSummary[];
  extra: Record<string, unknown>;
  versions: Record<string, unknown>;
  bootstrapFromEnv: boolean;
  /** `Deno.loadavg()` when the bench started: other work on the machine skews figures. */
  loadAverageAtStart: number[];
}

/**
 * The results file name for a start time: `2026-11-25T04-30-00Z.json`, with
 * `-quick` before `.json` for a quick run.
 *
 * @example
 * ```ts
 * import { resultsFileName } from "./results.ts";
 * console.log(resultsFileName(new Date(Date.UTC(2026, 10, 25, 4, 30)), false)); // "2026-11-25T04-30-00Z.json"
 * ```
 */
export function resultsFileName(startedAt: Date, quick: boolean): string {
  const stamp = startedAt.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  return `${stamp}${quick ? "-quick" : ""}.json`;
}

async function commandText(command: string, args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" })
      .output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    return out.success ? text.trim() : null;
  } catch {
    return null;
  }
}

/** JSON with bigint as strings and Sets as arrays. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Set) return [...value];
  return value;
}

/**
 * Writes the report and returns the file's path (relative to the repo when
 * inside it). Rejects with `Cannot write the bench results: ...`.
 *
 * @example
 * ```ts ignore
 * import { writeResults } from "./results.ts";
 * console.log(await writeResults(report)); // "bench/results/2026-11-25T04-30-00Z.json"
 * ```
 */
export async function writeResults(report: BenchReport): Promise<string> {
  const repo = fileURLToPath(new URL("../", import.meta.url));
  const path = report.options.out ??
    `${repo}bench/results/${resultsFileName(report.startedAt, report.options.quick)}`;
  const memory = Deno.systemMemoryInfo();
  const body = {
    format: 1,
    startedAt: report.startedAt.toISOString(),
    durationS: Math.round(report.durationS),
    options: report.options,
    machine: {
      os: `${Deno.build.os} ${Deno.osRelease()}`,
      arch: Deno.build.arch,
      cores: navigator.hardwareConcurrency,
      memoryGiB: Math.round(memory.total / 2 ** 30),
      loadAverageAtStart: report.loadAverageAtStart,
      loadAverageAtEnd: Deno.loadavg(),
    },
    versions: {
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      java: (await commandText("java", ["-version"]))?.split("\n")[0] ?? null,
      tributaryCommit: await commandText("git", ["-C", repo, "rev-parse", "HEAD"]),
      tributaryDirty: ((await commandText("git", ["-C", repo, "status", "--porcelain"])) ?? "") !==
        "",
      ...report.versions,
    },
    kafka: report.bootstrapFromEnv ? "KAFKA_BOOTSTRAP" : "started by the bench (single node)",
    table: report.summaries,
    samples: Object.fromEntries(report.metrics.map((m) => [m.id, m.samples])),
    extra: report.extra,
  };
  try {
    await Deno.mkdir(new URL("./results/", import.meta.url), { recursive: true });
    await Deno.writeTextFile(path, `${JSON.stringify(body, replacer, 2)}\n`);
  } catch (err) {
    throw new Error(`Cannot write the bench results: ${(err as Error).message}`, { cause: err });
  }
  return path.startsWith(repo) ? path.slice(repo.length) : path;
}
