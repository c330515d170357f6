/**
 * Failover benchmark: how long a SIGKILLed source worker's task takes to run
 * again on another worker, and how long a SIGTERM handoff takes, over
 * several runs against a real broker with real worker processes.
 *
 * Setup: three source workers (`session.timeout.ms` as given, heartbeats at
 * a third of it, at most 1 s) run one file source connector with three
 * tasks, one per worker. Each run SIGKILLs the worker of task 0 and measures
 * from the signal until `GET /connectors/{n}/status` on a surviving worker
 * shows task 0 RUNNING on another live worker; then starts a fresh worker,
 * waits for the work to spread again, and does the same with SIGTERM.
 *
 * `deno run -A bench/failover_bench.ts [runs] [session.timeout.ms]` prints the
 * figures (KAFKA_BOOTSTRAP must point at a broker).
 *
 * @example
 * ```ts ignore
 * import { benchFailover } from "./failover_bench.ts";
 * const r = await benchFailover({ bootstrap: "127.0.0.1:9092", runs: 5, log: console.log });
 * console.log(r.sigkillMedianMs, r.sigtermMedianMs);
 * ```
 * @module
 */
import { eventually, type StatusBody, TestCluster } from "../tests/helpers/cluster.ts";
import { median } from "./stats.ts";

/**
 * Options of {@linkcode benchFailover}.
 *
 * @example
 * ```ts
 * import type { FailoverBenchOptions } from "./failover_bench.ts";
 * const options: FailoverBenchOptions = { bootstrap: "127.0.0.1:9092", runs: 3, sessionTimeoutMs: 3000 };
 * ```
 */
export interface FailoverBenchOptions {
  /** Bootstrap servers, comma-separated. */
  bootstrap: string;
  /** How many SIGKILL and SIGTERM measurements to take (each). */
  runs: number;
  /** The workers' `session.timeout.ms`; default 10000 (the worker default). */
  sessionTimeoutMs?: number;
  /** Progress messages; default none. */
  log?: (message: string) => void;
}

/**
 * What {@linkcode benchFailover} measured, in milliseconds.
 *
 * @example
 * ```ts
 * import type { FailoverBenchResult } from "./failover_bench.ts";
 * const show = (r: FailoverBenchResult) =>
 *   `SIGKILL ${r.sigkillMedianMs} ms (session ${r.sessionTimeoutMs} ms), SIGTERM ${r.sigtermMedianMs} ms`;
 * ```
 */
export interface FailoverBenchResult {
  /** From SIGKILL to the task RUNNING on another worker, one per run. */
  sigkillMs: number[];
  /** From SIGTERM to the task RUNNING on another worker, one per run. */
  sigtermMs: number[];
  sigkillMedianMs: number;
  sigtermMedianMs: number;
  /** The session timeout the workers ran with. */
  sessionTimeoutMs: number;
}

const STRING = "org.apache.kafka.connect.storage.StringConverter";

/**
 * Runs the failover benchmark; see the module doc. Rejects with
 * "Cannot benchmark failover: ..." when the cluster does not settle.
 *
 * @example
 * ```ts ignore
 * import { benchFailover } from "./failover_bench.ts";
 * const { sigkillMs, sigtermMs } = await benchFailover({ bootstrap: "127.0.0.1:9092", runs: 5 });
 * ```
 */
export async function benchFailover(options: FailoverBenchOptions): Promise<FailoverBenchResult> {
  const log = options.log ?? (() => {});
  const sessionTimeoutMs = options.sessionTimeoutMs ?? 10_000;
  const cluster = await TestCluster.create({
    name: "bench-failover",
    bootstrap: options.bootstrap,
    sessionTimeoutMs,
    heartbeatIntervalMs: Math.min(1000, Math.floor(sessionTimeoutMs / 3)),
  });
  const sigkillMs: number[] = [];
  const sigtermMs: number[] = [];
  let started = 0;
  const startWorker = () => cluster.start(`source-${++started}`, "source");
  const connector = `failover-${cluster.group.slice(-8)}`;
  // The worker being stopped still counts as live until it has exited: never
  // ask it, and read a failed call (a worker going away) as "not yet".
  let stopping = "";
  const observer = () => cluster.live().find((w) => w.name !== stopping)!.name;
  const status = () => cluster.status(observer(), connector).catch(() => null);
  const spread = (s: StatusBody | null) => {
    const live = new Set(cluster.live().map((w) => w.address));
    return s !== null && s.tasks.length === 3 &&
      s.tasks.every((t) => t.state === "RUNNING" && live.has(t.worker_id)) &&
      new Set(s.tasks.map((t) => t.worker_id)).size === 3;
  };
  try {
    await Promise.all([startWorker(), startWorker(), startWorker()]);
    const files = [0, 1, 2].map((i) => `${cluster.dir}/in-${i}.txt`);
    for (const f of files) await Deno.writeTextFile(f, "line\n");
    const created = await cluster.rest(observer(), "POST", "/connectors", {
      name: connector,
      config: {
        "connector.class": "FileStreamSource",
        file: files.join(","),
        "tasks.max": "3",
        topic: `${cluster.group}-lines`,
        "value.converter": STRING,
      },
    });
    if (created.status !== 201) {
      throw new Error(
        `Cannot benchmark failover: creating the connector answered ${created.status}`,
      );
    }
    await eventually("three tasks on three workers", status, spread, 60_000);
    for (let run = 1; run <= options.runs; run++) {
      for (const signal of ["SIGKILL", "SIGTERM"] as const) {
        const { value: before } = await eventually("the status", status, (s) => s !== null);
        const victimAddress = before!.tasks[0].worker_id;
        const victim = cluster.live().find((w) => w.address === victimAddress)!;
        stopping = victim.name;
        const began = performance.now();
        const stopped = cluster.stop(victim.name, signal);
        await eventually(
          `task 0 running again after ${signal}`,
          status,
          (s) =>
            s !== null && s.tasks[0]?.state === "RUNNING" &&
            s.tasks[0].worker_id !== victimAddress &&
            cluster.live().some((w) => w.address === s.tasks[0].worker_id),
          sessionTimeoutMs + 30_000,
          10,
        );
        const ms = Math.round(performance.now() - began);
        await stopped;
        stopping = "";
        (signal === "SIGKILL" ? sigkillMs : sigtermMs).push(ms);
        log(`run ${run}: ${signal} -> task running elsewhere after ${ms} ms`);
        await startWorker();
        await eventually("the tasks spread again", status, spread, sessionTimeoutMs + 30_000);
      }
    }
  } catch (err) {
    throw new Error(
      `Cannot benchmark failover: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  } finally {
    await cluster.close();
  }
  return {
    sigkillMs,
    sigtermMs,
    sigkillMedianMs: median(sigkillMs),
    sigtermMedianMs: median(sigtermMs),
    sessionTimeoutMs,
  };
}

if (import.meta.main) {
  const bootstrap = Deno.env.get("KAFKA_BOOTSTRAP");
  if (!bootstrap) {
    console.error("Cannot benchmark failover: set KAFKA_BOOTSTRAP");
    Deno.exit(1);
  }
  const result = await benchFailover({
    bootstrap,
    runs: Number(Deno.args[0] ?? 5),
    sessionTimeoutMs: Number(Deno.args[1] ?? 10_000),
    log: (m) => console.error(m),
  });
  console.log(JSON.stringify(result));
}
