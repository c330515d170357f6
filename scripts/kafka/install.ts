/**
 * Fetches the Kafka broker's jars with Maven (`mvn dependency:copy-dependencies`
 * on `scripts/kafka/pom.xml`) into `.cache/kafka/<version>/libs/`, once: a
 * marker file written after a complete copy makes later runs skip Maven.
 * Concurrent installs wait for each other on a lock.
 *
 * @module
 */

import { join } from "node:path";
import { cannot, messageOf } from "./errors.ts";
import { acquireLock } from "./lock.ts";
import { kafkaCacheRoot, pomPath } from "./paths.ts";
import { KAFKA_VERSION, LOG4J_VERSION } from "./versions.ts";

/**
 * Options of {@link ensureKafka}.
 *
 * @example
 * ```ts
 * const options: InstallOptions = { cacheRoot: "/tmp/kafka-cache", log: console.error };
 * await ensureKafka(options);
 * ```
 */
export interface InstallOptions {
  /** Root of the cache; default `.cache/kafka` at the repo root. */
  cacheRoot?: string;
  /** Kafka version; default {@link KAFKA_VERSION}. */
  version?: string;
  /** log4j version of the slf4j binding; default {@link LOG4J_VERSION}. */
  log4jVersion?: string;
  /** Maven executable; default `mvn`. */
  mvn?: string;
  /** Progress messages (e.g. "Fetching Kafka ..."); default: none. */
  log?: (message: string) => void;
}

/**
 * A usable Kafka installation.
 *
 * @example
 * ```ts
 * const kafka: KafkaInstall = await ensureKafka();
 * console.log(kafka.fetched ? "fetched" : "cached", kafka.libsDir);
 * ```
 */
export interface KafkaInstall {
  version: string;
  /** Folder holding every jar. */
  libsDir: string;
  /** JVM class path for all jars (`<libsDir>/*`). */
  classpath: string;
  /** Whether this call ran Maven (false when the cache was reused). */
  fetched: boolean;
  /** Folder of this version's cache (`.cache/kafka/<version>`). */
  versionDir: string;
  /** What the copy was made from (versions, pom hash). */
  marker: InstallMarker;
}

/**
 * What the marker file records; a mismatch means "fetch again".
 *
 * @example
 * ```ts
 * const marker: InstallMarker = await expectedMarker("4.4.0", "2.25.5");
 * console.log(marker.pomSha256);
 * ```
 */
export interface InstallMarker {
  kafkaVersion: string;
  log4jVersion: string;
  /** SHA-256 of pom.xml, so editing the pom refetches. */
  pomSha256: string;
}

const MARKER_FILE = "installed.json";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The marker an installation of `version` with the current pom must carry.
 *
 * @example
 * ```ts
 * const marker = await expectedMarker("4.4.0", "2.25.5");
 * console.log(marker.pomSha256);
 * ```
 */
export async function expectedMarker(
  version: string,
  log4jVersion: string,
): Promise<InstallMarker> {
  return {
    kafkaVersion: version,
    log4jVersion,
    pomSha256: await sha256Hex(await Deno.readTextFile(pomPath())),
  };
}

/**
 * Whether `versionDir` holds a complete copy matching `marker`: its marker
 * file agrees and the broker jar is in `libs/`.
 *
 * @example
 * ```ts
 * const ready = await isInstalled(".cache/kafka/4.4.0", await expectedMarker("4.4.0", "2.25.5"));
 * ```
 */
export async function isInstalled(versionDir: string, marker: InstallMarker): Promise<boolean> {
  try {
    const found = JSON.parse(await Deno.readTextFile(join(versionDir, MARKER_FILE)));
    if (
      found.kafkaVersion !== marker.kafkaVersion ||
      found.log4jVersion !== marker.log4jVersion ||
      found.pomSha256 !== marker.pomSha256
    ) return false;
    await Deno.stat(join(versionDir, "libs", `kafka_2.13-${marker.kafkaVersion}.jar`));
    return true;
  } catch {
    return false;
  }
}

function tail(text: string, lines: number): string {
  // Maven prints ANSI colour codes even in batch mode; drop them.
  // deno-lint-ignore no-control-regex
  const clean = text.replace(/\x1b\[[0-9;]*m/g, "").trimEnd();
  return clean.split("\n").slice(-lines).join("\n");
}

async function runMaven(mvn: string, args: string[], version: string): Promise<void> {
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
        `fetch Kafka ${version}`,
        `Maven (${mvn}) is not installed; install it (e.g. apt-get install maven)`,
        error,
      );
    }
    throw cannot(`fetch Kafka ${version}`, `${mvn} did not run: ${messageOf(error)}`, error);
  }
  if (!output.success) {
    const decoder = new TextDecoder();
    const log = tail(decoder.decode(output.stdout) + decoder.decode(output.stderr), 25);
    throw cannot(
      `fetch Kafka ${version}`,
      `mvn exited with code ${output.code}:\n${log || "(no output)"}`,
    );
  }
}

/**
 * Makes sure the jars of Kafka `version` are in the cache, running Maven only
 * when the marker says the last copy is missing, partial or for another pom.
 *
 * @example
 * ```ts
 * const kafka = await ensureKafka({ log: (m) => console.error(m) });
 * console.log(kafka.classpath); // "<repo>/.cache/kafka/4.4.0/libs/*"
 * ```
 */
export async function ensureKafka(options: InstallOptions = {}): Promise<KafkaInstall> {
  const {
    cacheRoot = kafkaCacheRoot(),
    version = KAFKA_VERSION,
    log4jVersion = LOG4J_VERSION,
    mvn = "mvn",
    log = () => {},
  } = options;
  const versionDir = join(cacheRoot, version);
  const libsDir = join(versionDir, "libs");
  const marker = await expectedMarker(version, log4jVersion);
  const result = (fetched: boolean): KafkaInstall => ({
    version,
    libsDir,
    classpath: join(libsDir, "*"),
    fetched,
    versionDir,
    marker,
  });
  if (await isInstalled(versionDir, marker)) return result(false);

  const lock = await acquireLock(join(versionDir, ".install.lock"), {
    action: `fetch Kafka ${version}`,
    timeoutMs: 15 * 60_000,
    onWait: (pid) => log(`Waiting for another fetch of Kafka ${version} (pid ${pid ?? "?"})...`),
  });
  try {
    if (await isInstalled(versionDir, marker)) return result(false);
    log(`Fetching Kafka ${version} with Maven into ${libsDir} (first run only)...`);
    const partial = join(versionDir, "libs.partial");
    await Deno.remove(partial, { recursive: true }).catch(() => {});
    await runMaven(mvn, [
      "-B",
      "-q",
      "-f",
      pomPath(),
      "-Dstyle.color=never",
      `-Dkafka.version=${version}`,
      `-Dlog4j.version=${log4jVersion}`,
      `-DoutputDirectory=${partial}`,
      "dependency:copy-dependencies",
    ], version);
    try {
      await Deno.stat(join(partial, `kafka_2.13-${version}.jar`));
    } catch (error) {
      throw cannot(
        `fetch Kafka ${version}`,
        `Maven finished but ${partial} has no kafka_2.13-${version}.jar`,
        error,
      );
    }
    await Deno.remove(join(versionDir, MARKER_FILE)).catch(() => {});
    await Deno.remove(libsDir, { recursive: true }).catch(() => {});
    await Deno.rename(partial, libsDir);
    await Deno.writeTextFile(join(versionDir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    return result(true);
  } finally {
    await lock.release();
  }
}
