/**
 * Starts a Tributary worker process for the bench, exactly as
 * `deno task source-worker` / `deno task sink-worker` run it (same
 * permissions), configured by environment on a free loopback port.
 * `BENCH_TRIBUTARY_DENO_FLAGS` adds flags to `deno run` (e.g. to profile).
 *
 * @example
 * ```ts ignore
 * import { startTributaryWorker } from "./tributary_worker.ts";
 * const worker = startTributaryWorker({
 *   kind: "source", bootstrap: "127.0.0.1:9092", dir: "/tmp/bench", id: "b1",
 * });
 * console.log(await worker.waitHealthy(), "ms to healthy");
 * await worker.stop();
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import { type ManagedProcess, spawnManaged } from "./managed_process.ts";
import { freePort } from "./free_port.ts";

/**
 * What to start.
 *
 * @example
 * ```ts
 * import type { TributaryWorkerOptions } from "./tributary_worker.ts";
 * const o: TributaryWorkerOptions = { kind: "sink", bootstrap: "127.0.0.1:9092", dir: "/tmp/b", id: "x" };
 * ```
 */
export interface TributaryWorkerOptions {
  readonly kind: "source" | "sink";
  readonly bootstrap: string;
  /** Directory the file connectors may use (and where the log goes). */
  readonly dir: string;
  /** Makes group and internal topic names unique to this bench. */
  readonly id: string;
  /** Extra `CONNECT_*` settings. */
  readonly env?: Record<string, string>;
}

const REPO = fileURLToPath(new URL("../", import.meta.url));

/**
 * The internal topics a worker of `kind` with bench id `id` uses.
 *
 * @example
 * ```ts
 * import { tributaryInternalTopics } from "./tributary_worker.ts";
 * console.log(tributaryInternalTopics("source", "b1"));
 * // ["bench-b1-trib-source-control", "bench-b1-trib-source-offsets"]
 * ```
 */
export function tributaryInternalTopics(kind: "source" | "sink", id: string): string[] {
  return [`bench-${id}-trib-${kind}-control`, `bench-${id}-trib-${kind}-offsets`];
}

function denoFlags(): string[] {
  const flags = Deno.env.get("BENCH_TRIBUTARY_DENO_FLAGS")?.trim();
  return flags ? flags.split(/\s+/) : [];
}

/**
 * Spawns the worker (`deno run` with the deno task's permissions plus the
 * bench directory); see the module doc.
 *
 * @example
 * ```ts ignore
 * import { startTributaryWorker } from "./tributary_worker.ts";
 * const w = startTributaryWorker({ kind: "sink", bootstrap, dir, id });
 * await w.waitHealthy();
 * ```
 */
export function startTributaryWorker(options: TributaryWorkerOptions): ManagedProcess {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const [control, offsets] = tributaryInternalTopics(options.kind, options.id);
  Deno.mkdirSync(`${REPO}/data`, { recursive: true });
  return spawnManaged({
    name: `Tributary ${options.kind} worker`,
    command: Deno.execPath(),
    args: [
      "run",
      // For profiling, e.g. BENCH_TRIBUTARY_DENO_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
      ...denoFlags(),
      "--allow-net",
      "--allow-env",
      `--allow-read=.,data,${options.dir}`,
      `--allow-write=data,${options.dir}`,
      // As the deno.json tasks: the native CRC-32C (shared/kafka/crc32c.ts).
      "--allow-ffi=node_modules",
      `services/${options.kind}-worker/main.ts`,
    ],
    cwd: REPO,
    url,
    logFile: `${options.dir}/tributary-${options.kind}-${port}.log`,
    env: {
      KAFKA_BOOTSTRAP: options.bootstrap,
      CONNECT_LISTENERS: url,
      CONNECT_GROUP_ID: `bench-${options.id}-trib-${options.kind}`,
      CONNECT_CONFIG_STORAGE_TOPIC: control,
      CONNECT_OFFSET_STORAGE_TOPIC: offsets,
      CONNECT_REPLICATION_FACTOR: "1",
      CONNECT_FILE_ALLOWED_DIRS: options.dir,
      CONNECT_OFFSET_FLUSH_INTERVAL_MS: "1000",
      TRIBUTARY_LOG_LEVEL: "warn",
      NO_COLOR: "1",
      ...options.env,
    },
  });
}
