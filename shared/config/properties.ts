/**
 * Parses Java `.properties` text, the format of Kafka Connect's worker
 * config files (`connect-distributed.properties`).
 *
 * @example
 * ```ts
 * import { parseProperties } from "./properties.ts";
 * const props = parseProperties("# worker\nbootstrap.servers=localhost:9092\ngroup.id: tributary\n");
 * console.log(props.get("group.id")); // "tributary"
 * ```
 * @module
 */

/** A parse error naming the line. */
export class PropertiesError extends Error {
  /** 1-based line number of the problem. */
  readonly line: number;
  /** Creates an error at `line`. */
  constructor(line: number, message: string) {
    super(`Cannot parse properties: line ${line}: ${message}`);
    this.name = "PropertiesError";
    this.line = line;
  }
}

const ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f" };

function unescape(text: string, line: number): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = text[++i];
    if (next === undefined) break;
    if (next === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new PropertiesError(line, `malformed \\u escape "\\u${hex}"`);
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPES[next] ?? next;
    }
  }
  return out;
}

/** Joins continuation lines and yields logical lines with their first line number. */
function* logicalLines(text: string): Generator<[string, number]> {
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i].replace(/^[ \t\f]+/, "");
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    while (endsWithOddBackslashes(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^[ \t\f]+/, "");
    }
    yield [line, start];
  }
}

function endsWithOddBackslashes(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === "\\"; i--) n++;
  return n % 2 === 1;
}

/**
 * Parses `.properties` text into an ordered map; a later duplicate key wins.
 * Supports `=`, `:` and white space separators, `#`/`!` comments, line
 * continuations and `\uXXXX` escapes.
 *
 * @example
 * ```ts
 * import { parseProperties } from "./properties.ts";
 * const props = parseProperties("plugin.path=/opt/a,\\\n  /opt/b");
 * console.log(props.get("plugin.path")); // "/opt/a,/opt/b"
 * ```
 */
export function parseProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const [line, number] of logicalLines(text)) {
    let i = 0;
    while (i < line.length) {
      const ch = line[i];
      if (ch === "\\") {
        i += 2;
        continue;
      }
      if (ch === "=" || ch === ":" || ch === " " || ch === "\t" || ch === "\f") break;
      i++;
    }
    const key = unescape(line.slice(0, i), number);
    let rest = line.slice(i).replace(/^[ \t\f]+/, "");
    if (rest.startsWith("=") || rest.startsWith(":")) {
      rest = rest.slice(1).replace(/^[ \t\f]+/, "");
    }
    result.set(key, unescape(rest, number));
  }
  return result;
}
