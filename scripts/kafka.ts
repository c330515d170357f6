/**
 * `deno task kafka`: a real Apache Kafka for development, in the background.
 *
 * ```
 * deno task kafka                 start one node on 127.0.0.1:9092 (returns; Kafka keeps running)
 * deno task kafka --nodes 3       start three nodes (9092, 9094, 9096)
 * deno task kafka status          is it running?
 * deno task kafka stop            stop it (data is kept; --fresh on start wipes it)
 * ```
 *
 * Run `deno task kafka --help` for every option.
 *
 * @example
 * ```ts
 * // deno run --allow-run --allow-net=127.0.0.1 --allow-read --allow-write --allow-env scripts/kafka.ts status
 * ```
 *
 * @module
 */

import { relative } from "node:path";
import { parseKafkaArgs, USAGE } from "./kafka/cli_args.ts";
import { type ClusterStatus, clusterStatus, startCluster, stopCluster } from "./kafka/cluster.ts";
import { messageOf } from "./kafka/errors.ts";
import { defaultRunDir } from "./kafka/paths.ts";
import { HOST } from "./kafka/ports.ts";
import { fetchMetadata } from "./kafka/probe.ts";
import { KAFKA_VERSION } from "./kafka/versions.ts";

/** A path relative to the working directory when that is shorter. */
function shown(path: string): string {
  const rel = relative(Deno.cwd(), path);
  return rel.length > 0 && !rel.startsWith("..") && rel.length < path.length ? rel : path;
}

function note(message: string): void {
  console.error(message);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function externalBootstrap(): string | undefined {
  const value = Deno.env.get("KAFKA_BOOTSTRAP")?.trim();
  return value ? value : undefined;
}

async function start(args: ReturnType<typeof parseKafkaArgs>): Promise<number> {
  const external = externalBootstrap();
  if (external) {
    console.log(`KAFKA_BOOTSTRAP is set: using the Kafka at ${external} (nothing started).`);
    console.log(`bootstrap: ${external}`);
    return 0;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error("interrupted"));
  Deno.addSignalListener("SIGINT", onSignal);
  const began = performance.now();
  try {
    const cluster = await startCluster({
      nodes: args.nodes,
      dir: args.dir,
      basePort: args.port,
      heap: args.heap,
      fresh: args.fresh,
      timeoutMs: args.timeoutSeconds === undefined ? undefined : args.timeoutSeconds * 1000,
      signal: controller.signal,
      log: note,
    });
    const logs = cluster.nodes.map((node) => shown(node.logFile)).join(", ");
    if (cluster.alreadyRunning) {
      const size = plural(cluster.nodes.length, "node");
      console.log(
        `Kafka ${cluster.kafkaVersion} is already running (${size}, since ${cluster.startedAt}) in ${
          shown(cluster.dir)
        }; left untouched.`,
      );
      if (cluster.nodes.length !== args.nodes) {
        console.log(`It has ${size}, not ${args.nodes}: stop it first to change that.`);
      }
    } else {
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      console.log(
        `Kafka ${cluster.kafkaVersion} started: ${
          plural(cluster.nodes.length, "node")
        }, cluster ${cluster.clusterId}, in ${seconds} s.`,
      );
    }
    console.log(`logs: ${logs}`);
    console.log(`stop: deno task kafka stop${args.dir ? ` --dir ${args.dir}` : ""}`);
    console.log(`bootstrap: ${cluster.bootstrap}`);
    return 0;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

async function stop(args: ReturnType<typeof parseKafkaArgs>): Promise<number> {
  const dir = args.dir ?? defaultRunDir();
  const result = await stopCluster(dir, { log: note });
  if (!result.wasRunning) {
    console.log(`Kafka is not running in ${shown(dir)}.`);
  } else {
    const forced = result.forced.length > 0 ? ` (killed node ${result.forced.join(", ")})` : "";
    console.log(`Kafka stopped${forced}; its data stays in ${shown(dir)}.`);
  }
  return 0;
}

function describe(status: ClusterStatus): string[] {
  const lines: string[] = [];
  const state = status.state;
  if (!state) {
    lines.push(`Kafka is not running in ${shown(status.dir)}.`);
    if (status.staleRemoved) lines.push("(Removed a stale pid file: its processes were gone.)");
    return lines;
  }
  const word = status.status === "running" ? "running" : "partly running";
  lines.push(
    `Kafka ${state.kafkaVersion} is ${word} in ${
      shown(status.dir)
    } (cluster ${state.clusterId}, since ${state.startedAt}).`,
  );
  for (const node of status.nodes) {
    const health = !node.alive ? "down" : node.answering === false ? "up, not answering" : "up";
    lines.push(
      `  node ${node.id}: pid ${node.pid}, ${HOST}:${node.broker} (controller ${node.controller}), ${health}, log ${
        shown(node.logFile)
      }`,
    );
  }
  lines.push(`bootstrap: ${state.bootstrap}`);
  return lines;
}

async function status(args: ReturnType<typeof parseKafkaArgs>): Promise<number> {
  const external = externalBootstrap();
  if (external) {
    const [host, portText] = external.split(",")[0].trim().split(":");
    let answer: string;
    try {
      const metadata = await fetchMetadata(host, Number(portText ?? 9092), 3_000);
      answer = `answers (cluster ${metadata.clusterId}, ${
        plural(metadata.brokers.length, "broker")
      })`;
    } catch (error) {
      answer = `does not answer (${messageOf(error)})`;
    }
    console.log(`KAFKA_BOOTSTRAP is set: ${external} ${answer}.`);
  }
  const result = await clusterStatus(args.dir ?? defaultRunDir());
  for (const line of describe(result)) console.log(line);
  return result.status === "running" || external ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseKafkaArgs>;
  try {
    args = parseKafkaArgs(argv);
  } catch (error) {
    console.error(messageOf(error));
    return 2;
  }
  const action = args.command === "start"
    ? `start Kafka ${KAFKA_VERSION}`
    : `${args.command} Kafka`;
  try {
    switch (args.command) {
      case "help":
        console.log(USAGE);
        return 0;
      case "start":
        return await start(args);
      case "stop":
        return await stop(args);
      case "status":
        return await status(args);
    }
  } catch (error) {
    const message = messageOf(error);
    console.error(message.startsWith("Cannot ") ? message : `Cannot ${action}: ${message}`);
    return message.endsWith(": interrupted") ? 130 : 1;
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
