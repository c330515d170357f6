/**
 * A cluster of real worker processes for the multi-worker tests and the
 * failover benchmark: every worker has its own id, REST port and advertised
 * URL; a restarted worker keeps its id and port. Names are unique per
 * cluster (group, control and offsets topics), so runs never see each
 * other's data.
 *
 * @example
 * ```ts ignore
 * import { TestCluster } from "./cluster.ts";
 * const cluster = await TestCluster.create({ sessionTimeoutMs: 3000 });
 * await cluster.start("source-1", "source");
 * console.log(await cluster.rest("source-1", "GET", "/connectors"));
 * await cluster.close();
 * ```
 * @module
 */
import { freePort, startWorkerProcess, type WorkerProcess } from "./worker_process.ts";
import { uniqueName } from "./kafka_env.ts";

/**
 * Options of {@linkcode TestCluster.create}.
 *
 * @example
 * ```ts
 * import type { TestClusterOptions } from "./cluster.ts";
 * const options: TestClusterOptions = { sessionTimeoutMs: 3000, offsetFlushIntervalMs: 250 };
 * ```
 */
export interface TestClusterOptions {
  /** Default 3000. */
  sessionTimeoutMs?: number;
  /** Default 1000 (at most half the session timeout). */
  heartbeatIntervalMs?: number;
  /** Default 500. */
  offsetFlushIntervalMs?: number;
  /** Bootstrap servers; default `KAFKA_BOOTSTRAP`. */
  bootstrap?: string;
  /** More `CONNECT_*` settings for every worker. */
  env?: Record<string, string>;
  /** Prefix of the group and topic names. */
  name?: string;
}

/**
 * One worker of a {@linkcode TestCluster}.
 *
 * @example
 * ```ts
 * import type { ClusterWorker } from "./cluster.ts";
 * const describe = (w: ClusterWorker) => `${w.name} (${w.kind}) at ${w.address}`;
 * ```
 */
export interface ClusterWorker {
  readonly name: string;
  readonly kind: "source" | "sink";
  readonly port: number;
  /** The advertised `host:port`, as status reports show it (`worker_id`). */
  readonly address: string;
  process: WorkerProcess;
  running: boolean;
  /** Output of earlier processes of this worker (before restarts). */
  readonly history: string[];
}

/**
 * A REST answer.
 *
 * @example
 * ```ts
 * import type { RestAnswer } from "./cluster.ts";
 * const ok = (a: RestAnswer) => a.status < 300;
 * ```
 */
export interface RestAnswer {
  status: number;
  // deno-lint-ignore no-explicit-any
  body: any;
}

/**
 * Kafka Connect's `GET /connectors/{n}/status` body.
 *
 * @example
 * ```ts
 * import type { StatusBody } from "./cluster.ts";
 * const tasks = (s: StatusBody) => s.tasks.length;
 * ```
 */
export interface StatusBody {
  name: string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
  type: string;
}

/**
 * Polls `probe` until `ok` holds; rejects naming `what` and the last value
 * after `timeoutMs`. Returns the value and how long it took.
 *
 * @example
 * ```ts
 * import { eventually } from "./cluster.ts";
 * const { value } = await eventually("a number", () => Promise.resolve(42), (n) => n > 0);
 * console.log(value); // 42
 * ```
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<{ value: T; ms: number }> {
  const began = performance.now();
  let last: T = await probe();
  while (!ok(last)) {
    if (performance.now() - began > timeoutMs) {
      throw new Error(
        `Cannot see ${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)?.slice(0, 2000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
    last = await probe();
  }
  return { value: last, ms: performance.now() - began };
}

/**
 * Worker processes sharing one group; see the module doc.
 *
 * @example
 * ```ts ignore
 * import { TestCluster } from "./cluster.ts";
 * const c = await TestCluster.create();
 * await Promise.all([c.start("s1", "source"), c.start("k1", "sink")]);
 * await c.stop("s1", "SIGKILL");
 * await c.close();
 * ```
 */
export class TestCluster {
  readonly dir: string;
  readonly group: string;
  readonly env: Record<string, string>;
  readonly workers = new Map<string, ClusterWorker>();

  private constructor(dir: string, group: string, env: Record<string, string>) {
    this.dir = dir;
    this.group = group;
    this.env = env;
  }

  /** Makes a temporary directory (the only one file connectors may use) and the settings. */
  static async create(options: TestClusterOptions = {}): Promise<TestCluster> {
    const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "tributary-cluster-" }));
    const group = uniqueName(options.name ?? "cluster");
    const env: Record<string, string> = {
      CONNECT_GROUP_ID: group,
      CONNECT_CONFIG_STORAGE_TOPIC: `${group}-control`,
      CONNECT_OFFSET_STORAGE_TOPIC: `${group}-offsets`,
      CONNECT_OFFSET_STORAGE_PARTITIONS: "5",
      CONNECT_FILE_ALLOWED_DIRS: dir,
      CONNECT_SESSION_TIMEOUT_MS: String(options.sessionTimeoutMs ?? 3000),
      CONNECT_HEARTBEAT_INTERVAL_MS: String(options.heartbeatIntervalMs ?? 1000),
      CONNECT_OFFSET_FLUSH_INTERVAL_MS: String(options.offsetFlushIntervalMs ?? 500),
      CONNECT_REST_ADVERTISED_HOST_NAME: "localhost",
      ...(options.bootstrap ? { KAFKA_BOOTSTRAP: options.bootstrap } : {}),
      ...options.env,
    };
    return new TestCluster(dir, group, env);
  }

  /**
   * Starts (or restarts, with the same id and port) a worker and waits until
   * it is healthy. `env` adds settings for this start only.
   */
  async start(
    name: string,
    kind: "source" | "sink",
    options: { env?: Record<string, string>; waitHealthy?: boolean } = {},
  ): Promise<ClusterWorker> {
    const existing = this.workers.get(name);
    if (existing?.running) throw new Error(`Cannot start worker ${name}: it is running`);
    const port = existing?.port ?? freePort();
    const process = startWorkerProcess({
      kind,
      port,
      dirs: [this.dir],
      env: { ...this.env, CONNECT_WORKER_ID: name, ...options.env },
    });
    const worker: ClusterWorker = existing ?? {
      name,
      kind,
      port,
      address: `localhost:${port}`,
      process,
      running: true,
      history: [],
    };
    if (existing) worker.history.push(existing.process.output());
    worker.process = process;
    worker.running = true;
    this.workers.set(name, worker);
    process.status.then(() => worker.running = false);
    if (options.waitHealthy ?? true) await process.waitHealthy(30_000);
    return worker;
  }

  /** Sends `signal` to a worker and waits for it to exit. */
  async stop(name: string, signal: Deno.Signal = "SIGTERM"): Promise<{ code: number; ms: number }> {
    const w = this.worker(name);
    const result = await w.process.stop(signal);
    w.running = false;
    return result;
  }

  /** A worker by name. */
  worker(name: string): ClusterWorker {
    const w = this.workers.get(name);
    if (!w) throw new Error(`Cannot find worker ${name}`);
    return w;
  }

  /** The running workers (optionally of one kind). */
  live(kind?: "source" | "sink"): ClusterWorker[] {
    return [...this.workers.values()].filter((w) => w.running && (!kind || w.kind === kind));
  }

  /** A REST call on one worker. */
  async rest(name: string, method: string, path: string, body?: unknown): Promise<RestAnswer> {
    const res = await fetch(`${this.worker(name).process.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed };
  }

  /** `GET /connectors/{n}/status` from a worker (null unless 200). */
  async status(name: string, connector: string): Promise<StatusBody | null> {
    const r = await this.rest(name, "GET", `/connectors/${encodeURIComponent(connector)}/status`);
    return r.status === 200 ? r.body as StatusBody : null;
  }

  /**
   * Stops every running worker (SIGTERM) and removes the directory (with
   * `TRIBUTARY_TEST_LOGS` set, writes every worker's output there first).
   */
  async close(): Promise<void> {
    await Promise.all(this.live().map((w) => w.process.stop("SIGTERM").catch(() => {})));
    if (Deno.env.get("TRIBUTARY_TEST_LOGS")) this.output();
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }

  /**
   * Every worker's output (the last 6000 characters each), for failure
   * messages; with `TRIBUTARY_TEST_LOGS=<dir>` set, also writes each
   * worker's whole output to `<dir>/<group>-<worker>.log`.
   */
  output(): string {
    const dir = Deno.env.get("TRIBUTARY_TEST_LOGS");
    if (dir) {
      for (const w of this.workers.values()) {
        Deno.writeTextFileSync(
          `${dir}/${this.group}-${w.name}.log`,
          [...w.history, w.process.output()].join("\n----- restarted -----\n"),
        );
      }
    }
    return [...this.workers.values()].map((w) =>
      `----- ${w.name} -----\n${w.process.output().slice(-6000)}`
    ).join("\n");
  }
}
