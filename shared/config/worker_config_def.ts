/**
 * The keys a worker accepts, with Kafka Connect's names where one exists,
 * their types, defaults and documentation; and typed parsing that reports
 * every problem at once.
 *
 * @example
 * ```ts
 * import { workerConfigDef } from "./worker_config_def.ts";
 * const { values, issues } = workerConfigDef("source").parse(new Map([["group.id", "prod"]]));
 * console.log(values["group.id"], issues.length); // "prod" 0
 * ```
 * @module
 */

/** Which service a worker is. */
export type WorkerKind = "source" | "sink";

/** The value types of worker keys. */
export type WorkerKeyType = "string" | "int" | "list" | "class";

/** One worker config key. */
export interface WorkerKey {
  name: string;
  type: WorkerKeyType;
  /** Default value as a string; `null` means no value (optional), absent means required. */
  default?: string | null;
  doc: string;
  /** Smallest allowed value of an int key. */
  min?: number;
}

/** One problem with one key. */
export interface WorkerConfigIssue {
  key: string;
  message: string;
  /** Where the bad value came from (file, environment variable). */
  origin?: string | undefined;
}

/** Every problem of a worker config, reported at once. */
export class WorkerConfigError extends Error {
  /** Each problem, one per key. */
  readonly issues: readonly WorkerConfigIssue[];
  /** Creates the error for a `kind` worker. */
  constructor(kind: WorkerKind, issues: readonly WorkerConfigIssue[]) {
    const lines = issues.map((i) =>
      `  - ${i.key}${i.origin ? ` (from ${i.origin})` : ""}: ${i.message}`
    );
    super(
      `Cannot start the ${kind} worker: its config has ${issues.length} error(s):\n${
        lines.join("\n")
      }`,
    );
    this.name = "WorkerConfigError";
    this.issues = issues;
  }
}

/** Keys that take free-form sub-keys under them. */
export const PASS_THROUGH_PREFIXES = [
  "producer.",
  "consumer.",
  "admin.",
  "key.converter.",
  "value.converter.",
  "header.converter.",
] as const;

/** Kafka Connect keys Tributary has no use for, with the reason. */
const NOT_USED: Record<string, string> = {
  "status.storage.topic": "statuses live in the control topic (config.storage.topic)",
  "status.storage.replication.factor": "statuses live in the control topic; use replication.factor",
  "status.storage.partitions": "statuses live in the control topic",
  "config.storage.replication.factor": "use replication.factor for every internal topic",
  "offset.storage.replication.factor": "use replication.factor for every internal topic",
};

function keys(kind: WorkerKind): WorkerKey[] {
  const port = kind === "source" ? 8083 : 8084;
  return [
    {
      name: "bootstrap.servers",
      type: "list",
      default: "localhost:9092",
      doc: "Kafka brokers to connect to, as host:port pairs.",
    },
    {
      name: "group.id",
      type: "string",
      default: "tributary",
      doc: "The cluster this worker belongs to: workers with the same group.id share connectors.",
    },
    {
      name: "worker.id",
      type: "string",
      default: null,
      doc: "This worker's id, unique in its group. Default: its advertised host:port.",
    },
    {
      name: "listeners",
      type: "list",
      default: `http://:${port}`,
      doc: "Where the REST API listens, e.g. http://0.0.0.0:8083; the first entry is used.",
    },
    {
      name: "rest.advertised.host.name",
      type: "string",
      default: null,
      doc: "Host name other workers and status reports use for this worker.",
    },
    {
      name: "rest.advertised.port",
      type: "int",
      default: null,
      min: 1,
      doc: "Port other workers and status reports use for this worker.",
    },
    {
      name: "rest.advertised.listener",
      type: "string",
      default: "http",
      doc: "Protocol of the advertised URL.",
    },
    {
      name: "config.storage.topic",
      type: "string",
      default: "tributary-control",
      doc: "The control topic: connector configs, target states, task configs, status and " +
        "membership. One partition, compacted.",
    },
    {
      name: "offset.storage.topic",
      type: "string",
      default: "tributary-offsets",
      doc: "Compacted topic of source offsets, in Kafka Connect's format.",
    },
    {
      name: "offset.storage.partitions",
      type: "int",
      default: "25",
      min: 1,
      doc: "Partitions of the offsets topic when it is created.",
    },
    {
      name: "replication.factor",
      type: "int",
      default: "-1",
      min: -1,
      doc: "Replication factor of internal topics when created; -1 uses the broker's default.",
    },
    {
      name: "plugin.path",
      type: "list",
      default: "",
      doc: "Directories searched for connector plugins (TypeScript or JavaScript modules), " +
        "relative to the working directory.",
    },
    {
      name: "file.allowed.dirs",
      type: "list",
      default: "data",
      doc: "Directories file connectors may read and write (relative to the working " +
        "directory); a path outside them is rejected. The worker's Deno permissions must " +
        "grant read and write there.",
    },
    {
      name: "offset.flush.interval.ms",
      type: "int",
      default: "1000",
      min: 1,
      doc: "How often source offsets and sink consumer offsets are committed.",
    },
    {
      name: "offset.flush.timeout.ms",
      type: "int",
      default: "5000",
      min: 1,
      doc: "How long an offset commit may wait for records to be acknowledged.",
    },
    {
      name: "session.timeout.ms",
      type: "int",
      default: "10000",
      min: 1000,
      doc: "A worker whose heartbeat is older than this is dead and its work moves.",
    },
    {
      name: "heartbeat.interval.ms",
      type: "int",
      default: "1000",
      min: 100,
      doc: "How often a worker writes its heartbeat to the control topic.",
    },
    {
      name: "task.shutdown.graceful.timeout.ms",
      type: "int",
      default: "4000",
      min: 0,
      doc: "How long stopping waits for tasks to finish, in total.",
    },
    {
      name: "kafka.connect.timeout.ms",
      type: "int",
      default: "10000",
      min: 100,
      doc: "How long start-up waits for Kafka to answer before the worker exits.",
    },
    {
      name: "key.converter",
      type: "class",
      default: "org.apache.kafka.connect.json.JsonConverter",
      doc: "Default converter for record keys.",
    },
    {
      name: "value.converter",
      type: "class",
      default: "org.apache.kafka.connect.json.JsonConverter",
      doc: "Default converter for record values.",
    },
    {
      name: "header.converter",
      type: "class",
      default: "org.apache.kafka.connect.storage.SimpleHeaderConverter",
      doc: "Default converter for record headers.",
    },
  ];
}

/** Parsed values by key: string, number, string[] or null. */
export type WorkerValues = Record<string, string | number | string[] | null>;

/** The worker keys of one kind and their parsing. */
export interface WorkerConfigDef {
  readonly keys: readonly WorkerKey[];
  /** Parses every key, collecting every problem instead of stopping at the first. */
  parse(props: ReadonlyMap<string, string>): { values: WorkerValues; issues: WorkerConfigIssue[] };
}

function parseValue(key: WorkerKey, text: string, issues: WorkerConfigIssue[]) {
  switch (key.type) {
    case "string":
    case "class":
      if (text.trim() === "") {
        issues.push({ key: key.name, message: "must not be empty" });
      }
      return text.trim();
    case "list":
      return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
    case "int": {
      const n = Number(text.trim());
      if (text.trim() === "" || !Number.isSafeInteger(n)) {
        issues.push({ key: key.name, message: `expected a whole number, was "${text}"` });
        return key.min ?? 0;
      }
      if (key.min !== undefined && n < key.min) {
        issues.push({ key: key.name, message: `must be at least ${key.min}, was ${n}` });
      }
      return n;
    }
  }
}

function checkHostPorts(servers: string[], issues: WorkerConfigIssue[]) {
  if (servers.length === 0) {
    issues.push({ key: "bootstrap.servers", message: "must list at least one host:port" });
  }
  for (const server of servers) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s\[\]]+):(\d{1,5})$/.exec(server);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      issues.push({ key: "bootstrap.servers", message: `expected host:port, was "${server}"` });
    }
  }
}

/**
 * The key definitions of a source or sink worker (they differ only in the
 * default port: 8083 for source, 8084 for sink).
 *
 * @example
 * ```ts
 * import { workerConfigDef } from "./worker_config_def.ts";
 * const def = workerConfigDef("sink");
 * console.log(def.keys.find((k) => k.name === "listeners")?.default); // "http://:8084"
 * ```
 */
export function workerConfigDef(kind: WorkerKind): WorkerConfigDef {
  const defs = keys(kind);
  const byName = new Map(defs.map((k) => [k.name, k]));
  return {
    keys: defs,
    parse(props) {
      const issues: WorkerConfigIssue[] = [];
      for (const name of props.keys()) {
        if (byName.has(name) || PASS_THROUGH_PREFIXES.some((p) => name.startsWith(p))) continue;
        const reason = NOT_USED[name];
        issues.push({
          key: name,
          message: reason ? `not used by Tributary: ${reason}` : "unknown configuration key",
        });
      }
      const values: WorkerValues = {};
      for (const key of defs) {
        const text = props.get(key.name) ?? key.default;
        if (text === undefined) {
          issues.push({ key: key.name, message: "is required and has no default" });
          values[key.name] = null;
        } else if (text === null) {
          values[key.name] = null;
        } else {
          values[key.name] = parseValue(key, text, issues);
        }
      }
      checkHostPorts(values["bootstrap.servers"] as string[], issues);
      return { values, issues };
    },
  };
}
