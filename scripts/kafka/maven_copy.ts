/**
 * Jars fetched once with Maven into a cache folder: `mvn
 * dependency:copy-dependencies` on a pom into `<versionDir>/libs.partial`,
 * renamed to `libs/` and followed by a marker file only after a complete
 * copy, under a lock so concurrent installs wait for each other. Used for
 * the test broker (`install.ts`) and the bench's Kafka Connect peer
 * (`bench/connect/install.ts`).
 *
 * @example
 * ```ts ignore
 * import { copyWithMaven } from "./maven_copy.ts";
 * const fetched = await copyWithMaven({
 *   what: "Kafka 4.3.1", versionDir: ".cache/kafka/4.3.1", pom: "scripts/kafka/pom.xml",
 *   properties: { "kafka.version": "4.3.1" }, marker: { kafkaVersion: "4.3.1" },
 *   sentinel: "kafka_2.13-4.3.1.jar",
 * });
 * ```
 * @module
 */

import { join } from "node:path";
import { cannot, messageOf } from "./errors.ts";
import { acquireLock } from "./lock.ts";

const MARKER_FILE = "installed.json";

/**
 * Hex SHA-256 of a text (a pom's, so editing the pom refetches).
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./maven_copy.ts";
 * console.log((await sha256Hex("")).slice(0, 8)); // "e3b0c442"
 * ```
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether `versionDir` holds a complete copy: its marker file has every
 * field of `marker` with the same value, and `libs/<sentinel>` exists.
 *
 * @example
 * ```ts
 * import { isCopied } from "./maven_copy.ts";
 * console.log(await isCopied("/nonexistent", { kafkaVersion: "4.3.1" }, "x.jar")); // false
 * ```
 */
export async function isCopied(
  versionDir: string,
  marker: object,
  sentinel: string,
): Promise<boolean> {
  try {
    const found = JSON.parse(await Deno.readTextFile(join(versionDir, MARKER_FILE)));
    for (const [key, value] of Object.entries(marker)) {
      if (JSON.stringify(found[key]) !== JSON.stringify(value)) return false;
    }
    await Deno.stat(join(versionDir, "libs", sentinel));
    return true;
  } catch {
    return false;
  }
}

/**
 * What {@linkcode copyWithMaven} fetches, and how.
 *
 * @example
 * ```ts
 * import type { MavenCopy } from "./maven_copy.ts";
 * const copy: MavenCopy = {
 *   what: "Kafka 4.3.1", versionDir: "/tmp/k/4.3.1", pom: "pom.xml",
 *   properties: { "kafka.version": "4.3.1" }, marker: {}, sentinel: "kafka_2.13-4.3.1.jar",
 * };
 * ```
 */
export interface MavenCopy {
  /** For messages: `Cannot fetch <what>: ...`. */
  what: string;
  /** The cache folder of this version; the jars go to its `libs/`. */
  versionDir: string;
  pom: string;
  /** `-D` properties for the pom. */
  properties: Record<string, string>;
  /** Written after a complete copy; a copy whose marker differs is fetched again. */
  marker: object;
  /** A jar in `libs/` that only a complete copy has. */
  sentinel: string;
  /** Maven executable; default `mvn`. */
  mvn?: string;
  /** Progress messages; default: none. */
  log?: (message: string) => void;
}

function tail(text: string, lines: number): string {
  // Maven prints ANSI colour codes even in batch mode; drop them.
  // deno-lint-ignore no-control-regex
  const clean = text.replace(/\x1b\[[0-9;]*m/g, "").trimEnd();
  return clean.split("\n").slice(-lines).join("\n");
}

async function runMaven(mvn: string, args: string[], action: string): Promise<void> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(mvn, {
      args,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw cannot(
        action,
        `Maven (${mvn}) is not installed; install it (e.g. apt-get install maven)`,
        error,
      );
    }
    throw cannot(action, `${mvn} did not run: ${messageOf(error)}`, error);
  }
  if (!output.success) {
    const decoder = new TextDecoder();
    const log = tail(decoder.decode(output.stdout) + decoder.decode(output.stderr), 25);
    throw cannot(action, `mvn exited with code ${output.code}:\n${log || "(no output)"}`);
  }
}

/**
 * Makes sure the copy is in `<versionDir>/libs`, running Maven only when the
 * marker says the last copy is missing, partial or different. Resolves
 * whether this call ran Maven; rejects with `Cannot fetch <what>: ...`.
 *
 * @example
 * ```ts ignore
 * import { copyWithMaven } from "./maven_copy.ts";
 * const fetched = await copyWithMaven(copy);
 * ```
 */
export async function copyWithMaven(copy: MavenCopy): Promise<boolean> {
  const { what, versionDir, marker, sentinel, mvn = "mvn", log = () => {} } = copy;
  const action = `fetch ${what}`;
  if (await isCopied(versionDir, marker, sentinel)) return false;
  const lock = await acquireLock(join(versionDir, ".install.lock"), {
    action,
    timeoutMs: 15 * 60_000,
    onWait: (pid) => log(`Waiting for another fetch of ${what} (pid ${pid ?? "?"})...`),
  });
  try {
    if (await isCopied(versionDir, marker, sentinel)) return false;
    const libsDir = join(versionDir, "libs");
    log(`Fetching ${what} with Maven into ${libsDir} (first run only)...`);
    const partial = join(versionDir, "libs.partial");
    await Deno.remove(partial, { recursive: true }).catch(() => {});
    await runMaven(mvn, [
      "-B",
      "-q",
      "-f",
      copy.pom,
      "-Dstyle.color=never",
      ...Object.entries(copy.properties).map(([key, value]) => `-D${key}=${value}`),
      `-DoutputDirectory=${partial}`,
      "dependency:copy-dependencies",
    ], action);
    try {
      await Deno.stat(join(partial, sentinel));
    } catch (error) {
      throw cannot(action, `Maven finished but ${partial} has no ${sentinel}`, error);
    }
    await Deno.remove(join(versionDir, MARKER_FILE)).catch(() => {});
    await Deno.remove(libsDir, { recursive: true }).catch(() => {});
    await Deno.rename(partial, libsDir);
    await Deno.writeTextFile(join(versionDir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    return true;
  } finally {
    await lock.release();
  }
}
