/**
 * The bench's settings from its command line and environment: the full run
 * by default, a shorter one with `--quick` (or `BENCH_QUICK=1`), and single
 * knobs for development.
 *
 * | flag / env                                   | full      | `--quick` |
 * | -------------------------------------------- | --------- | --------- |
 * | `--runs N` / `BENCH_RUNS`                    | 3         | 1         |
 * | `--lines N` / `BENCH_LINES`                  | 1,000,000 | 100,000   |
 * | `--large-lines N` / `BENCH_LARGE_LINES`      | 1,000,000 | 50,000    |
 * | `--latency-seconds S` / `BENCH_LATENCY_SECONDS` | 30     | 5         |
 * | `--only a,b` / `BENCH_ONLY` (source, sink, latency, startup, failover) | all | all |
 * | `--skip connect,kcat` / `BENCH_SKIP`         | none      | none      |
 * | `--out FILE` / `BENCH_OUT`                   | `bench/results/<time>.json` | same |
 *
 * @example
 * ```ts
 * import { parseBenchOptions } from "./bench_options.ts";
 * const options = parseBenchOptions(["--quick"], {});
 * console.log(options.runs, options.lines); // 1 100000
 * ```
 * @module
 */

/**
 * The bench's parts.
 *
 * @example
 * ```ts
 * import type { BenchPart } from "./bench_options.ts";
 * const part: BenchPart = "latency";
 * ```
 */
export type BenchPart = "source" | "sink" | "latency" | "startup" | "failover";

/**
 * Peers that can be left out.
 *
 * @example
 * ```ts
 * import type { SkippablePeer } from "./bench_options.ts";
 * const skip: SkippablePeer = "kcat";
 * ```
 */
export type SkippablePeer = "connect" | "kcat";

const PARTS: readonly BenchPart[] = ["source", "sink", "latency", "startup", "failover"];
const PEERS: readonly SkippablePeer[] = ["connect", "kcat"];

/**
 * Resolved settings.
 *
 * @example
 * ```ts
 * import type { BenchOptions } from "./bench_options.ts";
 * const o: BenchOptions = {
 *   quick: false, runs: 3, lines: 1_000_000, largeLines: 1_000_000, lineBytes: 100,
 *   largeLineBytes: 1024, latencySeconds: 30, latencyRate: 1000,
 *   parts: new Set(["source"]), skip: new Set(), out: undefined,
 * };
 * ```
 */
export interface BenchOptions {
  readonly quick: boolean;
  /** Runs per figure (the median is reported). */
  readonly runs: number;
  /** Lines of the ~100-byte files. */
  readonly lines: number;
  /** Lines of the 1 KB-line variant. */
  readonly largeLines: number;
  /** Bytes per line (with its newline) of the small variant. */
  readonly lineBytes: number;
  /** Bytes per line (with its newline) of the large variant. */
  readonly largeLineBytes: number;
  readonly latencySeconds: number;
  /** Lines appended per second in the latency run. */
  readonly latencyRate: number;
  readonly parts: ReadonlySet<BenchPart>;
  readonly skip: ReadonlySet<SkippablePeer>;
  /** Results file; default `bench/results/<time>.json`. */
  readonly out: string | undefined;
}

/**
 * Parses flags (`--name value` or `--name=value`) over environment defaults.
 * Throws `Cannot parse bench options: ...` on an unknown flag or bad value.
 *
 * @example
 * ```ts
 * import { parseBenchOptions } from "./bench_options.ts";
 * const o = parseBenchOptions(["--only", "source", "--runs=5"], { BENCH_SKIP: "kcat" });
 * console.log([...o.parts], o.runs, [...o.skip]); // ["source"] 5 ["kcat"]
 * ```
 */
export function parseBenchOptions(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) fail(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (name === "quick") {
      flags.set(name, eq < 0 ? "1" : arg.slice(eq + 1));
      continue;
    }
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) fail(`--${name} needs a value`);
    flags.set(name, value);
  }
  const known = ["quick", "runs", "lines", "large-lines", "latency-seconds", "only", "skip", "out"];
  for (const name of flags.keys()) {
    if (!known.includes(name)) fail(`unknown flag --${name} (known: --${known.join(", --")})`);
  }
  const get = (flag: string, envName: string) => flags.get(flag) ?? env[envName] ?? undefined;
  const quickText = get("quick", "BENCH_QUICK");
  const quick = quickText !== undefined && !["", "0", "false", "no"].includes(quickText);
  return {
    quick,
    runs: int("runs", get("runs", "BENCH_RUNS"), quick ? 1 : 3, 1),
    lines: int("lines", get("lines", "BENCH_LINES"), quick ? 100_000 : 1_000_000, 1),
    largeLines: int(
      "large-lines",
      get("large-lines", "BENCH_LARGE_LINES"),
      quick ? 50_000 : 1_000_000,
      1,
    ),
    lineBytes: 100,
    largeLineBytes: 1024,
    latencySeconds: int(
      "latency-seconds",
      get("latency-seconds", "BENCH_LATENCY_SECONDS"),
      quick ? 5 : 30,
      1,
    ),
    latencyRate: 1000,
    parts: list("only", get("only", "BENCH_ONLY"), PARTS, PARTS),
    skip: list("skip", get("skip", "BENCH_SKIP"), PEERS, []),
    out: get("out", "BENCH_OUT") || undefined,
  };
}

function int(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isSafeInteger(value) || value < min) {
    fail(`--${name} must be an integer of at least ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function list<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
  fallback: readonly T[],
): Set<T> {
  if (text === undefined || text.trim() === "") return new Set(fallback);
  const items = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      fail(`--${name} takes ${allowed.join(", ")}; got ${JSON.stringify(item)}`);
    }
  }
  return new Set(items as T[]);
}

function fail(reason: string): never {
  throw new Error(`Cannot parse bench options: ${reason}`);
}
