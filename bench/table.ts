/**
 * Renders summarized metrics as a plain-text (Markdown-compatible) table:
 * the median per system and Tributary/peer ratios, each ratio marked `+`
 * when Tributary is better and `-` when it is not.
 *
 * @example
 * ```ts
 * import { formatTable } from "./table.ts";
 * import { summarize } from "./metrics.ts";
 * console.log(formatTable([summarize({
 *   id: "lat", label: "latency p50", unit: "ms", better: "lower",
 *   samples: { tributary: [3], kafka_connect: [600] },
 * })]));
 * ```
 * @module
 */
import type { MetricSummary, Peer, System } from "./metrics.ts";

/**
 * A figure with thousands separators and a precision fitting its size:
 * integers above 100, one decimal above 10, two below.
 *
 * @example
 * ```ts
 * import { formatNumber } from "./table.ts";
 * console.log(formatNumber(412345.6), formatNumber(42.25), formatNumber(1.234)); // "412,346" "42.3" "1.23"
 * ```
 */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/**
 * A Tributary/peer ratio as `2.05× +` (Tributary better) or `0.41× -`.
 *
 * @example
 * ```ts
 * import { formatRatio } from "./table.ts";
 * console.log(formatRatio(2.048, true), formatRatio(0.41, false), formatRatio(undefined, undefined));
 * // "2.05× +" "0.41× -" "—"
 * ```
 */
export function formatRatio(ratio: number | undefined, win: boolean | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "—";
  const digits = ratio >= 100 ? 0 : ratio >= 10 ? 1 : ratio >= 0.01 ? 2 : 4;
  return `${ratio.toFixed(digits)}× ${win ? "+" : "-"}`;
}

const HEADERS = [
  "metric",
  "unit",
  "better",
  "Tributary",
  "Kafka Connect",
  "kcat",
  "Trib/Connect",
  "Trib/kcat",
  "runs",
];
const COLUMNS: readonly System[] = ["tributary", "kafka_connect", "kcat"];
const PEER_COLUMNS: readonly Peer[] = ["kafka_connect", "kcat"];

/**
 * The table: a header, a separator and one row per metric, columns padded to
 * line up (numbers right-aligned), as a Markdown table.
 *
 * @example
 * ```ts
 * import { formatTable } from "./table.ts";
 * import { summarize } from "./metrics.ts";
 * const text = formatTable([summarize({
 *   id: "s", label: "source", unit: "records/s", better: "higher",
 *   samples: { tributary: [500_000], kafka_connect: [250_000], kcat: [800_000] },
 * })]);
 * console.log(text.split("\n").length); // 3
 * ```
 */
export function formatTable(rows: readonly MetricSummary[]): string {
  const cells = rows.map((row) => [
    row.label,
    row.unit,
    row.better,
    ...COLUMNS.map((system) => formatNumber(row.medians[system])),
    ...PEER_COLUMNS.map((peer) => formatRatio(row.ratios[peer], row.wins[peer])),
    String(row.runs),
  ]);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...cells.map((line) => line[i].length))
  );
  const numeric = (i: number) => i >= 3;
  const render = (line: readonly string[]) =>
    `| ${
      line.map((cell, i) => numeric(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))
        .join(" | ")
    } |`;
  const separator = `|${
    widths.map((w, i) => numeric(i) ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2)).join("|")
  }|`;
  return [render(HEADERS), separator, ...cells.map(render)].join("\n");
}
