/**
 * Command-line parsing of `deno task kafka` (scripts/kafka.ts).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { cannot, messageOf } from "./errors.ts";

/**
 * Default client port of the first node when the CLI picks fixed ports.
 *
 * @example
 * ```ts
 * const bootstrap = `127.0.0.1:${DEFAULT_PORT}`; // "127.0.0.1:9092"
 * ```
 */
export const DEFAULT_PORT = 9092;

/**
 * Parsed command line of `deno task kafka`.
 *
 * @example
 * ```ts
 * const args: KafkaCliArgs = parseKafkaArgs(Deno.args);
 * if (args.command === "start") console.log(args.nodes, args.port);
 * ```
 */
export interface KafkaCliArgs {
  command: "start" | "stop" | "status" | "help";
  /** Node count for `start`. */
  nodes: number;
  /** Run directory, or undefined for the default one. */
  dir?: string;
  /** First client port (fixed layout), or undefined to pick free ports. */
  port?: number;
  /** Heap per node, e.g. "512m". */
  heap?: string;
  /** Wipe the run directory's data before starting. */
  fresh: boolean;
  /** Start-up timeout in seconds. */
  timeoutSeconds?: number;
}

/**
 * Usage text of `deno task kafka`.
 *
 * @example
 * ```ts
 * console.log(USAGE);
 * ```
 */
export const USAGE = `Usage: deno task kafka [start] [options]   start Kafka in the background
       deno task kafka stop [--dir DIR]      stop it (data is kept)
       deno task kafka status [--dir DIR]    show whether it runs (exit code 1 if not)

Options of start:
  --nodes N      1 (default) or 3 combined broker+controller nodes
  --port P       client port of node 1 (default ${DEFAULT_PORT}); node i uses P+2i for
                 clients and P+2i+1 for its controller
  --free-ports   let the OS pick free ports instead
  --dir DIR      run directory (default .cache/kafka/run/default)
  --heap SIZE    JVM heap per node (default 512m)
  --fresh        wipe the run directory's data first
  --timeout S    seconds to wait for the cluster to answer (default 90)

Logs go to DIR/node-<id>.log. When KAFKA_BOOTSTRAP is set, start only says
that cluster is used.`;

function positiveInt(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return value;
}

/**
 * Parses the arguments of `deno task kafka`. Rejects bad input with
 * `Cannot parse the arguments: <reason>`.
 *
 * @example
 * ```ts
 * parseKafkaArgs(["--nodes", "3"]); // { command: "start", nodes: 3, port: 9092, fresh: false }
 * parseKafkaArgs(["stop"]).command; // "stop"
 * ```
 */
export function parseKafkaArgs(args: string[]): KafkaCliArgs {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        nodes: { type: "string" },
        port: { type: "string" },
        "free-ports": { type: "boolean", default: false },
        dir: { type: "string" },
        heap: { type: "string" },
        fresh: { type: "boolean", default: false },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (positionals.length > 1) {
      throw new Error(`expected one command, got ${positionals.join(" ")}`);
    }
    const word = positionals[0] ?? "start";
    if (!["start", "stop", "status", "help"].includes(word)) {
      throw new Error(`unknown command ${JSON.stringify(word)} (start, stop, status or help)`);
    }
    const command = values.help ? "help" : word as KafkaCliArgs["command"];
    if (command !== "start") {
      const startOnly = ["nodes", "port", "free-ports", "heap", "fresh", "timeout"] as const;
      const misplaced = startOnly.filter((name) =>
        values[name] !== undefined && values[name] !== false
      );
      if (misplaced.length > 0 && command !== "help") {
        throw new Error(`--${misplaced[0]} only applies to start`);
      }
    }
    const nodes = values.nodes === undefined ? 1 : positiveInt("nodes", values.nodes);
    if (values["free-ports"] && values.port !== undefined) {
      throw new Error("--port and --free-ports exclude each other");
    }
    let port: number | undefined = values["free-ports"] ? undefined : DEFAULT_PORT;
    if (values.port !== undefined) {
      port = positiveInt("port", values.port);
      if (port > 65_535) throw new Error(`--port must be at most 65535, not ${port}`);
    }
    const parsed: KafkaCliArgs = { command, nodes, fresh: values.fresh ?? false };
    if (port !== undefined) parsed.port = port;
    if (values.dir !== undefined) parsed.dir = values.dir;
    if (values.heap !== undefined) parsed.heap = values.heap;
    if (values.timeout !== undefined) {
      parsed.timeoutSeconds = positiveInt("timeout", values.timeout);
    }
    return parsed;
  } catch (error) {
    throw cannot("parse the arguments", `${messageOf(error)}\n\n${USAGE}`, error);
  }
}
