/**
 * The version and commit a worker reports in `GET /`.
 *
 * @example
 * ```ts
 * import { buildInfo, VERSION } from "./build_info.ts";
 * const info = await buildInfo({});
 * console.log(info.version === VERSION); // true
 * ```
 * @module
 */

/** Tributary's release version. */
export const VERSION = "0.1.0";

/** Version and commit of the running code. */
export interface BuildInfo {
  version: string;
  commit: string;
}

const REPO_ROOT = new URL("../../", import.meta.url);

async function readText(url: URL): Promise<string | null> {
  try {
    return (await Deno.readTextFile(url)).trim();
  } catch {
    return null;
  }
}

/** Reads the checked-out commit from `.git` without running git. */
async function gitCommit(root: URL): Promise<string | null> {
  const head = await readText(new URL(".git/HEAD", root));
  if (head === null) return null;
  if (!head.startsWith("ref: ")) return head;
  const ref = head.slice(5);
  const loose = await readText(new URL(`.git/${ref}`, root));
  if (loose !== null) return loose;
  const packed = await readText(new URL(".git/packed-refs", root));
  const line = packed?.split("\n").find((l) => l.endsWith(` ${ref}`));
  return line ? line.split(" ")[0] : null;
}

/**
 * Resolves the build info: `TRIBUTARY_COMMIT` if set (container builds),
 * else the commit checked out in the repository, else `"unknown"`.
 *
 * @example
 * ```ts
 * import { buildInfo } from "./build_info.ts";
 * console.log((await buildInfo({ TRIBUTARY_COMMIT: "abc" })).commit); // "abc"
 * ```
 */
export async function buildInfo(
  env: Readonly<Record<string, string | undefined>>,
  root: URL = REPO_ROOT,
): Promise<BuildInfo> {
  const commit = env.TRIBUTARY_COMMIT ?? await gitCommit(root) ?? "unknown";
  return { version: VERSION, commit };
}
