/**
 * Fetches Apache Kafka Connect (`connect-runtime`, `connect-file`,
 * `connect-json` and their dependencies) with Maven into
 * `.cache/connect/<version>/libs/`, once, the way `scripts/kafka/install.ts`
 * fetches the broker: `mvn dependency:copy-dependencies` on
 * `bench/connect/pom.xml`, a marker file after a complete copy, a lock
 * against concurrent installs.
 *
 * The version is the test broker's (`scripts/kafka/versions.ts`), which is
 * chosen so that every artifact, `connect-file` included, is published: the
 * peer runs only the published binaries, never anything built here.
 *
 * @example
 * ```ts ignore
 * import { ensureKafkaConnect } from "./install.ts";
 * const connect = await ensureKafkaConnect({ log: console.error });
 * console.log(connect.classpath, connect.marker.connectFile);
 * ```
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { acquireLock } from "../../scripts/kafka/lock.ts";
import { KAFKA_VERSION, LOG4J_VERSION } from "../../scripts/kafka/versions.ts";

/**
 * Where `connect-file` came from.
 *
 * @example
 * ```ts
 * import type { InstallMarker } from "./install.ts";
 * const m: InstallMarker = {
 *   kafkaVersion: "4.3.1", log4jVersion: "2.25.4", pomSha256: "…",
 *   connectFile: { published: true },
 * };
 * ```
 */
export interface InstallMarker {
  kafkaVersion: string;
  log4jVersion: string;
  pomSha256: string;
  connectFile: { published: true };
}

/**
 * A usable Kafka Connect installation.
 *
 * @example
 * ```ts ignore
 * import { ensureKafkaConnect, type KafkaConnectInstall } from "./install.ts";
 * const install: KafkaConnectInstall = await ensureKafkaConnect();
 * ```
 */
export interface KafkaConnectInstall {
  version: string;
  libsDir: string;
  /** `<libsDir>/*`. */
  classpath: string;
  /** Whether this call ran Maven. */
  fetched: boolean;
  marker: InstallMarker;
}

/**
 * Options of {@linkcode ensureKafkaConnect}.
 *
 * @example
 * ```ts
 * import type { ConnectInstallOptions } from "./install.ts";
 * const o: ConnectInstallOptions = { cacheRoot: "/tmp/connect-cache", mvn: "mvn" };
 * ```
 */
export interface ConnectInstallOptions {
  /** Default `.cache/connect` at the repo root. */
  cacheRoot?: string;
  version?: string;
  mvn?: string;
  log?: (message: string) => void;
}

const MARKER_FILE = "installed.json";

function pomPath(): string {
  return fileURLToPath(new URL("./pom.xml", import.meta.url));
}

function defaultCacheRoot(): string {
  return fileURLToPath(new URL("../../.cache/connect", import.meta.url));
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function run(command: string, args: string[], action: string, cwd?: string) {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(command, {
      args,
      cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (err) {
    const reason = err instanceof Deno.errors.NotFound
      ? `${command} is not installed (apt-get install maven openjdk-17-jdk-headless)`
      : `${command} did not run: ${(err as Error).message}`;
    throw new Error(`Cannot ${action}: ${reason}`, { cause: err });
  }
  const decoder = new TextDecoder();
  const raw = decoder.decode(output.stdout) + decoder.decode(output.stderr);
  // Maven prints ANSI colour codes even in batch mode; drop them.
  // deno-lint-ignore no-control-regex
  const text = raw.replace(/\x1b\[[0-9;]*m/g, "");
  return { ok: output.success, code: output.code, text };
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * Makes sure Kafka Connect's jars are in the cache; see the module doc.
 * Rejects with `Cannot fetch Kafka Connect <version>: ...`.
 *
 * @example
 * ```ts ignore
 * import { ensureKafkaConnect } from "./install.ts";
 * const { classpath } = await ensureKafkaConnect({ log: (m) => console.error(m) });
 * ```
 */
export async function ensureKafkaConnect(
  options: ConnectInstallOptions = {},
): Promise<KafkaConnectInstall> {
  const {
    cacheRoot = defaultCacheRoot(),
    version = KAFKA_VERSION,
    mvn = "mvn",
    log = () => {},
  } = options;
  const action = `fetch Kafka Connect ${version}`;
  const versionDir = join(cacheRoot, version);
  const libsDir = join(versionDir, "libs");
  const pomSha256 = await sha256Hex(await Deno.readTextFile(pomPath()));
  const result = (marker: InstallMarker, fetched: boolean): KafkaConnectInstall => ({
    version,
    libsDir,
    classpath: join(libsDir, "*"),
    fetched,
    marker,
  });
  const installed = async (): Promise<InstallMarker | undefined> => {
    try {
      const found = JSON.parse(await Deno.readTextFile(join(versionDir, MARKER_FILE)));
      if (
        found.kafkaVersion !== version || found.log4jVersion !== LOG4J_VERSION ||
        found.pomSha256 !== pomSha256
      ) return undefined;
      await Deno.stat(join(libsDir, `connect-runtime-${version}.jar`));
      return found as InstallMarker;
    } catch {
      return undefined;
    }
  };
  const ready = await installed();
  if (ready) return result(ready, false);

  await Deno.mkdir(versionDir, { recursive: true });
  const lock = await acquireLock(join(versionDir, ".install.lock"), {
    action,
    timeoutMs: 15 * 60_000,
    onWait: () => log(`Waiting for another fetch of Kafka Connect ${version}...`),
  });
  try {
    const again = await installed();
    if (again) return result(again, false);
    log(`Fetching Kafka Connect ${version} with Maven into ${libsDir} (first run only)...`);
    const partial = join(versionDir, "libs.partial");
    await Deno.remove(partial, { recursive: true }).catch(() => {});
    const copied = await run(mvn, [
      "-B",
      "-q",
      "-f",
      pomPath(),
      "-Dstyle.color=never",
      `-Dkafka.version=${version}`,
      `-Dconnect.file.version=${version}`,
      `-Dlog4j.version=${LOG4J_VERSION}`,
      `-DoutputDirectory=${partial}`,
      "dependency:copy-dependencies",
    ], action);
    const connectFile: InstallMarker["connectFile"] = { published: true };
    if (!copied.ok) {
      throw new Error(`Cannot ${action}: mvn exited ${copied.code}:\n${tail(copied.text)}`);
    }
    await Deno.stat(join(partial, `connect-runtime-${version}.jar`)).catch((err) => {
      throw new Error(`Cannot ${action}: Maven finished but left no connect-runtime jar`, {
        cause: err,
      });
    });
    const marker: InstallMarker = {
      kafkaVersion: version,
      log4jVersion: LOG4J_VERSION,
      pomSha256,
      connectFile,
    };
    await Deno.remove(join(versionDir, MARKER_FILE)).catch(() => {});
    await Deno.remove(libsDir, { recursive: true }).catch(() => {});
    await Deno.rename(partial, libsDir);
    await Deno.writeTextFile(join(versionDir, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    return result(marker, true);
  } finally {
    await lock.release();
  }
}
