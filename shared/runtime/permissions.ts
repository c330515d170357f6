/**
 * Checks at start-up that the worker's Deno permissions cover what its
 * config asks for, so a missing flag is reported at once with the flag to
 * add, not as a failed task later. The permissions are the outer boundary:
 * even a connector that skipped validation cannot touch a file outside them.
 *
 * @example
 * ```ts
 * import { missingPermissions } from "./permissions.ts";
 * const problems = await missingPermissions({ pluginPath: ["/opt/plugins"], fileAllowedDirs: [] });
 * console.log(problems); // [] when --allow-read covers /opt/plugins
 * ```
 * @module
 */

/** The paths a worker config makes the worker read and write. */
export interface PathNeeds {
  readonly pluginPath: readonly string[];
  readonly fileAllowedDirs: readonly string[];
}

/**
 * Lists every permission the process lacks for `needs`: plug-in directories
 * need read, file directories read and write.
 *
 * @example
 * ```ts
 * import { missingPermissions } from "./permissions.ts";
 * for (const problem of await missingPermissions({ pluginPath: [], fileAllowedDirs: ["data"] })) {
 *   console.error(problem);
 * }
 * ```
 */
export async function missingPermissions(needs: PathNeeds): Promise<string[]> {
  const problems: string[] = [];
  const check = async (name: "read" | "write", path: string, key: string) => {
    const status = await Deno.permissions.query({ name, path });
    if (status.state !== "granted") {
      problems.push(
        `${key} lists ${path}, but the worker has no ${name} permission there: ` +
          `run it with --allow-${name}=${path}`,
      );
    }
  };
  for (const dir of needs.pluginPath) await check("read", dir, "plugin.path");
  for (const dir of needs.fileAllowedDirs) {
    await check("read", dir, "file.allowed.dirs");
    await check("write", dir, "file.allowed.dirs");
  }
  return problems;
}
