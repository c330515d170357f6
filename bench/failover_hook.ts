/**
 * Calls the failover measurement of `bench/failover_bench.ts` (another
 * engineer's file) when it exists: its `benchFailover` export (or else the
 * first exported function whose name mentions "failover") is called with a
 * {@linkcode FailoverBenchContext} (a superset of its options: `bootstrap`,
 * `runs`, `log`). Its result becomes rows: `sigkillMs` (a SIGKILLed
 * worker's task running again elsewhere) and `sigtermMs` (a SIGTERM
 * handoff), Tributary's; any other shape is normalized by
 * {@linkcode failoverSamples}. A missing file, or one without such a
 * function, skips the rows.
 *
 * @example
 * ```ts ignore
 * import { runFailoverHook } from "./failover_hook.ts";
 * const outcome = await runFailoverHook({ bootstrap, runs: 3, dir, quick: false, log: console.error });
 * if (outcome.kind === "measured") console.log(outcome.samples.tributary);
 * ```
 * @module
 */
import type { System } from "./metrics.ts";

/**
 * What the failover function is given.
 *
 * @example
 * ```ts
 * import type { FailoverBenchContext } from "./failover_hook.ts";
 * const ctx: FailoverBenchContext = {
 *   bootstrap: "127.0.0.1:9092", runs: 3, dir: "/tmp/bench", quick: false, log: () => {},
 * };
 * ```
 */
export interface FailoverBenchContext {
  /** `KAFKA_BOOTSTRAP` of the bench's broker. */
  readonly bootstrap: string;
  /** Runs to make (report every sample; the bench takes the median). */
  readonly runs: number;
  /** A temporary directory it may use (removed by the bench). */
  readonly dir: string;
  readonly quick: boolean;
  log(message: string): void;
}

/**
 * The outcome of {@linkcode runFailoverHook}.
 *
 * @example
 * ```ts
 * import type { FailoverOutcome } from "./failover_hook.ts";
 * const skipped: FailoverOutcome = { kind: "skipped", reason: "no bench/failover_bench.ts" };
 * ```
 */
export type FailoverOutcome =
  | { kind: "skipped"; reason: string }
  | {
    kind: "measured";
    exportName: string;
    rows: FailoverRow[];
    raw: unknown;
  };

/**
 * One table row of failover figures.
 *
 * @example
 * ```ts
 * import type { FailoverRow } from "./failover_hook.ts";
 * const row: FailoverRow = { id: "failover_sigkill", label: "failover", samples: { tributary: [900] } };
 * ```
 */
export interface FailoverRow {
  readonly id: string;
  readonly label: string;
  readonly samples: Partial<Record<System, number[]>>;
}

/**
 * The rows of a failover result: `sigkillMs` and `sigtermMs` arrays (what
 * `benchFailover` returns) as two Tributary rows, else one row from
 * {@linkcode failoverSamples}; none when nothing is recognized.
 *
 * @example
 * ```ts
 * import { failoverRows } from "./failover_hook.ts";
 * const rows = failoverRows({ sigkillMs: [9968, 9979], sigtermMs: [25, 42] });
 * console.log(rows.map((r) => r.id)); // ["failover_sigkill", "failover_sigterm"]
 * ```
 */
export function failoverRows(result: unknown): FailoverRow[] {
  const rows: FailoverRow[] = [];
  if (result && typeof result === "object" && !Array.isArray(result)) {
    const o = result as Record<string, unknown>;
    const kill = numbers(o.sigkillMs);
    const term = numbers(o.sigtermMs);
    if (kill) {
      rows.push({
        id: "failover_sigkill",
        label: "failover: SIGKILLed worker's task running elsewhere",
        samples: { tributary: kill },
      });
    }
    if (term) {
      rows.push({
        id: "failover_sigterm",
        label: "failover: SIGTERM handoff, task running elsewhere",
        samples: { tributary: term },
      });
    }
    if (rows.length > 0) return rows;
  }
  const samples = failoverSamples(result);
  if (Object.keys(samples).length === 0) return [];
  return [{ id: "failover", label: "failover: tasks of a killed worker running again", samples }];
}

const numbers = (value: unknown): number[] | undefined => {
  if (typeof value === "number" && Number.isFinite(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number")) {
    return value as number[];
  }
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    for (const key of ["samples", "samplesMs", "runsMs", "ms", "medianMs"]) {
      const found = numbers(o[key]);
      if (found) return found;
    }
  }
  return undefined;
};

const ALIASES: Record<System, string[]> = {
  tributary: ["tributary", "Tributary"],
  kafka_connect: ["kafka_connect", "kafkaConnect", "connect", "Kafka Connect"],
  kcat: ["kcat"],
};

/**
 * Normalizes a failover result into samples (ms) per system: a number or
 * number array is Tributary's; an object may hold per-system entries
 * (`tributary`, `kafka_connect`/`kafkaConnect`/`connect`) each a number, an
 * array or `{ samples | samplesMs | runsMs | ms | medianMs }`, or those keys
 * directly (Tributary's). Returns `{}` for anything else.
 *
 * @example
 * ```ts
 * import { failoverSamples } from "./failover_hook.ts";
 * console.log(failoverSamples({ tributary: { samplesMs: [900, 1100] }, kafkaConnect: [4000] }));
 * // { tributary: [900, 1100], kafka_connect: [4000] }
 * ```
 */
export function failoverSamples(result: unknown): Partial<Record<System, number[]>> {
  const samples: Partial<Record<System, number[]>> = {};
  if (result && typeof result === "object" && !Array.isArray(result)) {
    const o = result as Record<string, unknown>;
    for (const [system, keys] of Object.entries(ALIASES) as [System, string[]][]) {
      for (const key of keys) {
        const found = numbers(o[key]);
        if (found) {
          samples[system] = found;
          break;
        }
      }
    }
    if (Object.keys(samples).length > 0) return samples;
  }
  const ours = numbers(result);
  return ours ? { tributary: ours } : {};
}

/**
 * Imports `bench/failover_bench.ts` if it exists and calls its failover
 * function; see the module doc. A failure inside it rejects with
 * `Cannot measure failover: ...`.
 *
 * @example
 * ```ts ignore
 * import { runFailoverHook } from "./failover_hook.ts";
 * const outcome = await runFailoverHook(ctx);
 * ```
 */
export async function runFailoverHook(ctx: FailoverBenchContext): Promise<FailoverOutcome> {
  const url = new URL("./failover_bench.ts", import.meta.url);
  try {
    await Deno.stat(url);
  } catch {
    return { kind: "skipped", reason: "bench/failover_bench.ts does not exist yet" };
  }
  let module: Record<string, unknown>;
  try {
    module = await import(url.href);
  } catch (err) {
    throw new Error(`Cannot measure failover: importing bench/failover_bench.ts failed`, {
      cause: err,
    });
  }
  const entries = Object.entries(module).filter(([name, value]) =>
    typeof value === "function" && /failover/i.test(name)
  );
  const entry = entries.find(([name]) => name === "benchFailover") ?? entries[0];
  if (!entry) {
    return {
      kind: "skipped",
      reason: `bench/failover_bench.ts exports no failover function (exports: ${
        Object.keys(module).join(", ") || "none"
      })`,
    };
  }
  const [exportName, fn] = entry as [string, (ctx: FailoverBenchContext) => unknown];
  let raw: unknown;
  try {
    raw = await fn(ctx);
  } catch (err) {
    throw new Error(`Cannot measure failover: ${exportName} failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return { kind: "measured", exportName, rows: failoverRows(raw), raw };
}
