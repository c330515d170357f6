/**
 * Generates `docs/reference/worker_config.md` from the worker key definitions, so the
 * documentation cannot drift from the code.
 *
 * @example
 * ```ts
 * import { workerConfigMarkdown } from "./worker_config_docs.ts";
 * console.log(workerConfigMarkdown().startsWith("# Worker configuration")); // true
 * ```
 * @module
 */
import { PASS_THROUGH_PREFIXES, workerConfigDef } from "./worker_config_def.ts";

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/**
 * The worker config reference as Markdown.
 *
 * @example
 * ```ts
 * import { workerConfigMarkdown } from "./worker_config_docs.ts";
 * await Deno.writeTextFile("docs/reference/worker_config.md", workerConfigMarkdown());
 * ```
 */
export function workerConfigMarkdown(): string {
  const source = workerConfigDef("source").keys;
  const sink = new Map(workerConfigDef("sink").keys.map((k) => [k.name, k]));
  const rows = source.map((key) => {
    const sinkDefault = sink.get(key.name)?.default;
    let def = key.default === undefined
      ? "(required)"
      : key.default === null
      ? "(none)"
      : key.default === ""
      ? '""'
      : `\`${key.default}\``;
    if (sinkDefault !== key.default && typeof sinkDefault === "string") {
      def += ` (sink: \`${sinkDefault}\`)`;
    }
    return `| \`${key.name}\` | ${key.type} | ${cell(def)} | ${cell(key.doc)} |`;
  });
  return [
    "# Worker configuration",
    "",
    "Generated from `shared/config/worker_config_def.ts` by `deno task docs`; do not edit by hand.",
    "",
    "Set keys in a `.properties` or JSON file, as `CONNECT_<KEY>` environment variables (`.` as",
    "`_`, `_` as `__`), or `bootstrap.servers` through `KAFKA_BOOTSTRAP`. Unknown keys are errors.",
    "",
    "| key | type | default | meaning |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    `Keys under ${
      PASS_THROUGH_PREFIXES.map((p) => `\`${p}\``).join(", ")
    } pass through to the Kafka clients and converters.`,
    "",
  ].join("\n");
}
