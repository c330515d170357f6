/**
 * File globs for the file source: `*` (any characters but `/`), `?` (one
 * character but `/`), `[abc]`, `[a-z]`, `[!a-z]` (one character of, or not
 * of, a set), `**` as a whole path segment (any number of directories), and
 * `\` to take the next character literally. As in a shell, `*`, `?` and
 * `**` do not match names starting with `.`.
 *
 * A glob is walked from its **base**, the directory made of its leading
 * segments without wildcards; the base is what allowed-directory checks
 * apply to. Matching is on regular files only (symbolic links to files
 * count; directories reached through links are not descended into by `**`).
 *
 * @example
 * ```ts
 * import { globBase, isGlob, matchGlob } from "./glob.ts";
 * console.log(isGlob("/data/logs/*.log"), isGlob("/data/in.txt")); // true false
 * console.log(globBase("/data/logs/**\/app-?.log")); // "/data/logs"
 * const files = matchGlob("/data/logs/*.log"); // sorted absolute paths
 * ```
 * @module
 */
import { isAbsolute, join, resolve, sep } from "node:path";

const SPECIAL = /[*?[\\]/;

/**
 * Whether a path holds glob syntax (`*`, `?`, `[` or `\`).
 *
 * @example
 * ```ts
 * import { isGlob } from "./glob.ts";
 * console.log(isGlob("/data/*.txt")); // true
 * ```
 */
export function isGlob(path: string): boolean {
  return SPECIAL.test(path);
}

function segmentsOf(pattern: string): { root: string; segments: string[] } {
  const absolute = isAbsolute(pattern) ? pattern : join(Deno.cwd(), pattern);
  const root = absolute.startsWith(sep) ? sep : "";
  return { root, segments: absolute.split(sep).filter((s) => s !== "" && s !== ".") };
}

function unescape(segment: string): string {
  return segment.replace(/\\(.)/g, "$1");
}

/**
 * The directory a glob is walked from: its leading segments without
 * wildcards, as an absolute path (relative globs resolve against the
 * working directory).
 *
 * @example
 * ```ts
 * import { globBase } from "./glob.ts";
 * console.log(globBase("/srv/in/2024-*\/part-*.txt")); // "/srv/in"
 * ```
 */
export function globBase(pattern: string): string {
  const { root, segments } = segmentsOf(pattern);
  const fixed: string[] = [];
  for (const s of segments) {
    if (isGlob(s)) break;
    fixed.push(unescape(s));
  }
  return resolve(root + fixed.join(sep));
}

/**
 * The part of a glob after its base, as path segments.
 *
 * @example
 * ```ts
 * import { globTail } from "./glob.ts";
 * console.log(globTail("/srv/in/*\/x.txt")); // ["*", "x.txt"]
 * ```
 */
export function globTail(pattern: string): string[] {
  const { segments } = segmentsOf(pattern);
  const first = segments.findIndex((s) => isGlob(s));
  return first < 0 ? [] : segments.slice(first);
}

/**
 * The regular expression one glob segment (no `/`) stands for.
 *
 * @throws {Error} "Cannot read glob <segment>: ..." for an unclosed `[` or a trailing `\`.
 * @example
 * ```ts
 * import { segmentRegExp } from "./glob.ts";
 * console.log(segmentRegExp("app-[0-9]*.log").test("app-3.log")); // true
 * console.log(segmentRegExp("*.log").test(".hidden.log")); // false
 * ```
 */
export function segmentRegExp(segment: string): RegExp {
  let out = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "\\") {
      if (i + 1 >= segment.length) {
        throw new Error(`Cannot read glob ${segment}: it ends with a lone \\`);
      }
      out += escapeRegExp(segment[++i]);
    } else if (c === "*") {
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end < 0) throw new Error(`Cannot read glob ${segment}: a [ is not closed`);
      let body = segment.slice(i + 1, end);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      out += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, "\\$&")}]`;
      i = end;
    } else {
      out += escapeRegExp(c);
    }
  }
  const leadingWildcard = /^[*?[]/.test(segment);
  return new RegExp(`^${leadingWildcard ? "(?!\\.)" : ""}${out}$`, "u");
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function entries(dir: string): Deno.DirEntry[] {
  try {
    return [...Deno.readDirSync(dir)];
  } catch {
    return [];
  }
}

function statOrNull(path: string): Deno.FileInfo | null {
  try {
    return Deno.statSync(path);
  } catch {
    return null;
  }
}

/**
 * The regular files a glob matches now, as sorted absolute paths (code-unit
 * order). Unreadable directories count as empty.
 *
 * @throws {Error} "Cannot read glob ..." for a malformed pattern.
 * @example
 * ```ts
 * import { matchGlob } from "./glob.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.log`, "");
 * await Deno.writeTextFile(`${dir}/b.txt`, "");
 * console.log(matchGlob(`${dir}/*.log`).length); // 1
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function matchGlob(pattern: string): string[] {
  const tail = globTail(pattern);
  const base = globBase(pattern);
  if (tail.length === 0) return statOrNull(base)?.isFile ? [base] : [];
  const matchers = tail.map((s) => s === "**" ? null : segmentRegExp(s));
  const found = new Set<string>();
  const walk = (dir: string, i: number) => {
    const last = i === tail.length - 1;
    if (matchers[i] === null) {
      if (last) {
        // A trailing ** matches every file below.
        for (const e of entries(dir)) {
          if (e.name.startsWith(".")) continue;
          const path = join(dir, e.name);
          if (e.isDirectory) walk(path, i);
          else if (statOrNull(path)?.isFile) found.add(path);
        }
        return;
      }
      walk(dir, i + 1);
      for (const e of entries(dir)) {
        if (e.isDirectory && !e.name.startsWith(".")) walk(join(dir, e.name), i);
      }
      return;
    }
    const re = matchers[i]!;
    for (const e of entries(dir)) {
      if (!re.test(e.name)) continue;
      const path = join(dir, e.name);
      const info = e.isSymlink ? statOrNull(path) : e;
      if (!info) continue;
      if (last) {
        if (info.isFile) found.add(path);
      } else if (info.isDirectory) {
        walk(path, i + 1);
      }
    }
  };
  walk(base, 0);
  return [...found].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
