/**
 * Generates Markdown reference docs from a `ConfigDef`, so the spec is the
 * single source of truth for a connector's documentation (as Kafka
 * generates its config tables from `ConfigDef.toHtml`).
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { configDocsMarkdown } from "./config_docs.ts";
 * const def = new ConfigDef().define({
 *   name: "topic", type: "STRING", default: "test", importance: "HIGH", documentation: "topic to send to",
 * });
 * console.log(configDocsMarkdown(def));
 * // ### `topic`
 * //
 * // topic to send to
 * //
 * // | Type   | Default | Valid values | Importance |
 * // | ------ | ------- | ------------ | ---------- |
 * // | string | `test`  |              | high       |
 * ```
 * @module
 */
import { type ConfigDef, type ConfigKey, configValueToString } from "./config_def.ts";

const IMPORTANCE_RANK = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;

/**
 * Options for {@linkcode configDocsMarkdown}.
 *
 * @example
 * ```ts
 * import type { ConfigDocsOptions } from "./config_docs.ts";
 * const options: ConfigDocsOptions = { title: "MyFileSourceConnector configuration", headingLevel: 2 };
 * ```
 */
export interface ConfigDocsOptions {
  /** A top heading for the whole document (none by default). */
  readonly title?: string;
  /** Heading level of each key (default 3; groups one level above). */
  readonly headingLevel?: number;
}

/**
 * The keys of a spec in documentation order: by group (in the order groups
 * first appear, ungrouped keys first), then by `orderInGroup` where set,
 * then as Kafka sorts them: required first, then by importance, then by
 * name.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { documentationOrder } from "./config_docs.ts";
 * const def = new ConfigDef()
 *   .define({ name: "b", type: "STRING", default: "", importance: "LOW", documentation: "B" })
 *   .define({ name: "a", type: "STRING", importance: "LOW", documentation: "A" });
 * console.log(documentationOrder(def).map((k) => k.name)); // [ "a", "b" ]
 * ```
 */
export function documentationOrder(def: ConfigDef<Record<string, unknown>>): ConfigKey[] {
  const groups = [null, ...def.groups()];
  return def.keys().sort((x, y) =>
    groups.indexOf(x.group) - groups.indexOf(y.group) ||
    (x.orderInGroup >= 0 && y.orderInGroup >= 0 ? x.orderInGroup - y.orderInGroup : 0) ||
    Number(y.required) - Number(x.required) ||
    IMPORTANCE_RANK[x.importance] - IMPORTANCE_RANK[y.importance] ||
    (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)
  );
}

/**
 * Markdown docs for every key of a spec: a heading per key with its
 * documentation and a table of type, default, valid values and importance,
 * grouped under a heading per group when the spec has groups. Required keys
 * show no default.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { configDocsMarkdown } from "./config_docs.ts";
 * import { atLeast } from "./validators.ts";
 * const def = new ConfigDef().define({
 *   name: "batch.size", type: "INT", default: 2000, importance: "LOW",
 *   documentation: "The maximum number of records per poll", validator: atLeast(1),
 * });
 * const md = configDocsMarkdown(def, { title: "My connector" });
 * console.log(md.includes("| int  | `2000`  | [1,...]      | low        |")); // true
 * ```
 */
export function configDocsMarkdown(
  def: ConfigDef<Record<string, unknown>>,
  options: ConfigDocsOptions = {},
): string {
  const level = options.headingLevel ?? 3;
  const out: string[] = [];
  if (options.title !== undefined) {
    out.push(`${"#".repeat(Math.max(1, level - 2))} ${options.title}`, "");
  }
  let group: string | null = null;
  for (const key of documentationOrder(def)) {
    if (key.group !== null && key.group !== group) {
      group = key.group;
      out.push(`${"#".repeat(Math.max(1, level - 1))} ${escapeText(group)}`, "");
    }
    out.push(`${"#".repeat(level)} \`${key.name}\``, "");
    if (key.documentation !== "") out.push(escapeText(key.documentation), "");
    const defaultValue = key.required ? "" : formatDefault(key);
    out.push(
      ...markdownTable(["Type", "Default", "Valid values", "Importance"], [[
        key.type.toLowerCase(),
        defaultValue,
        escapeCell(key.validator?.description ?? ""),
        key.importance.toLowerCase(),
      ]]),
      "",
    );
  }
  return out.join("\n");
}

/**
 * A Markdown table with padded columns, laid out as `deno fmt` lays it out,
 * so generated docs stay unchanged when formatted.
 */
function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function formatDefault(key: ConfigKey): string {
  const value = configValueToString(key.defaultValue, key.type);
  if (value === null) return "null";
  if (value === "") return '""';
  return `\`${value.replaceAll("`", "\\`").replaceAll("|", "\\|")}\``;
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function escapeText(text: string): string {
  return text.replaceAll("<", "&lt;");
}
