/**
 * The process entry both services share: gather and validate the config,
 * start the worker, and stop it on SIGTERM or SIGINT. Exit codes: 0 after a
 * clean stop, 1 when the config is invalid or the worker cannot start. No
 * stack traces for expected failures: a message naming the key or address.
 *
 * @example
 * ```ts
 * import { runWorkerMain } from "./worker_main.ts";
 * // services/source-worker/main.ts:
 * // Deno.exit(await runWorkerMain({ kind: "source", args: Deno.args, env: Deno.env.toObject(),
 * //   startRuntime: startKafkaRuntime }));
 * ```
 * @module
 */
import { resolveWorkerConfig, type WorkerKind } from "../config/worker_config.ts";
import { gatherWorkerConfig } from "../config/worker_config_sources.ts";
import { buildInfo } from "./build_info.ts";
import { createLogger, type LogLevel } from "./log.ts";
import {
  type StartRuntime,
  startWorker,
  type WorkerOptions,
  type WorkerRuntime,
} from "./worker.ts";

/** Options of {@linkcode runWorkerMain}. */
export interface WorkerMainOptions<R extends WorkerRuntime> {
  kind: WorkerKind;
  args: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  startRuntime: StartRuntime<R>;
  restPlugins?: WorkerOptions<R>["restPlugins"];
  /** Resolves when the process should stop; defaults to SIGTERM or SIGINT. */
  stopSignal?: Promise<string>;
  /** How long a stop may take before the process gives up waiting. */
  stopDeadlineMs?: number;
}

/** Resolves with the signal's name on the first SIGTERM or SIGINT. */
export function onStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      Deno.addSignalListener(signal, () => resolve(signal));
    }
  });
}

const LEVELS: readonly string[] = ["debug", "info", "warn", "error"];

/**
 * Runs a worker until it is told to stop; returns the exit code.
 *
 * @example
 * ```ts
 * import { runWorkerMain } from "./worker_main.ts";
 * const code = await runWorkerMain({
 *   kind: "sink",
 *   args: [],
 *   env: { CONNECT_COLOUR: "red" },
 *   startRuntime: () => Promise.reject(new Error("unreachable")),
 * });
 * console.log(code); // 1: "colour ... unknown configuration key"
 * ```
 */
export async function runWorkerMain<R extends WorkerRuntime>(
  options: WorkerMainOptions<R>,
): Promise<number> {
  const level = options.env.TRIBUTARY_LOG_LEVEL ?? "info";
  const log = createLogger(`${options.kind}-worker`, {
    level: LEVELS.includes(level) ? level as LogLevel : "info",
  });
  let worker;
  try {
    const raw = await gatherWorkerConfig({ args: options.args, env: options.env });
    const config = resolveWorkerConfig(options.kind, raw.props, raw.origins);
    worker = await startWorker({
      config,
      build: await buildInfo(options.env),
      log,
      startRuntime: options.startRuntime,
      restPlugins: options.restPlugins,
    });
  } catch (err) {
    log.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const signal = await (options.stopSignal ?? onStopSignal());
  log.info("stopping", { signal });
  const deadlineMs = options.stopDeadlineMs ?? 4500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), deadlineMs);
  });
  try {
    const outcome = await Promise.race([worker.stop().then(() => "done" as const), deadline]);
    if (outcome === "late") log.warn("stop took too long; exiting anyway", { deadlineMs });
    else log.info("stopped");
  } catch (err) {
    log.error("error while stopping", { err });
  } finally {
    clearTimeout(timer);
  }
  return 0;
}
