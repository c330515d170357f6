/**
 * A worker's lifecycle: serve REST at once (health 503 while starting),
 * connect to Kafka and start the runtime, report healthy, and stop cleanly.
 * Its Kafka side comes in as `startRuntime`, so tests can drive it.
 *
 * @example
 * ```ts
 * import { startWorker } from "./worker.ts";
 * import { resolveWorkerConfig } from "../config/worker_config.ts";
 * import { createLogger } from "./log.ts";
 * const worker = await startWorker({
 *   config: resolveWorkerConfig("source", new Map([["listeners", "http://127.0.0.1:0"]])),
 *   build: { version: "0.1.0", commit: "abc" },
 *   log: createLogger("worker"),
 *   startRuntime: () => Promise.resolve({ clusterId: "c1", stop: () => Promise.resolve() }),
 * });
 * console.log((await fetch(`${worker.url}/health`)).status); // 200
 * await worker.stop();
 * ```
 * @module
 */
import type { WorkerConfig } from "../config/worker_config.ts";
import { createRestApp, type HealthState, type RestPlugin } from "../rest/app.ts";
import type { BuildInfo } from "./build_info.ts";
import type { Logger } from "./log.ts";

/** What a started runtime (Kafka clients, connectors, tasks) offers the worker. */
export interface WorkerRuntime {
  /** The Kafka cluster's id, for `GET /`. */
  readonly clusterId: string;
  /** Stops tasks, commits what is acknowledged, closes clients. */
  stop(): Promise<void>;
}

/** Starts the runtime; rejects with a message naming the problem. */
export type StartRuntime<R extends WorkerRuntime> = (
  config: WorkerConfig,
  signal: AbortSignal,
) => Promise<R>;

/** Options of {@linkcode startWorker}. */
export interface WorkerOptions<R extends WorkerRuntime> {
  config: WorkerConfig;
  build: BuildInfo;
  log: Logger;
  startRuntime: StartRuntime<R>;
  /**
   * REST route plug-ins beyond `/` and `/health`. They are served only once
   * the runtime has started (503 before), so `runtime()` always returns it.
   */
  restPlugins?: (runtime: () => R) => readonly RestPlugin[];
}

/** A worker that is serving. */
export interface RunningWorker {
  /** The URL the REST server listens on (actual port). */
  readonly url: string;
  health(): HealthState;
  /** Stops the runtime and the REST server; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a worker. Resolves once it is healthy; rejects (after closing the
 * REST server) if the runtime cannot start.
 *
 * @example
 * ```ts
 * import { startWorker } from "./worker.ts";
 * // see the module example
 * ```
 */
export async function startWorker<R extends WorkerRuntime>(
  options: WorkerOptions<R>,
): Promise<RunningWorker> {
  const { config, build, log } = options;
  let state: HealthState = "starting";
  let runtime: R | null = null;
  const getRuntime = () => {
    if (runtime === null) throw new Error("Cannot serve request: the runtime has not started");
    return runtime;
  };
  const waitForRuntime: RestPlugin = (app) => {
    app.use("*", async (c, next) => {
      if (runtime === null && c.req.path !== "/" && c.req.path !== "/health") {
        return c.json({ error_code: 503, message: "Worker is still starting up." }, 503);
      }
      return await next();
    });
  };
  const app = createRestApp({
    rootInfo: () => ({
      version: build.version,
      commit: build.commit,
      kafka_cluster_id: runtime?.clusterId ?? null,
    }),
    health: () => state,
    plugins: [waitForRuntime, ...(options.restPlugins?.(getRuntime) ?? [])],
    onUnexpectedError: (err) => log.error("REST request failed", { err }),
  });
  const abort = new AbortController();
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve({
      hostname: config.listener.hostname,
      port: config.listener.port,
      signal: abort.signal,
      onListen: () => {},
    }, app.fetch);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `Cannot listen on ${config.listener.hostname}:${config.listener.port} (listeners): ${reason}`,
      { cause },
    );
  }
  const host = server.addr.hostname.includes(":")
    ? `[${server.addr.hostname}]`
    : server.addr.hostname;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${server.addr.port}`;
  log.info("REST API listening", { url, advertised: config.advertisedUrl });

  const stopServer = async () => {
    abort.abort();
    await server.finished;
  };
  try {
    runtime = await options.startRuntime(config, abort.signal);
  } catch (err) {
    await stopServer();
    throw err;
  }
  state = "healthy";
  log.info("worker ready", {
    kind: config.kind,
    worker_id: config.workerId,
    kafka_cluster_id: runtime.clusterId,
  });

  let stopping: Promise<void> | null = null;
  return {
    url,
    health: () => state,
    stop() {
      stopping ??= (async () => {
        state = "unhealthy";
        try {
          await runtime?.stop();
        } finally {
          await stopServer();
        }
      })();
      return stopping;
    },
  };
}
