/**
 * Fetches Apache Kafka Connect (`connect-runtime`, `connect-file`,
 * `connect-json` and their dependencies) with Maven into
 * `.cache/connect/<version>/libs/`, once, the way `scripts/kafka/install.ts`
 * fetches the broker (`scripts/kafka/maven_copy.ts`): `mvn
 * dependency:copy-dependencies` on `bench/connect/pom.xml`, a marker file
 * after a complete copy, a lock against concurrent installs.
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
import { copyWithMaven, sha256Hex } from "../../scripts/kafka/maven_copy.ts";
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

function pomPath(): string {
  return fileURLToPath(new URL("./pom.xml", import.meta.url));
}

function defaultCacheRoot(): string {
  return fileURLToPath(new URL("../../.cache/connect", import.meta.url));
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
  const versionDir = join(cacheRoot, version);
  const libsDir = join(versionDir, "libs");
  const marker: InstallMarker = {
    kafkaVersion: version,
    log4jVersion: LOG4J_VERSION,
    pomSha256: await sha256Hex(await Deno.readTextFile(pomPath())),
    connectFile: { published: true },
  };
  const fetched = await copyWithMaven({
    what: `Kafka Connect ${version}`,
    versionDir,
    pom: pomPath(),
    properties: {
      "kafka.version": version,
      "connect.file.version": version,
      "log4j.version": LOG4J_VERSION,
    },
    marker,
    sentinel: `connect-runtime-${version}.jar`,
    mvn,
    log,
  });
  return { version, libsDir, classpath: join(libsDir, "*"), fetched, marker };
}
