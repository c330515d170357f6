/**
 * Where the Kafka tooling keeps things: the repo root, the jar cache and the
 * default run directories, all under the git-ignored `.cache/kafka/`.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Absolute path of the repository root (two levels above this file).
 *
 * @example
 * ```ts
 * const root = repoRoot(); // e.g. "/work/main"
 * ```
 */
export function repoRoot(): string {
  return fileURLToPath(new URL("../../", import.meta.url)).replace(/\/+$/, "");
}

/**
 * `.cache/kafka/` at the repo root: jars per version plus run directories.
 *
 * @example
 * ```ts
 * const cache = kafkaCacheRoot(); // "<repo>/.cache/kafka"
 * ```
 */
export function kafkaCacheRoot(): string {
  return join(repoRoot(), ".cache", "kafka");
}

/**
 * Run directory used when a cluster is started by name without a `dir`:
 * `.cache/kafka/run/<name>`.
 *
 * @example
 * ```ts
 * defaultRunDir(); // "<repo>/.cache/kafka/run/default"
 * defaultRunDir("bench"); // "<repo>/.cache/kafka/run/bench"
 * ```
 */
export function defaultRunDir(name = "default"): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(
      `Cannot pick a run directory: name ${
        JSON.stringify(name)
      } must be letters, digits, '.', '_' or '-'`,
    );
  }
  return join(kafkaCacheRoot(), "run", name);
}

/**
 * The log4j 2 configuration shipped beside this file.
 *
 * @example
 * ```ts
 * const jvmArg = `-Dlog4j2.configurationFile=${log4jConfigPath()}`;
 * ```
 */
export function log4jConfigPath(): string {
  return fileURLToPath(new URL("./log4j2.properties", import.meta.url));
}

/**
 * The Maven project that lists the jars to fetch.
 *
 * @example
 * ```ts
 * const args = ["-f", pomPath(), "dependency:copy-dependencies"];
 * ```
 */
export function pomPath(): string {
  return fileURLToPath(new URL("./pom.xml", import.meta.url));
}
