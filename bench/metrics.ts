/**
 * The bench's result model: one metric (a row of the table) holds the raw
 * samples of every system measured; {@linkcode summarize} reduces them to
 * medians and Tributary/peer ratios.
 *
 * @example
 * ```ts
 * import { summarize, type Metric } from "./metrics.ts";
 * const metric: Metric = {
 *   id: "source_100b_string",
 *   label: "source 100 B lines, StringConverter",
 *   unit: "records/s",
 *   better: "higher",
 *   samples: { tributary: [400_000, 420_000, 410_000], kafka_connect: [200_000, 210_000, 190_000] },
 * };
 * console.log(summarize(metric).ratios.kafka_connect); // 2.05
 * ```
 * @module
 */
import { median } from "./stats.ts";

/**
 * The systems compared.
 *
 * @example
 * ```ts
 * import type { System } from "./metrics.ts";
 * const system: System = "kafka_connect";
 * ```
 */
export type System = "tributary" | "kafka_connect" | "kcat";

/**
 * Systems in table order.
 *
 * @example
 * ```ts
 * import { SYSTEMS } from "./metrics.ts";
 * console.log(SYSTEMS[0]); // "tributary"
 * ```
 */
export const SYSTEMS: readonly System[] = ["tributary", "kafka_connect", "kcat"];

/**
 * The peers Tributary is compared with.
 *
 * @example
 * ```ts
 * import type { Peer } from "./metrics.ts";
 * const peer: Peer = "kcat";
 * ```
 */
export type Peer = Exclude<System, "tributary">;

/**
 * Peers in table order.
 *
 * @example
 * ```ts
 * import { PEERS } from "./metrics.ts";
 * console.log(PEERS); // ["kafka_connect", "kcat"]
 * ```
 */
export const PEERS: readonly Peer[] = ["kafka_connect", "kcat"];

/**
 * One measured figure for several systems.
 *
 * @example
 * ```ts
 * import type { Metric } from "./metrics.ts";
 * const startup: Metric = {
 *   id: "startup_source",
 *   label: "start-up to /health 200",
 *   unit: "ms",
 *   better: "lower",
 *   samples: { tributary: [300, 310, 320], kafka_connect: [4700, 4800, 4650] },
 * };
 * ```
 */
export interface Metric {
  /** Stable key in the results file, e.g. `source_100b_json`. */
  readonly id: string;
  /** What the row says in the table. */
  readonly label: string;
  /** `records/s`, `ms` or `MiB`. */
  readonly unit: string;
  /** Which direction is better. */
  readonly better: "higher" | "lower";
  /** Raw samples per system (one per run). */
  readonly samples: Partial<Record<System, number[]>>;
  /** Optional remark shown under the table. */
  readonly note?: string;
}

/**
 * A metric reduced to medians and ratios.
 *
 * @example
 * ```ts
 * import type { MetricSummary } from "./metrics.ts";
 * const s: MetricSummary = {
 *   id: "x", label: "x", unit: "ms", better: "lower", runs: 3,
 *   medians: { tributary: 1 }, ratios: {}, wins: {},
 * };
 * ```
 */
export interface MetricSummary {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly better: "higher" | "lower";
  /** Fewest samples any system has in this row. */
  readonly runs: number;
  readonly medians: Partial<Record<System, number>>;
  /** Tributary median ÷ peer median. */
  readonly ratios: Partial<Record<Peer, number>>;
  /** Whether Tributary is better than the peer (strictly). */
  readonly wins: Partial<Record<Peer, boolean>>;
  readonly note?: string;
}

/**
 * Medians per system, and Tributary ÷ peer ratios where both were measured.
 *
 * @example
 * ```ts
 * import { summarize } from "./metrics.ts";
 * const s = summarize({
 *   id: "lat", label: "p50", unit: "ms", better: "lower",
 *   samples: { tributary: [2, 3, 4], kafka_connect: [500, 600, 400] },
 * });
 * console.log(s.medians.tributary, s.ratios.kafka_connect, s.wins.kafka_connect); // 3 0.006 true
 * ```
 */
export function summarize(metric: Metric): MetricSummary {
  const medians: Partial<Record<System, number>> = {};
  let runs = Infinity;
  for (const system of SYSTEMS) {
    const samples = metric.samples[system];
    if (!samples || samples.length === 0) continue;
    medians[system] = median(samples);
    runs = Math.min(runs, samples.length);
  }
  const ratios: Partial<Record<Peer, number>> = {};
  const wins: Partial<Record<Peer, boolean>> = {};
  const ours = medians.tributary;
  for (const peer of PEERS) {
    const theirs = medians[peer];
    if (ours === undefined || theirs === undefined || theirs === 0) continue;
    ratios[peer] = ours / theirs;
    wins[peer] = metric.better === "higher" ? ours > theirs : ours < theirs;
  }
  return {
    id: metric.id,
    label: metric.label,
    unit: metric.unit,
    better: metric.better,
    runs: runs === Infinity ? 0 : runs,
    medians,
    ratios,
    wins,
    ...(metric.note ? { note: metric.note } : {}),
  };
}
