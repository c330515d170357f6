/**
 * The pid file of a run directory, `<dir>/cluster.json`: which JVMs make up
 * the cluster started there, on which ports, with which logs. Written after
 * the nodes are spawned, removed when they are stopped or found dead.
 *
 * @module
 */

import { join } from "node:path";
import { cannot } from "./errors.ts";
import type { NodePorts } from "./ports.ts";

/**
 * One node of a started cluster.
 *
 * @example
 * ```ts
 * const state = await readState(dir);
 * const first: NodeState | undefined = state?.nodes[0];
 * console.log(first?.pid, first?.logFile);
 * ```
 */
export interface NodeState extends NodePorts {
  /** Node id (1-based). */
  id: number;
  /** Pid of the node's JVM. */
  pid: number;
  /** Absolute path of the node's server.properties (also the liveness marker). */
  propertiesFile: string;
  /** Absolute path of the node's log file (stdout, stderr and log4j). */
  logFile: string;
  /** Absolute path of the node's data (log.dirs) directory. */
  dataDir: string;
  /** Class-data sharing archive this node writes at a clean exit, if any. */
  cdsPending?: string;
  /** Where {@link cdsPending} goes once complete. */
  cdsArchive?: string;
}

/**
 * Contents of `cluster.json`.
 *
 * @example
 * ```ts
 * const state: ClusterState | undefined = await readState(dir);
 * console.log(state?.bootstrap);
 * ```
 */
export interface ClusterState {
  /** Bumped when the shape changes. */
  format: 1;
  kafkaVersion: string;
  clusterId: string;
  /** Client bootstrap string, e.g. `127.0.0.1:9092`. */
  bootstrap: string;
  /** ISO time the cluster was started. */
  startedAt: string;
  nodes: NodeState[];
}

/** File name of the pid file inside a run directory. */
const STATE_FILE = "cluster.json";

/**
 * Path of the pid file of run directory `dir`.
 *
 * @example
 * ```ts
 * statePath(".cache/kafka/run/default"); // ".cache/kafka/run/default/cluster.json"
 * ```
 */
export function statePath(dir: string): string {
  return join(dir, STATE_FILE);
}

function isNodeState(value: unknown): value is NodeState {
  const node = value as NodeState;
  return typeof node === "object" && node !== null &&
    Number.isInteger(node.id) && Number.isInteger(node.pid) &&
    Number.isInteger(node.broker) && Number.isInteger(node.controller) &&
    typeof node.propertiesFile === "string" && typeof node.logFile === "string" &&
    typeof node.dataDir === "string";
}

/**
 * Reads the pid file of `dir`; `undefined` when there is none. A file that is
 * not a valid state (truncated, edited, older format) is treated as absent.
 *
 * @example
 * ```ts
 * const state = await readState(dir);
 * if (state) console.log(`cluster ${state.clusterId} at ${state.bootstrap}`);
 * ```
 */
export async function readState(dir: string): Promise<ClusterState | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(statePath(dir));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw cannot("read the Kafka pid file", `${statePath(dir)} is unreadable`, error);
  }
  try {
    const state = JSON.parse(text) as ClusterState;
    if (
      state.format !== 1 || typeof state.bootstrap !== "string" ||
      typeof state.clusterId !== "string" || !Array.isArray(state.nodes) ||
      !state.nodes.every(isNodeState)
    ) return undefined;
    return state;
  } catch {
    return undefined;
  }
}

/**
 * Writes the pid file of `dir` atomically (temp file + rename).
 *
 * @example
 * ```ts
 * await writeState(dir, { format: 1, kafkaVersion: "4.4.0", clusterId, bootstrap, startedAt, nodes });
 * ```
 */
export async function writeState(dir: string, state: ClusterState): Promise<void> {
  const path = statePath(dir);
  const temp = `${path}.${Deno.pid}.tmp`;
  try {
    await Deno.writeTextFile(temp, `${JSON.stringify(state, null, 2)}\n`);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw cannot("write the Kafka pid file", `${path} is not writable`, error);
  }
}

/**
 * Removes the pid file of `dir`, if any.
 *
 * @example
 * ```ts
 * await removeState(dir);
 * ```
 */
export async function removeState(dir: string): Promise<void> {
  try {
    await Deno.remove(statePath(dir));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      throw cannot("remove the Kafka pid file", `${statePath(dir)} could not be deleted`, error);
    }
  }
}
