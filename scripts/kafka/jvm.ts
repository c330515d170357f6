/**
 * Runs Kafka's JVM programs: the storage formatter (in the foreground) and a
 * broker node (detached, so it outlives the process that started it, with
 * stdout, stderr and log4j output appended to the node's log file).
 *
 * @module
 */

import { join } from "node:path";
import { cannot, messageOf } from "./errors.ts";
import { log4jConfigPath } from "./paths.ts";

/**
 * Default maximum heap of a node (`-Xmx`).
 *
 * @example
 * ```ts
 * const args = nodeJvmArgs({ classpath, propertiesFile, logFile, heap: DEFAULT_HEAP });
 * ```
 */
export const DEFAULT_HEAP = "512m";

/**
 * The `java` to run: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` on PATH.
 *
 * @example
 * ```ts
 * const java = javaExecutable(); // "java" or "/usr/lib/jvm/.../bin/java"
 * ```
 */
export function javaExecutable(): string {
  let home: string | undefined;
  try {
    home = Deno.env.get("JAVA_HOME");
  } catch {
    // No env permission: fall back to PATH.
  }
  return home ? join(home, "bin", "java") : "java";
}

function javaMissing(action: string, java: string, error: unknown): Error {
  return cannot(
    action,
    `Java (${java}) is not installed; Kafka needs Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless)`,
    error,
  );
}

/**
 * The major version from `java -version` output (`"17.0.15"` -> 17, `"1.8.0_392"` -> 8).
 *
 * @example
 * ```ts
 * parseJavaMajor('openjdk version "17.0.15" 2025-04-15'); // 17
 * ```
 */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = versionOutput.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * What {@link checkJava} found.
 *
 * @example
 * ```ts
 * const java: JavaInfo = await checkJava();
 * console.log(java.major, java.description);
 * ```
 */
export interface JavaInfo {
  /** Major version, e.g. 17. */
  major: number;
  /** The full `java -version` text (identifies the build, e.g. for CDS archives). */
  description: string;
}

/**
 * Checks that `java` runs and is at least Java 17 (Kafka 4's minimum).
 * Rejects with `Cannot <action>: ...`.
 *
 * @example
 * ```ts
 * const { major } = await checkJava(); // 17
 * ```
 */
export async function checkJava(
  java = javaExecutable(),
  action = "start Kafka",
): Promise<JavaInfo> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(java, {
      args: ["-version"],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw javaMissing(action, java, error);
    throw cannot(action, `${java} did not run: ${messageOf(error)}`, error);
  }
  const text = new TextDecoder().decode(output.stderr) + new TextDecoder().decode(output.stdout);
  const major = parseJavaMajor(text);
  if (!output.success || major === undefined) {
    throw cannot(action, `${java} -version failed: ${text.trim() || `exit code ${output.code}`}`);
  }
  if (major < 17) {
    throw cannot(action, `Kafka needs Java 17 or newer, but ${java} is Java ${major}`);
  }
  return { major, description: text.trim() };
}

/**
 * Input of {@link formatStorage}.
 *
 * @example
 * ```ts
 * const options: FormatOptions = { classpath: "libs/*", clusterId, propertiesFile: "server.properties" };
 * await formatStorage(options);
 * ```
 */
export interface FormatOptions {
  java?: string;
  /** JVM class path with Kafka's jars. */
  classpath: string;
  clusterId: string;
  /** The node's server.properties. */
  propertiesFile: string;
  /** Extra JVM options (e.g. class-data sharing). */
  jvmArgs?: string[];
}

/**
 * Formats one node's KRaft storage (`kafka.tools.StorageTool format`).
 * Output is captured and only shown, in the error, when formatting fails.
 *
 * @example
 * ```ts
 * await formatStorage({ classpath: kafka.classpath, clusterId, propertiesFile });
 * ```
 */
export async function formatStorage(options: FormatOptions): Promise<void> {
  const { java = javaExecutable(), classpath, clusterId, propertiesFile, jvmArgs = [] } = options;
  const action = "format Kafka storage";
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command(java, {
      args: [
        // A one-shot tool: favour start-up time over peak performance.
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-Djava.awt.headless=true",
        `-Dlog4j2.configurationFile=${log4jConfigPath()}`,
        "-Dtributary.kafka.log.level=WARN",
        ...jvmArgs,
        "-cp",
        classpath,
        "kafka.tools.StorageTool",
        "format",
        "-t",
        clusterId,
        "-c",
        propertiesFile,
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw javaMissing(action, java, error);
    throw cannot(action, `${java} did not run: ${messageOf(error)}`, error);
  }
  if (!output.success) {
    const decoder = new TextDecoder();
    const text = (decoder.decode(output.stdout) + decoder.decode(output.stderr)).trim();
    throw cannot(
      action,
      `StorageTool exited with code ${output.code} for ${propertiesFile}:\n${
        text.split("\n").slice(-20).join("\n")
      }`,
    );
  }
}

/**
 * Input of {@link spawnNode}.
 *
 * @example
 * ```ts
 * const options: SpawnOptions = { classpath: "libs/*", propertiesFile, logFile, heap: "1g" };
 * const pid = await spawnNode(options);
 * ```
 */
export interface SpawnOptions {
  java?: string;
  classpath: string;
  /** The node's server.properties (its path also identifies the process). */
  propertiesFile: string;
  /** File receiving the node's stdout, stderr and log4j output (truncated first). */
  logFile: string;
  /** Maximum (and initial) heap, e.g. "512m" or "1g". Default {@link DEFAULT_HEAP}. */
  heap?: string;
  /** Extra JVM options, placed before the class path. */
  jvmArgs?: string[];
}

/**
 * The JVM arguments of a broker node (without the `java` itself).
 *
 * @example
 * ```ts
 * const args = nodeJvmArgs({ classpath: "libs/*", propertiesFile: "server.properties", logFile: "k.log" });
 * args.at(-2); // "kafka.Kafka"
 * ```
 */
export function nodeJvmArgs(options: SpawnOptions): string[] {
  const { classpath, propertiesFile, heap = DEFAULT_HEAP, jvmArgs = [] } = options;
  if (!/^[0-9]+[kmgKMG]?$/.test(heap)) {
    throw new Error(
      `Cannot start Kafka: heap size ${JSON.stringify(heap)} is not like "512m" or "1g"`,
    );
  }
  return [
    `-Xmx${heap}`,
    `-Xms${heap}`,
    // The flags of Kafka's own kafka-run-class.sh.
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:InitiatingHeapOccupancyPercent=35",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-Djava.awt.headless=true",
    `-Dlog4j2.configurationFile=${log4jConfigPath()}`,
    ...jvmArgs,
    "-cp",
    classpath,
    "kafka.Kafka",
    propertiesFile,
  ];
}

/**
 * Starts a broker node detached from this process (own session, no stdio
 * ties) and returns its pid. `sh` only redirects output to `logFile` and then
 * `exec`s the JVM, so the pid is the JVM's.
 *
 * @example
 * ```ts
 * const pid = await spawnNode({ classpath, propertiesFile, logFile: `${dir}/node-1.log` });
 * ```
 */
export async function spawnNode(options: SpawnOptions): Promise<number> {
  const java = options.java ?? javaExecutable();
  const args = nodeJvmArgs(options);
  await Deno.writeTextFile(
    options.logFile,
    `# ${new Date().toISOString()} ${java} ${args.join(" ")}\n`,
  );
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("sh", {
      args: [
        "-c",
        'log=$1; shift; exec "$@" >>"$log" 2>&1 </dev/null',
        "sh",
        options.logFile,
        java,
        ...args,
      ],
      stdin: "null",
      stdout: "null",
      stderr: "null",
      detached: true,
    }).spawn();
  } catch (error) {
    throw cannot("start Kafka", `sh did not run: ${messageOf(error)}`, error);
  }
  child.unref();
  // Reap the child if it exits while we are still running; nobody awaits it otherwise.
  child.status.catch(() => {});
  return child.pid;
}
