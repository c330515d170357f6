/**
 * Starts real worker processes (`deno run services/<kind>-worker/main.ts`)
 * for integration tests, with the same permissions the deno tasks grant,
 * and captures their output.
 *
 * @example
 * ```ts
 * import { startWorkerProcess } from "./worker_process.ts";
 * const worker = await startWorkerProcess({ kind: "source", env: { CONNECT_GROUP_ID: "t" } });
 * await worker.waitHealthy();
 * console.log(await (await fetch(`${worker.url}/`)).json());
 * await worker.stop("SIGTERM");
 * ```
 * @module
 */
import { kafkaBootstrap } from "./kafka_env.ts";

const root = new URL("../../", import.meta.url);

/** A running worker process. */
export interface WorkerProcess {
  /** The REST base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly child: Deno.ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once `GET /health` answers 200; rejects after `timeoutMs`. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code and how long the exit took. */
  stop(signal?: Deno.Signal): Promise<{ code: number; ms: number }>;
  /** Resolves with the exit status once the process ends. */
  readonly status: Promise<Deno.CommandStatus>;
}

/** Options of {@linkcode startWorkerProcess}. */
export interface WorkerProcessOptions {
  kind: "source" | "sink";
  /** Extra environment (CONNECT_* keys); KAFKA_BOOTSTRAP and the listener are set for you. */
  env?: Record<string, string>;
  args?: string[];
  /** Extra read/write directories granted beyond the repo and `data`. */
  dirs?: string[];
  /** Listener port; default a free one. */
  port?: number;
}

/** A free TCP port on loopback. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * Spawns a worker process; see the module doc.
 *
 * @example
 * ```ts
 * import { startWorkerProcess } from "./worker_process.ts";
 * const bad = await startWorkerProcess({ kind: "sink", env: { CONNECT_COLOUR: "red" } });
 * console.log((await bad.status).code); // 1
 * ```
 */
export function startWorkerProcess(options: WorkerProcessOptions): WorkerProcess {
  const port = options.port ?? freePort();
  const dirs = options.dirs ?? [];
  const readDirs = [".", "data", ...dirs].join(",");
  const writeDirs = ["data", ...dirs].join(",");
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-env",
      `--allow-read=${readDirs}`,
      `--allow-write=${writeDirs}`,
      // The native CRC-32C of the Kafka client's dependencies (shared/kafka/crc32c.ts).
      "--allow-ffi=node_modules",
      `services/${options.kind}-worker/main.ts`,
      ...(options.args ?? []),
    ],
    cwd: root,
    env: {
      KAFKA_BOOTSTRAP: options.env?.KAFKA_BOOTSTRAP ?? kafkaBootstrap().join(","),
      CONNECT_LISTENERS: `http://127.0.0.1:${port}`,
      NO_COLOR: "1",
      ...options.env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  const status = child.status.then(async (s) => {
    await drained;
    return s;
  });
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  status.then(() => exited = true);
  return {
    url,
    child,
    status,
    output: () => text,
    async waitHealthy(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (exited) throw new Error(`Cannot reach ${url}: the worker exited:\n${text}`);
        try {
          const res = await fetch(`${url}/health`);
          await res.body?.cancel();
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`Cannot reach ${url}: not healthy after ${timeoutMs} ms:\n${text}`);
    },
    async stop(signal = "SIGTERM") {
      const started = Date.now();
      if (!exited) {
        try {
          child.kill(signal);
        } catch {
          // already gone
        }
      }
      const { code } = await status;
      return { code, ms: Date.now() - started };
    },
  };
}
