/**
 * Gathers a worker's raw config from its sources, lowest precedence first:
 * a config file (Java `.properties` or JSON), then environment variables.
 *
 * - The file is the first command-line argument (as `connect-distributed.sh
 *   worker.properties`), or `--config <file>`, or `TRIBUTARY_CONFIG_FILE`.
 * - `CONNECT_<KEY>` sets `<key>` with `_` read as `.` and `__` as `_`
 *   (the convention of Kafka Connect's container images):
 *   `CONNECT_BOOTSTRAP_SERVERS` sets `bootstrap.servers`.
 * - `KAFKA_BOOTSTRAP` sets `bootstrap.servers` (it points every Tributary tool
 *   at an existing cluster).
 *
 * @example
 * ```ts
 * import { gatherWorkerConfig } from "./worker_config_sources.ts";
 * const raw = await gatherWorkerConfig({
 *   args: [],
 *   env: { CONNECT_GROUP_ID: "prod", KAFKA_BOOTSTRAP: "k1:9092" },
 * });
 * console.log(raw.props.get("group.id"), raw.origins.get("bootstrap.servers"));
 * // "prod" "environment variable KAFKA_BOOTSTRAP"
 * ```
 * @module
 */
import { parseProperties } from "./properties.ts";

/** The raw string properties and where each came from. */
export interface RawConfig {
  /** Property values by key. */
  props: Map<string, string>;
  /** For each key, a phrase naming its source, for error messages. */
  origins: Map<string, string>;
}

/** Inputs of {@linkcode gatherWorkerConfig}. */
export interface ConfigSources {
  /** Command-line arguments after the script. */
  args: readonly string[];
  /** Environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a text file; defaults to `Deno.readTextFile`. */
  readTextFile?: (path: string) => Promise<string>;
}

/** A problem with the sources themselves (unreadable file, bad argument). */
export class ConfigSourceError extends Error {
  /** Creates the error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConfigSourceError";
  }
}

/**
 * Maps an environment variable name to a config key, or null if it is not a
 * config variable.
 *
 * @example
 * ```ts
 * import { envToKey } from "./worker_config_sources.ts";
 * console.log(envToKey("CONNECT_OFFSET_FLUSH_INTERVAL_MS")); // "offset.flush.interval.ms"
 * console.log(envToKey("CONNECT_PLUGIN__PATH")); // "plugin_path"
 * ```
 */
export function envToKey(name: string): string | null {
  if (name === "KAFKA_BOOTSTRAP") return "bootstrap.servers";
  if (!name.startsWith("CONNECT_") || name.length === "CONNECT_".length) return null;
  return name.slice("CONNECT_".length).toLowerCase().split("__").map((part) =>
    part.replaceAll("_", ".")
  ).join("_");
}

function configFileFrom(sources: ConfigSources): string | null {
  const args = [...sources.args];
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--config") {
      if (args[i + 1] === undefined) {
        throw new ConfigSourceError("Cannot read worker config: --config needs a file path");
      }
      file = args[++i];
    } else if (arg.startsWith("--config=")) {
      file = arg.slice("--config=".length);
    } else if (arg.startsWith("-")) {
      throw new ConfigSourceError(
        `Cannot read worker config: unknown argument ${arg} (usage: [--config] <worker.properties>)`,
      );
    } else if (file === null) {
      file = arg;
    } else {
      throw new ConfigSourceError(
        `Cannot read worker config: more than one config file given (${file}, ${arg})`,
      );
    }
  }
  return file ?? sources.env.TRIBUTARY_CONFIG_FILE ?? null;
}

async function readFileProps(path: string, read: (p: string) => Promise<string>) {
  let text: string;
  try {
    text = await read(path);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigSourceError(`Cannot read worker config file ${path}: ${reason}`, { cause });
  }
  if (!path.endsWith(".json")) return parseProperties(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigSourceError(`Cannot parse worker config file ${path}: invalid JSON`, {
      cause,
    });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigSourceError(
      `Cannot parse worker config file ${path}: expected a JSON object of key/value pairs`,
    );
  }
  const props = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed)) {
    props.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return props;
}

/**
 * Reads the config file (if any) and the environment into one raw map.
 *
 * @example
 * ```ts
 * import { gatherWorkerConfig } from "./worker_config_sources.ts";
 * const raw = await gatherWorkerConfig({
 *   args: ["worker.properties"],
 *   env: {},
 *   readTextFile: () => Promise.resolve("group.id=a\n"),
 * });
 * console.log(raw.origins.get("group.id")); // "worker.properties"
 * ```
 */
export async function gatherWorkerConfig(sources: ConfigSources): Promise<RawConfig> {
  const props = new Map<string, string>();
  const origins = new Map<string, string>();
  const file = configFileFrom(sources);
  if (file !== null) {
    const fileProps = await readFileProps(file, sources.readTextFile ?? Deno.readTextFile);
    for (const [key, value] of fileProps) {
      props.set(key, value);
      origins.set(key, file);
    }
  }
  const envNames = Object.keys(sources.env).sort();
  // KAFKA_BOOTSTRAP wins over CONNECT_BOOTSTRAP_SERVERS: it is the project-wide switch.
  envNames.sort((a, b) => Number(a === "KAFKA_BOOTSTRAP") - Number(b === "KAFKA_BOOTSTRAP"));
  for (const name of envNames) {
    const key = envToKey(name);
    const value = sources.env[name];
    if (key === null || value === undefined) continue;
    props.set(key, value);
    origins.set(key, `environment variable ${name}`);
  }
  return { props, origins };
}
