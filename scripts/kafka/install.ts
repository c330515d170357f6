/**
 * Fetches the Kafka broker's jars with Maven (`mvn dependency:copy-dependencies`
 * on `scripts/kafka/pom.xml`) into `.cache/kafka/<version>/libs/`, once: a
 * marker file written after a complete copy makes later runs skip Maven.
 * Concurrent installs wait for each other on a lock (`maven_copy.ts`).
 *
 * @module
 */

import { join } from "node:path";
import { copyWithMaven, isCopied, sha256Hex } from "./maven_copy.ts";
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
export function isInstalled(versionDir: string, marker: InstallMarker): Promise<boolean> {
  return isCopied(versionDir, marker, brokerJar(marker.kafkaVersion));
}

function brokerJar(version: string): string {
  return `kafka_2.13-${version}.jar`;
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
  const fetched = await copyWithMaven({
    what: `Kafka ${version}`,
    versionDir,
    pom: pomPath(),
    properties: { "kafka.version": version, "log4j.version": log4jVersion },
    marker,
    sentinel: brokerJar(version),
    mvn,
    log,
  });
  return { version, libsDir, classpath: join(libsDir, "*"), fetched, versionDir, marker };
}
