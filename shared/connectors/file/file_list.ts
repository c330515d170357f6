/**
 * The file source's `file` setting: one path (Kafka Connect's meaning), a
 * comma-separated list of paths, or globs (see `glob.ts`), possibly mixed in
 * a list. Every path, and every glob's base directory, must be inside a
 * directory the worker allows; each file a glob matches is checked again
 * (links resolved) before it is used.
 *
 * A list is split at commas, so a single path that contains a comma cannot
 * be used (Kafka Connect's single-file setting never splits; neither does a
 * value without a comma here).
 *
 * @example
 * ```ts
 * import { parseFileSetting, spreadFiles } from "./file_list.ts";
 * console.log(parseFileSetting("/data/in.txt").single); // true
 * console.log(parseFileSetting("/data/a.txt, /data/logs/*.log").entries.length); // 2
 * console.log(spreadFiles(["a", "b", "c"], 2)); // [["a", "c"], ["b"]]
 * ```
 * @module
 */
import { isPathAllowed, notAllowedReason } from "../../connect/file_access.ts";
import { validator } from "../../connect/validators.ts";
import type { Validator } from "../../connect/config_def.ts";
import { globBase, globTail, isGlob, matchGlob, segmentRegExp } from "./glob.ts";
import { join } from "node:path";

/**
 * One entry of the `file` setting.
 *
 * @example
 * ```ts
 * import type { FileEntry } from "./file_list.ts";
 * const entry: FileEntry = { path: "/data/*.txt", glob: true };
 * ```
 */
export interface FileEntry {
  readonly path: string;
  readonly glob: boolean;
}

/**
 * The parsed `file` setting.
 *
 * @example
 * ```ts
 * import type { FileSetting } from "./file_list.ts";
 * const s: FileSetting = { single: true, entries: [{ path: "/data/in.txt", glob: false }] };
 * ```
 */
export interface FileSetting {
  /** One plain path: the connector behaves exactly as Kafka Connect's (one task). */
  readonly single: boolean;
  readonly entries: readonly FileEntry[];
}

/**
 * Parses the `file` setting: a value without a comma and without glob
 * syntax is one path, kept as written; otherwise it is split at commas,
 * entries trimmed, empty ones dropped.
 *
 * @example
 * ```ts
 * import { parseFileSetting } from "./file_list.ts";
 * console.log(parseFileSetting("/d/a.txt,/d/b.txt").entries.map((e) => e.path)); // ["/d/a.txt", "/d/b.txt"]
 * ```
 */
export function parseFileSetting(value: string): FileSetting {
  if (!value.includes(",") && !isGlob(value)) {
    return { single: true, entries: [{ path: value, glob: false }] };
  }
  const entries = value.split(",").map((p) => p.trim()).filter((p) => p !== "").map((path) => ({
    path,
    glob: isGlob(path),
  }));
  return { single: false, entries };
}

/**
 * Why a `file` setting is not acceptable, or undefined: every path must be
 * inside an allowed directory, every glob's base directory must be one of
 * them or inside one, a glob may not go up (`..`) after its base, and its
 * syntax must be valid.
 *
 * @example
 * ```ts
 * import { fileSettingProblem } from "./file_list.ts";
 * console.log(fileSettingProblem("/etc/*.conf", ["/data"]));
 * // "/etc/*.conf: its directory /etc is not inside an allowed directory (allowed: /data)"
 * ```
 */
export function fileSettingProblem(value: string, dirs: readonly string[]): string | undefined {
  const setting = parseFileSetting(value);
  if (setting.single) {
    return isPathAllowed(value, dirs) ? undefined : notAllowedReason(dirs);
  }
  if (setting.entries.length === 0) return "it lists no file";
  for (const { path, glob } of setting.entries) {
    if (!glob) {
      if (!isPathAllowed(path, dirs)) return `${path}: ${notAllowedReason(dirs)}`;
      continue;
    }
    const tail = globTail(path);
    if (tail.includes("..")) return `${path}: a glob may not use .. after its first wildcard`;
    try {
      for (const s of tail) if (s !== "**") segmentRegExp(s);
    } catch (err) {
      return `${path}: ${(err as Error).message}`;
    }
    const base = globBase(path);
    // The base may be an allowed directory itself: test a name inside it.
    if (!isPathAllowed(join(base, "x"), dirs)) {
      return `${path}: its directory ${base} is ${notAllowedReason(dirs).replace(/^it is /, "")}`;
    }
  }
  return undefined;
}

/**
 * The `file` validator: {@linkcode fileSettingProblem} against the worker's
 * allowed directories.
 *
 * @example
 * ```ts
 * import { fileSettingInAllowedDirs } from "./file_list.ts";
 * const ctx = { name: "file", props: {}, env: { allowedFileDirs: ["/data"] } };
 * console.log(fileSettingInAllowedDirs().validate("/data/a.txt,/data/*.log", ctx)); // undefined
 * ```
 */
export function fileSettingInAllowedDirs(): Validator {
  return validator(
    "a path, or a comma-separated list of paths and globs, inside directories the worker allows",
    (value, context) => fileSettingProblem(String(value), context.env.allowedFileDirs),
  );
}

/**
 * The files a setting names now: list entries as written, glob matches as
 * absolute paths, without duplicates, in the order given (each glob's
 * matches sorted). Matches outside the allowed directories (through links)
 * are left out.
 *
 * @example
 * ```ts
 * import { filesOf, parseFileSetting } from "./file_list.ts";
 * console.log(filesOf(parseFileSetting("/data/a.txt,/data/b.txt"), ["/data"])); // ["/data/a.txt", "/data/b.txt"]
 * ```
 */
export function filesOf(setting: FileSetting, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const { path, glob } of setting.entries) {
    const matches = glob ? matchGlob(path).filter((p) => isPathAllowed(p, dirs)) : [path];
    for (const p of matches) {
      if (seen.has(p)) continue;
      seen.add(p);
      out.push(p);
    }
  }
  return out;
}

/**
 * Spreads files over at most `tasks` groups, round-robin in the given
 * order: group sizes differ by at most one, and no group is empty.
 *
 * @example
 * ```ts
 * import { spreadFiles } from "./file_list.ts";
 * console.log(spreadFiles(["a", "b", "c", "d", "e"], 3)); // [["a", "d"], ["b", "e"], ["c"]]
 * ```
 */
export function spreadFiles(files: readonly string[], tasks: number): string[][] {
  const n = Math.max(0, Math.min(Math.floor(tasks), files.length));
  const groups: string[][] = Array.from({ length: n }, () => []);
  files.forEach((f, i) => groups[i % n].push(f));
  return groups;
}
