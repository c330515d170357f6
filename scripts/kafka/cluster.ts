/**
 * Start, stop and inspect a local Apache Kafka cluster of combined
 * broker+controller KRaft nodes, each a detached JVM that outlives the
 * process that started it. Used by `deno task kafka`, the test runner,
 * `deno task start` and the benchmarks.
 *
 * A run directory holds everything of one cluster:
 *
 * ```
 * <dir>/cluster.json            pid file: nodes, pids, ports, bootstrap
 * <dir>/.lock                   start/stop lock (flock)
 * <dir>/node-<id>.log           the node's stdout, stderr and log4j output
 * <dir>/node-<id>.previous.log  the log of the node's previous run
 * <dir>/node-<id>/server.properties
 * <dir>/node-<id>/data/         KRaft metadata and topic data (kept across restarts)
 * ```
 *
 * @example
 * ```ts
 * import { startCluster } from "./scripts/kafka/cluster.ts";
 *
 * const kafka = await startCluster({ dir: await Deno.makeTempDir(), nodes: 1 });
 * console.log(kafka.bootstrap); // e.g. "127.0.0.1:40123"
 * await kafka.stop();
 * ```
 *
 * @module
 */

import { join, resolve } from "node:path";
import { archiveKey, discardArchive, planCds, promoteArchive } from "./class_data_sharing.ts";
import { randomClusterId } from "./cluster_id.ts";
import { cannot, messageOf } from "./errors.ts";
import { ensureKafka, type InstallOptions } from "./install.ts";
import { checkJava, formatStorage, javaExecutable, spawnNode } from "./jvm.ts";
import { acquireLock } from "./lock.ts";
import { keyErrorLines, readLogEnd, tailOfFile } from "./log_tail.ts";
import { defaultRunDir } from "./paths.ts";
import { firstBusyPort, fixedPorts, freePorts, HOST, type NodePorts } from "./ports.ts";
import { fetchMetadata } from "./probe.ts";
import { isAlive, waitForExit } from "./process_info.ts";
import { bootstrapServers, type PropertyValue, serverProperties } from "./server_properties.ts";
import { type ClusterState, type NodeState, readState, removeState, writeState } from "./state.ts";

/** Most nodes a local cluster may have. */
const MAX_NODES = 5;

/**
 * Options of {@link startCluster}.
 *
 * @example
 * ```ts
 * const options: StartClusterOptions = { nodes: 3, basePort: 9092, heap: "1g" };
 * await startCluster(options);
 * ```
 */
export interface StartClusterOptions {
  /** Number of combined broker+controller nodes: 1 (default) or 3 (up to {@link MAX_NODES}). */
  nodes?: number;
  /** Run directory; default `.cache/kafka/run/<name>`. */
  dir?: string;
  /** Names the default run directory; default "default". */
  name?: string;
  /**
   * Fixed ports: node i listens on `basePort + 2i` (clients) and
   * `basePort + 2i + 1` (controller). Omit (or 0) to pick free ports.
   */
  basePort?: number;
  /** JVM heap per node, e.g. "512m" (default) or "1g". */
  heap?: string;
  /** Extra JVM options per node. */
  jvmArgs?: string[];
  /**
   * Use class-data sharing archives (cached under `.cache/kafka/<version>/cds/`)
   * to start JVMs faster; default true.
   */
  classDataSharing?: boolean;
  /** Extra broker settings for every node, e.g. `{ "num.partitions": 6 }`. */
  overrides?: Record<string, PropertyValue>;
  /** Wipe the run directory's data first instead of reusing it. */
  fresh?: boolean;
  /** How long to wait for the cluster to answer; default 90 s. */
  timeoutMs?: number;
  /** How long to wait for another start/stop on the same directory; default 5 min. */
  lockTimeoutMs?: number;
  /** Aborting tears down the nodes being started and rejects. */
  signal?: AbortSignal;
  /** Where the Kafka jars come from (cache root, versions, mvn). */
  install?: Omit<InstallOptions, "log">;
  /** Progress messages; default: none. */
  log?: (message: string) => void;
}

/**
 * Options of {@link stopCluster}.
 *
 * @example
 * ```ts
 * await stopCluster(dir, { timeoutMs: 10_000, log: console.error } satisfies StopOptions);
 * ```
 */
export interface StopOptions {
  /** Grace period after SIGTERM before SIGKILL; default 30 s. */
  timeoutMs?: number;
  /** Progress messages; default: none. */
  log?: (message: string) => void;
}

/**
 * What {@link stopCluster} did.
 *
 * @example
 * ```ts
 * const result: StopResult = await stopCluster(dir);
 * if (result.forced.length > 0) console.warn("had to kill", result.forced);
 * ```
 */
export interface StopResult {
  /** Whether a pid file with at least one live node was found. */
  wasRunning: boolean;
  /** Ids of nodes that needed SIGKILL. */
  forced: number[];
}

/**
 * A started (or already running) cluster.
 *
 * @example
 * ```ts
 * const kafka: KafkaCluster = await startCluster({ name: "bench", nodes: 3 });
 * console.log(kafka.bootstrap, kafka.nodes.map((node) => node.logFile));
 * await kafka.stop();
 * ```
 */
export interface KafkaCluster {
  /** Client bootstrap string, e.g. `127.0.0.1:9092` or `127.0.0.1:9092,127.0.0.1:9094,...`. */
  bootstrap: string;
  clusterId: string;
  /** Absolute run directory. */
  dir: string;
  kafkaVersion: string;
  /** ISO time the nodes were started. */
  startedAt: string;
  nodes: NodeState[];
  /** True when the cluster was already running and this call left it untouched. */
  alreadyRunning: boolean;
  /** Stops the cluster (same as {@link stopCluster} on its directory). */
  stop(options?: StopOptions): Promise<StopResult>;
}

/**
 * A node as seen by {@link clusterStatus}.
 *
 * @example
 * ```ts
 * const { nodes } = await clusterStatus(dir);
 * const down: NodeStatus[] = nodes.filter((node) => !node.alive);
 * ```
 */
export interface NodeStatus extends NodeState {
  /** Its JVM is running. */
  alive: boolean;
  /** It answered a Metadata request (only when probed). */
  answering?: boolean;
}

/**
 * What {@link clusterStatus} found.
 *
 * @example
 * ```ts
 * const status: ClusterStatus = await clusterStatus(dir);
 * console.log(status.status); // "running" | "partial" | "stopped"
 * ```
 */
export interface ClusterStatus {
  /** Absolute run directory. */
  dir: string;
  /** `running`: every node alive; `partial`: some; `stopped`: none or no pid file. */
  status: "running" | "partial" | "stopped";
  /** The pid file's contents, when there is a live cluster. */
  state?: ClusterState;
  nodes: NodeStatus[];
  /** A pid file whose processes were all dead was removed. */
  staleRemoved: boolean;
}

function nodePaths(dir: string, id: number) {
  return {
    nodeDir: join(dir, `node-${id}`),
    propertiesFile: join(dir, `node-${id}`, "server.properties"),
    dataDir: join(dir, `node-${id}`, "data"),
    logFile: join(dir, `node-${id}.log`),
    previousLogFile: join(dir, `node-${id}.previous.log`),
  };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolvePromise) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolvePromise();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/**
 * The `cluster.id` in a formatted data directory's meta.properties, if any.
 *
 * @example
 * ```ts
 * const id = await formattedClusterId(".cache/kafka/run/default/node-1/data");
 * ```
 */
export async function formattedClusterId(dataDir: string): Promise<string | undefined> {
  try {
    const text = await Deno.readTextFile(join(dataDir, "meta.properties"));
    return text.match(/^cluster\.id=(.+)$/m)?.[1]?.trim();
  } catch {
    return undefined;
  }
}

/**
 * Result of {@link inspectData}.
 *
 * @example
 * ```ts
 * const data: DataInspection = await inspectData(dir, 3);
 * if (data.kind === "mismatch") throw new Error(data.reason);
 * ```
 */
export type DataInspection =
  | { kind: "none" }
  | { kind: "reusable"; clusterId: string }
  | { kind: "mismatch"; reason: string };

/**
 * Looks at the formatted node data already in `dir` to decide whether a
 * `nodes`-node cluster can reuse it: yes when nodes 1..n are formatted with
 * one cluster id and no other node is; "none" when nothing is formatted.
 *
 * @example
 * ```ts
 * const data = await inspectData(dir, 1);
 * if (data.kind === "reusable") console.log(`keeping cluster ${data.clusterId}`);
 * ```
 */
export async function inspectData(dir: string, nodes: number): Promise<DataInspection> {
  const formatted = new Map<number, string>();
  try {
    for await (const entry of Deno.readDir(dir)) {
      const match = entry.isDirectory ? entry.name.match(/^node-(\d+)$/) : null;
      if (!match) continue;
      const id = Number(match[1]);
      const clusterId = await formattedClusterId(nodePaths(dir, id).dataDir);
      if (clusterId !== undefined) formatted.set(id, clusterId);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { kind: "none" };
    throw error;
  }
  if (formatted.size === 0) return { kind: "none" };
  const ids = [...formatted.keys()].sort((a, b) => a - b);
  const clusterIds = new Set(formatted.values());
  const expected = Array.from({ length: nodes }, (_, i) => i + 1);
  if (ids.join(",") !== expected.join(",") || clusterIds.size !== 1) {
    const what = clusterIds.size === 1 ? `a ${ids.length}-node cluster` : "several clusters";
    return {
      kind: "mismatch",
      reason: `${dir} holds the data of ${what} (formatted nodes ${
        ids.join(", ")
      }), not of ${nodes} node(s)`,
    };
  }
  return { kind: "reusable", clusterId: [...clusterIds][0] };
}

/**
 * Removes the cluster files of `dir` (node folders, node logs and the pid
 * file), leaving anything else in it alone.
 *
 * @example
 * ```ts
 * await wipeRunDir(".cache/kafka/run/default");
 * ```
 */
export async function wipeRunDir(dir: string): Promise<void> {
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (/^node-\d+(\.log|\.previous\.log)?$/.test(entry.name) || entry.name === "cluster.json") {
        await Deno.remove(join(dir, entry.name), { recursive: true });
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      throw cannot("wipe the Kafka run directory", `${dir} could not be cleared`, error);
    }
  }
}

async function nodeStatuses(state: ClusterState): Promise<NodeStatus[]> {
  return await Promise.all(
    state.nodes.map(async (node) => ({
      ...node,
      alive: await isAlive(node.pid, node.propertiesFile),
    })),
  );
}

async function signalNode(node: NodeState, signal: Deno.Signal): Promise<void> {
  if (!(await isAlive(node.pid, node.propertiesFile))) return;
  try {
    Deno.kill(node.pid, signal);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) {
      throw cannot("stop Kafka", `could not signal node ${node.id} (pid ${node.pid})`, error);
    }
  }
}

/** Finishes a node's class-data sharing archive after it exited (see class_data_sharing.ts). */
async function settleArchive(node: NodeState, exitedCleanly: boolean): Promise<void> {
  const plan = { archive: node.cdsArchive ?? "", pending: node.cdsPending };
  if (exitedCleanly && node.cdsArchive !== undefined) await promoteArchive(plan);
  else await discardArchive(plan);
}

/**
 * SIGTERM to the live ones of `nodes`, SIGKILL to those still alive after
 * `timeoutMs`; resolves to the ids of the killed ones. With `keepArchives`,
 * archives written by cleanly stopped nodes are kept.
 */
async function stopNodes(
  nodes: NodeState[],
  timeoutMs: number,
  log: (message: string) => void,
  keepArchives: boolean,
): Promise<number[]> {
  const alive = await Promise.all(nodes.map((node) => isAlive(node.pid, node.propertiesFile)));
  await Promise.all(nodes.map((node) => signalNode(node, "SIGTERM")));
  const exited = await Promise.all(
    nodes.map((node) => waitForExit(node.pid, node.propertiesFile, timeoutMs)),
  );
  const forced = nodes.filter((_, i) => !exited[i]);
  for (const node of forced) {
    log(`Node ${node.id} (pid ${node.pid}) did not stop within ${timeoutMs} ms; killing it.`);
    await signalNode(node, "SIGKILL");
  }
  await Promise.all(forced.map((node) => waitForExit(node.pid, node.propertiesFile, 10_000)));
  await Promise.all(
    nodes.map((node, i) => settleArchive(node, keepArchives && alive[i] && exited[i])),
  );
  return forced.map((node) => node.id);
}

function clusterHandle(state: ClusterState, dir: string, alreadyRunning: boolean): KafkaCluster {
  return {
    bootstrap: state.bootstrap,
    clusterId: state.clusterId,
    dir,
    kafkaVersion: state.kafkaVersion,
    startedAt: state.startedAt,
    nodes: state.nodes,
    alreadyRunning,
    stop: (options?: StopOptions) => stopCluster(dir, options),
  };
}

async function deathReason(node: NodeState): Promise<string> {
  const text = await readLogEnd(node.logFile) ?? "";
  const errors = keyErrorLines(text, 8);
  const hint = errors.some((line) => /Address already in use|BindException/.test(line))
    ? ` (port ${node.broker} or ${node.controller} is already in use)`
    : "";
  const detail = errors.length > 0
    ? `errors in ${node.logFile}:\n${errors.join("\n")}`
    : `last lines of ${node.logFile}:\n${await tailOfFile(node.logFile, 20)}`;
  return `node ${node.id} exited during start-up${hint}; ${detail}`;
}

/**
 * Options of {@link waitForCluster}.
 *
 * @example
 * ```ts
 * await waitForCluster(state, { timeoutMs: 30_000, signal: AbortSignal.timeout(60_000) } satisfies WaitOptions);
 * ```
 */
export interface WaitOptions {
  /** Give up after this long; default 90 s. */
  timeoutMs?: number;
  /** Stop waiting (rejects with "interrupted"). */
  signal?: AbortSignal;
}

/**
 * Waits until every node of `state` answers ApiVersions + Metadata over TCP
 * with the expected cluster id and sees all of the cluster's brokers. Rejects
 * as soon as a node's JVM dies (quoting its log), on timeout, or on abort.
 *
 * @example
 * ```ts
 * await waitForCluster(state, { timeoutMs: 60_000 });
 * ```
 */
export async function waitForCluster(
  state: ClusterState,
  options: WaitOptions = {},
): Promise<void> {
  const { timeoutMs = 90_000, signal } = options;
  const deadline = Date.now() + timeoutMs;
  const ready = new Set<number>();
  let lastProblem = "no answer yet";
  for (;;) {
    if (signal?.aborted) throw cannot("start Kafka", "interrupted", signal.reason);
    for (const node of state.nodes) {
      if (!(await isAlive(node.pid, node.propertiesFile))) {
        throw cannot("start Kafka", await deathReason(node));
      }
    }
    for (const node of state.nodes) {
      if (ready.has(node.id)) continue;
      try {
        const metadata = await fetchMetadata(HOST, node.broker, 2_000);
        if (metadata.clusterId !== state.clusterId) {
          lastProblem = `node ${node.id} answered with cluster id ${metadata.clusterId}`;
        } else if (metadata.brokers.length < state.nodes.length) {
          lastProblem =
            `node ${node.id} sees ${metadata.brokers.length} of ${state.nodes.length} brokers`;
        } else {
          ready.add(node.id);
        }
      } catch (error) {
        lastProblem = messageOf(error);
      }
    }
    if (ready.size === state.nodes.length) return;
    if (Date.now() >= deadline) {
      throw cannot(
        "start Kafka",
        `the cluster did not answer within ${
          Math.round(timeoutMs / 1000)
        } s (${lastProblem}); see ${state.nodes.map((node) => node.logFile).join(", ")}`,
      );
    }
    await delay(100, signal);
  }
}

/** Writes every node's server.properties for `layout` and sets its previous log aside. */
async function writeNodeFiles(
  dir: string,
  layout: NodePorts[],
  overrides: Record<string, PropertyValue> | undefined,
): Promise<Omit<NodeState, "pid">[]> {
  const nodeStates = layout.map((ports, i) => {
    const paths = nodePaths(dir, i + 1);
    return {
      id: i + 1,
      ...ports,
      propertiesFile: paths.propertiesFile,
      logFile: paths.logFile,
      dataDir: paths.dataDir,
    };
  });
  for (const node of nodeStates) {
    const paths = nodePaths(dir, node.id);
    await Deno.mkdir(paths.nodeDir, { recursive: true });
    await Deno.writeTextFile(
      node.propertiesFile,
      serverProperties({ nodeId: node.id, layout, dataDir: node.dataDir, overrides }),
    );
    if (await exists(paths.logFile)) await Deno.rename(paths.logFile, paths.previousLogFile);
  }
  return nodeStates;
}

/**
 * Starts a local Kafka cluster in a run directory and resolves once every
 * node really answers requests. If the directory's cluster is already running
 * it is returned untouched with `alreadyRunning: true`. A stale pid file
 * (all processes gone) is removed and the cluster restarted on its data.
 * Fetches the jars on first use. Only one start/stop per directory runs at a
 * time (a lock), so concurrent starts cannot both format.
 *
 * @example
 * ```ts
 * // A throwaway cluster on free ports, as tests use it:
 * const dir = await Deno.makeTempDir({ prefix: "kafka-" });
 * const kafka = await startCluster({ dir, nodes: 1 });
 * try {
 *   Deno.env.set("KAFKA_BOOTSTRAP", kafka.bootstrap);
 * } finally {
 *   await kafka.stop();
 *   await Deno.remove(dir, { recursive: true });
 * }
 *
 * // The developer's cluster on 9092 (as `deno task kafka` does):
 * const dev = await startCluster({ basePort: 9092 });
 * console.log(dev.alreadyRunning ? "already running" : "started", dev.bootstrap);
 * ```
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<KafkaCluster> {
  const nodes = options.nodes ?? 1;
  const log = options.log ?? (() => {});
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) {
    throw cannot("start Kafka", `--nodes must be 1 or 3 (at most ${MAX_NODES}), not ${nodes}`);
  }
  const dir = resolve(options.dir ?? defaultRunDir(options.name));
  const lock = await acquireLock(join(dir, ".lock"), {
    action: "start Kafka",
    timeoutMs: options.lockTimeoutMs ?? 5 * 60_000,
    onWait: (pid) =>
      log(`Waiting for another start or stop of Kafka in ${dir} (pid ${pid ?? "?"})...`),
  });
  try {
    const previous = await readState(dir);
    if (previous) {
      const statuses = await nodeStatuses(previous);
      const down = statuses.filter((node) => !node.alive).map((node) => node.id);
      if (down.length === 0) return clusterHandle(previous, dir, true);
      if (down.length < statuses.length) {
        throw cannot(
          "start Kafka",
          `the cluster in ${dir} is only partly running (node ${
            down.join(", ")
          } down); stop it first (deno task kafka stop)`,
        );
      }
      await Promise.all(previous.nodes.map((node) => settleArchive(node, false)));
      await removeState(dir);
      log(`Removed a stale pid file (${join(dir, "cluster.json")}): its processes were gone.`);
    }

    const java = javaExecutable();
    const javaInfo = await checkJava(java);
    const kafka = await ensureKafka({ ...options.install, log });
    const useCds = options.classDataSharing ?? true;
    const cdsDir = join(kafka.versionDir, "cds");
    const cdsKey = await archiveKey([
      javaInfo.description,
      kafka.version,
      kafka.marker.log4jVersion,
      kafka.marker.pomSha256,
    ]);
    let layout = options.basePort ? fixedPorts(options.basePort, nodes) : freePorts(nodes);
    const busy = firstBusyPort(layout);
    if (busy !== undefined) {
      throw cannot(
        "start Kafka",
        `port ${busy} on ${HOST} is already in use (another Kafka?); stop it or choose other ports`,
      );
    }

    if (options.fresh) await wipeRunDir(dir);
    const data = await inspectData(dir, nodes);
    if (data.kind === "mismatch") {
      throw cannot("start Kafka", `${data.reason}; wipe it with --fresh or use another --dir`);
    }
    const clusterId = data.kind === "reusable" ? data.clusterId : randomClusterId();
    let nodeStates = await writeNodeFiles(dir, layout, options.overrides);
    if (data.kind === "none") {
      log(`Formatting ${nodes} node(s) of cluster ${clusterId}...`);
      const plans = await Promise.all(
        nodeStates.map((_, i) =>
          useCds ? planCds(cdsDir, "storage-tool", cdsKey, i === 0) : undefined
        ),
      );
      try {
        await Promise.all(
          nodeStates.map((node, i) =>
            formatStorage({
              java,
              classpath: kafka.classpath,
              clusterId,
              propertiesFile: node.propertiesFile,
              jvmArgs: plans[i]?.args,
            })
          ),
        );
      } catch (error) {
        for (const plan of plans) if (plan) await discardArchive(plan);
        for (const node of nodeStates) {
          await Deno.remove(node.dataDir, { recursive: true }).catch(() => {});
        }
        throw error;
      }
      for (const plan of plans) if (plan) await promoteArchive(plan);
    }

    for (let attempt = 1;; attempt++) {
      const state: ClusterState = {
        format: 1,
        kafkaVersion: kafka.version,
        clusterId,
        bootstrap: bootstrapServers(layout),
        startedAt: new Date().toISOString(),
        nodes: [],
      };
      try {
        for (const node of nodeStates) {
          // Only the first node writes a missing archive; the others just use one if present.
          const plan = useCds ? await planCds(cdsDir, "broker", cdsKey, node.id === 1) : undefined;
          const pid = await spawnNode({
            java,
            classpath: kafka.classpath,
            propertiesFile: node.propertiesFile,
            logFile: node.logFile,
            heap: options.heap,
            jvmArgs: [...(plan?.args ?? []), ...(options.jvmArgs ?? [])],
          });
          const started: NodeState = { ...node, pid };
          if (plan?.pending !== undefined) {
            started.cdsPending = plan.pending;
            started.cdsArchive = plan.archive;
          }
          state.nodes.push(started);
          await writeState(dir, state);
        }
        log(`Started ${nodes} node(s); waiting for ${state.bootstrap} to answer...`);
        await waitForCluster(state, { timeoutMs: options.timeoutMs, signal: options.signal });
        return clusterHandle(state, dir, false);
      } catch (error) {
        await stopNodes(state.nodes, 5_000, log, false).catch(() => []);
        await removeState(dir).catch(() => {});
        // Free ports can be taken by someone else between picking and binding: pick again.
        const portTaken = /is already in use\)/.test(messageOf(error));
        if (options.basePort || !portTaken || attempt >= 3) throw error;
        log("A picked port was taken before Kafka could bind it; retrying on other ports...");
        layout = freePorts(nodes);
        nodeStates = await writeNodeFiles(dir, layout, options.overrides);
      }
    }
  } finally {
    await lock.release();
  }
}

/**
 * Stops the cluster of run directory `dir`: SIGTERM to every node (Kafka
 * shuts down cleanly), SIGKILL after `timeoutMs`, then removes the pid file.
 * Data is kept. Resolves with `wasRunning: false` when nothing was running.
 *
 * @example
 * ```ts
 * const { wasRunning } = await stopCluster(".cache/kafka/run/default");
 * console.log(wasRunning ? "stopped" : "was not running");
 * ```
 */
export async function stopCluster(dir: string, options: StopOptions = {}): Promise<StopResult> {
  const { timeoutMs = 30_000, log = () => {} } = options;
  const absolute = resolve(dir);
  if (!(await exists(absolute))) return { wasRunning: false, forced: [] };
  const lock = await acquireLock(join(absolute, ".lock"), {
    action: "stop Kafka",
    timeoutMs: 5 * 60_000,
    onWait: (pid) => log(`Waiting for another start or stop in ${absolute} (pid ${pid ?? "?"})...`),
  });
  try {
    const state = await readState(absolute);
    if (!state) return { wasRunning: false, forced: [] };
    const statuses = await nodeStatuses(state);
    const forced = await stopNodes(state.nodes, timeoutMs, log, true);
    await removeState(absolute);
    return { wasRunning: statuses.some((node) => node.alive), forced };
  } finally {
    await lock.release();
  }
}

/**
 * Reports whether the cluster of `dir` runs, node by node, optionally asking
 * each live node for Metadata. A pid file whose processes are all gone is
 * removed (`staleRemoved: true`) unless `cleanStale` is false.
 *
 * @example
 * ```ts
 * const status = await clusterStatus(".cache/kafka/run/default");
 * if (status.status === "running") console.log(status.state!.bootstrap);
 * ```
 */
export async function clusterStatus(
  dir: string,
  options: { probe?: boolean; cleanStale?: boolean } = {},
): Promise<ClusterStatus> {
  const { probe = true, cleanStale = true } = options;
  const absolute = resolve(dir);
  const state = await readState(absolute);
  if (!state) return { dir: absolute, status: "stopped", nodes: [], staleRemoved: false };
  const nodes = await nodeStatuses(state);
  const aliveCount = nodes.filter((node) => node.alive).length;
  if (aliveCount === 0) {
    let staleRemoved = false;
    if (cleanStale) {
      try {
        const lock = await acquireLock(join(absolute, ".lock"), { timeoutMs: 0 });
        try {
          const again = await readState(absolute);
          if (again && (await nodeStatuses(again)).every((node) => !node.alive)) {
            await Promise.all(again.nodes.map((node) => settleArchive(node, false)));
            await removeState(absolute);
            staleRemoved = true;
          }
        } finally {
          await lock.release();
        }
      } catch {
        // A start or stop holds the lock; it will sort the pid file out.
      }
    }
    return { dir: absolute, status: "stopped", nodes, staleRemoved };
  }
  if (probe) {
    await Promise.all(nodes.map(async (node) => {
      if (!node.alive) return;
      try {
        const metadata = await fetchMetadata(HOST, node.broker, 2_000);
        node.answering = metadata.clusterId === state.clusterId;
      } catch {
        node.answering = false;
      }
    }));
  }
  return {
    dir: absolute,
    status: aliveCount === nodes.length ? "running" : "partial",
    state,
    nodes,
    staleRemoved: false,
  };
}
