/**
 * Which files a connector may touch. The worker's configuration lists the
 * directories connectors may read or write files in (see
 * `WorkerEnvironment.allowedFileDirs`); a connector checks every path it
 * opens against them.
 *
 * Paths are resolved before the check: relative to the current directory,
 * `..` segments applied, and symbolic links followed wherever the path (or a
 * leading part of it) exists, so `allowed/link-to-etc/passwd` is rejected.
 *
 * Check at validation time (the `fileInAllowedDirs` validator) **and** again
 * right before opening (`assertPathAllowed`), since links can change in
 * between.
 *
 * @example
 * ```ts
 * import { isPathAllowed } from "./file_access.ts";
 * console.log(isPathAllowed("/data/in/orders.txt", ["/data/in"])); // true
 * console.log(isPathAllowed("/data/in/../secrets.txt", ["/data/in"])); // false
 * console.log(isPathAllowed("/etc/passwd", [])); // false: no directory allowed
 * ```
 * @module
 */
import * as path from "node:path";
import { ConnectError } from "./errors.ts";

/**
 * The real absolute path: relative paths resolved against the current
 * directory, `..` applied, symbolic links followed as far as the path
 * exists (the missing rest is appended as written). Throws when a part of
 * the path cannot be inspected (e.g. permission denied).
 *
 * @example
 * ```ts
 * import { resolveRealPath } from "./file_access.ts";
 * console.log(resolveRealPath("/tmp/does-not-exist/../x.txt")); // "/tmp/x.txt" (if /tmp is not a link)
 * ```
 */
export function resolveRealPath(filePath: string): string {
  const absolute = path.isAbsolute(filePath) ? filePath : path.join(Deno.cwd(), filePath);
  const { root } = path.parse(absolute);
  const parts = absolute.slice(root.length).split(path.sep).filter((p) => p !== "" && p !== ".");
  let current = root;
  let exists = true;
  for (const part of parts) {
    if (part === "..") {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    if (!exists) {
      current = next;
      continue;
    }
    try {
      current = Deno.realPathSync(next);
    } catch (err) {
      if (err instanceof Deno.errors.NotCapable || err instanceof Deno.errors.PermissionDenied) {
        // An ancestor the process may not read (e.g. /tmp when only
        // /tmp/files is granted): keep it as written. Allowed directories
        // resolve the same way, so comparisons stay consistent.
        current = next;
        continue;
      }
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      exists = false;
      current = next;
    }
  }
  return current;
}

/**
 * Whether `filePath` is inside (strictly below) one of `dirs`, after
 * resolving both (see {@linkcode resolveRealPath}). An empty `dirs` allows
 * nothing; a path that cannot be inspected is not allowed.
 *
 * @example
 * ```ts
 * import { isPathAllowed } from "./file_access.ts";
 * const dirs = ["/srv/tributary/files"];
 * console.log(isPathAllowed("/srv/tributary/files/a.txt", dirs)); // true
 * console.log(isPathAllowed("/srv/tributary/files", dirs)); // false: the directory itself
 * console.log(isPathAllowed("/srv/tributary/files-other/a.txt", dirs)); // false
 * ```
 */
export function isPathAllowed(filePath: string, dirs: readonly string[]): boolean {
  if (filePath === "" || dirs.length === 0) return false;
  let target: string;
  try {
    target = resolveRealPath(filePath);
  } catch {
    return false;
  }
  return dirs.some((dir) => {
    if (dir === "") return false;
    let base: string;
    try {
      base = resolveRealPath(dir);
    } catch {
      return false;
    }
    const relative = path.relative(base, target);
    return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative);
  });
}

/**
 * Throws a `ConnectError` unless `filePath` is inside one of `dirs` (see
 * {@linkcode isPathAllowed}). Call it right before opening a file.
 *
 * @param filePath the file about to be opened.
 * @param dirs the allowed directories (`context.allowedFileDirs`).
 * @param action what is about to happen, for the message (default `open file <path>`).
 *
 * @example
 * ```ts
 * import { assertPathAllowed } from "./file_access.ts";
 * try {
 *   assertPathAllowed("/etc/passwd", ["/data"]);
 * } catch (err) {
 *   console.log((err as Error).message);
 *   // Cannot open file /etc/passwd: it is not inside an allowed directory (allowed: /data)
 * }
 * ```
 */
export function assertPathAllowed(
  filePath: string,
  dirs: readonly string[],
  action = `open file ${filePath}`,
): void {
  if (isPathAllowed(filePath, dirs)) return;
  throw new ConnectError(`Cannot ${action}: ${notAllowedReason(dirs)}`);
}

/**
 * Why a path was rejected, in words, for messages.
 *
 * @example
 * ```ts
 * import { notAllowedReason } from "./file_access.ts";
 * console.log(notAllowedReason([])); // "file access is not allowed: the worker allows no directory"
 * ```
 */
export function notAllowedReason(dirs: readonly string[]): string {
  return dirs.length === 0
    ? "file access is not allowed: the worker allows no directory"
    : `it is not inside an allowed directory (allowed: ${dirs.join(", ")})`;
}
