/**
 * `deno task bench`: Tributary side by side with Apache Kafka Connect and
 * kcat on the same broker, in the same run. Prints a table of medians and
 * Tributary/peer ratios and writes every sample to
 * `bench/results/<time>.json`. See docs/benchmarks.md.
 *
 * Usage: `deno run -A bench/main.ts [--quick] [--runs N] [--only source,sink,latency,startup,failover]
 * [--skip connect,kcat] [--lines N] [--large-lines N] [--latency-seconds S] [--out FILE]`.
 * With `KAFKA_BOOTSTRAP` set it uses that cluster; otherwise it starts its
 * own single-node Kafka on free loopback ports in a temporary directory.
 *
 * @example
 * ```ts ignore
 * // deno run -A bench/main.ts --quick
 * ```
 * @module
 */
import { startCluster } from "../scripts/kafka/cluster.ts";
import { KAFKA_VERSION } from "../scripts/kafka/versions.ts";
import { createKafkaAdmin } from "../shared/kafka/mod.ts";
import { type BenchOptions, type BenchPart, parseBenchOptions } from "./bench_options.ts";
import type { BenchContext } from "./bench_context.ts";
import { Cleanup } from "./cleanup.ts";
import { ensureKafkaConnect, type KafkaConnectInstall } from "./connect/install.ts";
import { startKafkaConnectWorker } from "./connect/worker.ts";
import { connectInternalTopics } from "./connect/worker_properties.ts";
import { type ConverterKind, converterLabel } from "./converters.ts";
import { runFailoverHook } from "./failover_hook.ts";
import { ensureKcat } from "./kcat.ts";
import { latencyRunKcat, latencyRunWorker, type LatencySpec } from "./latency_run.ts";
import { writeLineFile } from "./line_data.ts";
import type { ManagedProcess } from "./managed_process.ts";
import { type Metric, summarize, type System } from "./metrics.ts";
import { writeResults } from "./results.ts";
import { prepareSinkTopic, type SinkInput, sinkRunKcat, sinkRunWorker } from "./sink_run.ts";
import { type SourceInput, sourceRunKcat, sourceRunWorker } from "./source_run.ts";
import { rotatedOrder } from "./run_order.ts";
import { ratePerSecond } from "./stats.ts";
import { formatTable } from "./table.ts";
import { startTributaryWorker, tributaryInternalTopics } from "./tributary_worker.ts";

const log = (message: string) => console.error(`[bench] ${message}`);

/** Rows of the table, in order, with their samples as they come in. */
class Figures {
  readonly rows = new Map<string, Metric>();
  readonly extra: Record<string, unknown> = {};

  define(id: string, label: string, unit: string, better: "higher" | "lower", note?: string) {
    if (!this.rows.has(id)) {
      this.rows.set(id, { id, label, unit, better, samples: {}, ...(note ? { note } : {}) });
    }
  }

  add(id: string, system: System, value: number) {
    const row = this.rows.get(id);
    if (!row) throw new Error(`Cannot record a sample: no row ${id}`);
    (row.samples[system] ??= []).push(value);
  }

  addExtra(key: string, value: unknown) {
    ((this.extra[key] ??= []) as unknown[]).push(value);
  }
}

interface Peers {
  connect: KafkaConnectInstall | undefined;
  kcat: boolean;
}

interface Worker {
  system: "tributary" | "kafka_connect";
  process: ManagedProcess;
}

/** {@linkcode startWorker}, recording its start-up time in the `startup_<kind>` row. */
async function startMeasuredWorker(
  ctx: BenchContext,
  cleanup: Cleanup,
  figures: Figures,
  system: "tributary" | "kafka_connect",
  kind: "source" | "sink",
  connect: KafkaConnectInstall | undefined,
  label: string,
): Promise<Worker & { startupMs: number }> {
  const worker = await startWorker(ctx, cleanup, system, kind, connect);
  figures.add(`startup_${kind}`, system, worker.startupMs);
  log(`${label}, ${system}: healthy after ${worker.startupMs.toFixed(0)} ms`);
  return worker;
}

/** One timed pass of a worker over an input. */
interface WorkerRun {
  readonly id: string;
  readonly lines: number;
  run(url: string): Promise<{ ms: number; firstRecordMs?: number }>;
}

/**
 * One repetition of a throughput phase on a fresh worker: an untimed warm-up
 * (its rate kept as `<kind>_warmup_<system>_run<N>_records_per_s`), then each
 * timed run with the worker's CPU time, and peak RSS after the first.
 */
async function measureWorkerRuns(
  ctx: BenchContext,
  cleanup: Cleanup,
  figures: Figures,
  system: "tributary" | "kafka_connect",
  kind: "source" | "sink",
  peers: Peers,
  rep: number,
  runs: number,
  warmup: Omit<WorkerRun, "id"> & { readonly what: string },
  timed: readonly WorkerRun[],
): Promise<void> {
  const worker = await startMeasuredWorker(
    ctx,
    cleanup,
    figures,
    system,
    kind,
    peers.connect,
    `${kind} run ${rep}/${runs}`,
  );
  try {
    const warm = await warmup.run(worker.process.url);
    const warmRate = ratePerSecond(warmup.lines, warm.ms);
    figures.addExtra(`${kind}_warmup_${system}_run${rep}_records_per_s`, warmRate);
    log(`  warm-up (${warmup.what}, JsonConverter): ${warmRate.toFixed(0)} records/s`);
    for (let i = 0; i < timed.length; i++) {
      const { id, lines } = timed[i];
      const cpuBefore = await worker.process.cpuMs();
      const timing = await timed[i].run(worker.process.url);
      const cpuMs = await worker.process.cpuMs() - cpuBefore;
      const rate = ratePerSecond(lines, timing.ms);
      figures.add(id, system, rate);
      if (timing.firstRecordMs !== undefined) {
        figures.addExtra(`${id}_${system}_first_record_ms`, timing.firstRecordMs);
      }
      figures.addExtra(`${id}_${system}_run${rep}_worker_cpu_ms`, cpuMs);
      const first = timing.firstRecordMs === undefined
        ? ""
        : ` (first after ${timing.firstRecordMs.toFixed(0)} ms)`;
      log(
        `  ${id}: ${timing.ms.toFixed(0)} ms, ${rate.toFixed(0)} records/s${first}, ` +
          `worker CPU ${cpuMs} ms`,
      );
      if (i === 0) {
        const memory = await worker.process.memory();
        figures.add(`rss_${kind}`, system, memory.peakRssKiB / 1024);
        log(`  peak RSS after run 1: ${(memory.peakRssKiB / 1024).toFixed(1)} MiB`);
      }
    }
  } finally {
    await stopWorker(worker);
  }
}

async function startWorker(
  ctx: BenchContext,
  cleanup: Cleanup,
  system: "tributary" | "kafka_connect",
  kind: "source" | "sink",
  connect: KafkaConnectInstall | undefined,
): Promise<Worker & { startupMs: number }> {
  const process = system === "tributary"
    ? startTributaryWorker({ kind, bootstrap: ctx.bootstrap, dir: ctx.dir, id: ctx.id })
    : await startKafkaConnectWorker({
      classpath: connect!.classpath,
      bootstrap: ctx.bootstrap,
      dir: ctx.dir,
      id: ctx.id,
    });
  const forget = cleanup.add(`stop ${process.name}`, () => process.stop(5_000));
  try {
    const startupMs = await process.waitHealthy(120_000);
    return { system, process, startupMs };
  } catch (err) {
    await process.kill();
    forget();
    throw err;
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  await worker.process.stop();
}

function workerSystems(peers: Peers): ("tributary" | "kafka_connect")[] {
  return peers.connect ? ["tributary", "kafka_connect"] : ["tributary"];
}

/** Every system of a throughput phase, in repetition `rep`'s order (see run_order.ts). */
function phaseOrder(peers: Peers, rep: number): System[] {
  return rotatedOrder<System>(
    [...workerSystems(peers), ...(peers.kcat ? ["kcat" as const] : [])],
    rep,
  );
}

/**
 * Every repetition of a throughput phase: each system takes its turn in the
 * repetition's order (see run_order.ts), a worker through
 * {@linkcode measureWorkerRuns}, kcat through `runs.kcat`.
 */
async function runRepetitions(
  ctx: BenchContext,
  cleanup: Cleanup,
  figures: Figures,
  peers: Peers,
  options: BenchOptions,
  kind: "source" | "sink",
  runs: {
    warmup: Omit<WorkerRun, "id"> & { readonly what: string };
    timed: readonly WorkerRun[];
    kcat: (rep: number) => Promise<void>;
  },
): Promise<void> {
  for (let rep = 1; rep <= options.runs; rep++) {
    for (const system of phaseOrder(peers, rep)) {
      if (system === "kcat") {
        await runs.kcat(rep);
      } else {
        await measureWorkerRuns(
          ctx,
          cleanup,
          figures,
          system,
          kind,
          peers,
          rep,
          options.runs,
          runs.warmup,
          runs.timed,
        );
      }
    }
  }
}

/** Adds one kcat run's rate to the rows `ids` and logs it. */
function recordKcat(
  figures: Figures,
  ids: readonly string[],
  what: string,
  lines: number,
  ms: number,
): void {
  const rate = ratePerSecond(lines, ms);
  for (const id of ids) figures.add(id, "kcat", rate);
  log(`${what}: ${ms.toFixed(0)} ms, ${rate.toFixed(0)} records/s`);
}

/** Lines (or records) of the untimed warm-up input each worker moves before its timed runs. */
const WARMUP_LINES = 200_000;

const SOURCE_VARIANTS: { size: "small" | "large"; converter: ConverterKind }[] = [
  { size: "small", converter: "json" },
  { size: "small", converter: "string" },
  { size: "large", converter: "json" },
  { size: "large", converter: "string" },
];

async function sourcePhase(
  ctx: BenchContext,
  cleanup: Cleanup,
  options: BenchOptions,
  peers: Peers,
  figures: Figures,
): Promise<void> {
  const files = {
    small: `${ctx.dir}/lines-${options.lineBytes}.txt`,
    large: `${ctx.dir}/lines-${options.largeLineBytes}.txt`,
    warmup: `${ctx.dir}/lines-warmup.txt`,
  };
  const counts = { small: options.lines, large: options.largeLines };
  log(
    `writing the source inputs (${counts.small} × ${options.lineBytes} B, ${counts.large} × ${options.largeLineBytes} B)...`,
  );
  await writeLineFile(files.small, counts.small, options.lineBytes);
  await writeLineFile(files.large, counts.large, options.largeLineBytes);
  // Every worker first moves an untimed warm-up input (see docs/benchmarks.md):
  // the timed runs then measure the data path, not the JIT compilers
  // (HotSpot's and V8's alike).
  const warmup: SourceInput = {
    file: files.warmup,
    lines: Math.min(counts.small, WARMUP_LINES),
    converter: "json",
  };
  await writeLineFile(warmup.file, warmup.lines, options.lineBytes);
  if (peers.kcat) {
    // The broker's own JIT too: one untimed kcat pass before anything is timed.
    const timing = await sourceRunKcat(ctx, warmup);
    log(`broker warm-up (kcat, ${warmup.lines} lines): ${timing.ms.toFixed(0)} ms`);
  }
  const inputs = SOURCE_VARIANTS.map((v) => ({
    id: `source_${v.size === "small" ? options.lineBytes : options.largeLineBytes}b_${v.converter}`,
    input: { file: files[v.size], lines: counts[v.size], converter: v.converter } as SourceInput,
    label: `source ${counts[v.size].toLocaleString("en-US")} × ${
      v.size === "small" ? `${options.lineBytes} B` : "1 KB"
    } lines, ${converterLabel(v.converter)}`,
  }));
  for (const { id, label } of inputs) {
    figures.define(id, label, "records/s", "higher", "kcat: raw lines, no converter");
  }
  figures.define("rss_source", "peak RSS of the source worker, run 1", "MiB", "lower");
  figures.define("startup_source", "start-up of the source worker to /health 200", "ms", "lower");

  await runRepetitions(ctx, cleanup, figures, peers, options, "source", {
    warmup: {
      what: `${warmup.lines} lines`,
      lines: warmup.lines,
      run: (url) => sourceRunWorker(ctx, url, warmup),
    },
    timed: inputs.map(({ id, input }) => ({
      id,
      lines: input.lines,
      run: (url) => sourceRunWorker(ctx, url, input),
    })),
    kcat: async (rep) => {
      for (const size of ["small", "large"] as const) {
        const input: SourceInput = { file: files[size], lines: counts[size], converter: "string" };
        const { ms } = await sourceRunKcat(ctx, input);
        const ids = inputs.filter((other) => other.input.file === input.file).map((i) => i.id);
        recordKcat(
          figures,
          ids,
          `source run ${rep}/${options.runs}, kcat ${size}`,
          input.lines,
          ms,
        );
      }
    },
  });
  await Deno.remove(files.small).catch(() => {});
  await Deno.remove(files.large).catch(() => {});
  await Deno.remove(files.warmup).catch(() => {});
}

async function sinkPhase(
  ctx: BenchContext,
  cleanup: Cleanup,
  options: BenchOptions,
  peers: Peers,
  figures: Figures,
): Promise<void> {
  log(`filling the sink topics (${options.lines} records each)...`);
  // As for the source: each worker first moves an untimed warm-up topic, so
  // the timed runs measure the data path rather than the JIT compilers.
  const warmup = await prepareSinkTopic(ctx, {
    lines: Math.min(options.lines, WARMUP_LINES),
    lineBytes: options.lineBytes,
    converter: "json",
  });
  cleanup.add(`delete topic ${warmup.topic}`, () => ctx.admin.deleteTopics([warmup.topic]));
  const inputs: { id: string; input: SinkInput }[] = [];
  for (const converter of ["json", "string"] as const) {
    const input = await prepareSinkTopic(ctx, {
      lines: options.lines,
      lineBytes: options.lineBytes,
      converter,
    });
    cleanup.add(`delete topic ${input.topic}`, () => ctx.admin.deleteTopics([input.topic]));
    const id = `sink_${options.lineBytes}b_${converter}`;
    figures.define(
      id,
      `sink ${options.lines.toLocaleString("en-US")} records of ${options.lineBytes} B, ${
        converterLabel(converter)
      }`,
      "records/s",
      "higher",
    );
    inputs.push({ id, input });
  }
  figures.define("rss_sink", "peak RSS of the sink worker, run 1", "MiB", "lower");
  figures.define("startup_sink", "start-up of the sink worker to /health 200", "ms", "lower");
  await runRepetitions(ctx, cleanup, figures, peers, options, "sink", {
    warmup: {
      what: `${warmup.lines} records`,
      lines: warmup.lines,
      run: async (url) => ({ ms: await sinkRunWorker(ctx, url, warmup) }),
    },
    timed: inputs.map(({ id, input }) => ({
      id,
      lines: input.lines,
      run: async (url) => ({ ms: await sinkRunWorker(ctx, url, input) }),
    })),
    kcat: async (rep) => {
      for (const { id, input } of inputs) {
        const ms = await sinkRunKcat(ctx, input);
        recordKcat(figures, [id], `sink run ${rep}/${options.runs}, kcat ${id}`, input.lines, ms);
      }
    },
  });
}

async function latencyPhase(
  ctx: BenchContext,
  cleanup: Cleanup,
  options: BenchOptions,
  peers: Peers,
  figures: Figures,
): Promise<void> {
  const spec: LatencySpec = {
    seconds: options.latencySeconds,
    rate: options.latencyRate,
    lineBytes: options.lineBytes,
    converter: "json",
  };
  const what = `${options.latencyRate} lines/s for ${options.latencySeconds} s, JsonConverter`;
  figures.define("latency_p50", `latency p50, ${what}`, "ms", "lower");
  figures.define("latency_p99", `latency p99, ${what}`, "ms", "lower");
  for (let rep = 1; rep <= options.runs; rep++) {
    for (const system of workerSystems(peers)) {
      const worker = await startWorker(ctx, cleanup, system, "source", peers.connect);
      try {
        const result = await latencyRunWorker(ctx, worker.process.url, spec);
        figures.add("latency_p50", system, result.p50);
        figures.add("latency_p99", system, result.p99);
        figures.addExtra(`latency_${system}`, result);
        log(
          `latency run ${rep}/${options.runs}, ${system}: p50 ${result.p50.toFixed(1)} ms, p99 ${
            result.p99.toFixed(1)
          } ms (${result.received}/${result.sent})`,
        );
      } finally {
        await stopWorker(worker);
      }
    }
    if (peers.kcat) {
      const result = await latencyRunKcat(ctx, spec);
      figures.add("latency_p50", "kcat", result.p50);
      figures.add("latency_p99", "kcat", result.p99);
      figures.addExtra("latency_kcat", result);
      log(
        `latency run ${rep}/${options.runs}, kcat: p50 ${result.p50.toFixed(1)} ms, p99 ${
          result.p99.toFixed(1)
        } ms`,
      );
    }
  }
}

async function startupPhase(
  ctx: BenchContext,
  cleanup: Cleanup,
  options: BenchOptions,
  peers: Peers,
  figures: Figures,
): Promise<void> {
  // Only when the throughput phases (which measure start-up too) did not run.
  for (const kind of ["source", "sink"] as const) {
    const id = `startup_${kind}`;
    if (figures.rows.has(id)) continue;
    figures.define(id, `start-up of the ${kind} worker to /health 200`, "ms", "lower");
    for (let rep = 1; rep <= options.runs; rep++) {
      for (const system of workerSystems(peers)) {
        const worker = await startMeasuredWorker(
          ctx,
          cleanup,
          figures,
          system,
          kind,
          peers.connect,
          `start-up ${kind} ${rep}/${options.runs}`,
        );
        await stopWorker(worker);
      }
    }
  }
}

const FAILOVER_NOTE = "Tributary only (bench/failover_bench.ts); Kafka Connect reassigns a " +
  "lost worker's tasks after session.timeout.ms plus scheduled.rebalance.max.delay.ms " +
  "(defaults 10 s + 5 min), not measured here";

async function failoverPhase(ctx: BenchContext, options: BenchOptions, figures: Figures) {
  const outcome = await runFailoverHook({
    bootstrap: ctx.bootstrap,
    runs: options.runs,
    dir: ctx.dir,
    quick: options.quick,
    log,
  });
  figures.extra.failover = outcome;
  if (outcome.kind === "skipped") {
    log(`failover: skipped (${outcome.reason})`);
    return;
  }
  for (const row of outcome.rows) {
    figures.define(row.id, row.label, "ms", "lower", FAILOVER_NOTE);
    for (const [system, samples] of Object.entries(row.samples) as [System, number[]][]) {
      for (const sample of samples) figures.add(row.id, system, sample);
    }
  }
  log(`failover (${outcome.exportName}): ${JSON.stringify(outcome.rows)}`);
}

async function main(): Promise<number> {
  const options = parseBenchOptions(Deno.args, Deno.env.toObject());
  const began = performance.now();
  const loadAverageAtStart = Deno.loadavg();
  const startedAt = new Date();
  const cleanup = new Cleanup(log);
  const stop = () => {
    log("interrupted: cleaning up...");
    cleanup.run().finally(() => Deno.exit(130));
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
  // A stray rejection must not end the process before Kafka, the workers and
  // the topics are cleaned up.
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    log(`unexpected error: ${event.reason?.message ?? event.reason}: cleaning up...`);
    cleanup.run().finally(() => Deno.exit(1));
  });
  const figures = new Figures();
  try {
    const id = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
    const dir = await Deno.makeTempDir({ prefix: "tributary-bench-" });
    cleanup.add(`remove ${dir}`, () => Deno.remove(dir, { recursive: true }));

    let bootstrap = Deno.env.get("KAFKA_BOOTSTRAP")?.trim();
    if (bootstrap) {
      log(`using the Kafka cluster at ${bootstrap} (KAFKA_BOOTSTRAP)`);
    } else {
      log("starting a single-node Kafka on free loopback ports...");
      const kafka = await startCluster({ dir: `${dir}/kafka`, nodes: 1, log });
      cleanup.add("stop Kafka", () => kafka.stop({ timeoutMs: 15_000 }));
      bootstrap = kafka.bootstrap;
      log(`Kafka ${kafka.kafkaVersion} at ${bootstrap}`);
    }
    const admin = await createKafkaAdmin({
      bootstrapServers: bootstrap.split(","),
      clientId: `bench-${id}-admin`,
    });
    cleanup.add("close the admin client", () => admin.close());
    const internalTopics = [
      ...tributaryInternalTopics("source", id),
      ...tributaryInternalTopics("sink", id),
      ...connectInternalTopics(id),
    ];
    cleanup.add("delete the workers' internal topics", async () => {
      const existing = new Set(await admin.listTopics());
      const ours = internalTopics.filter((t) => existing.has(t));
      if (ours.length > 0) await admin.deleteTopics(ours);
    });
    cleanup.add("delete the bench's consumer groups", async () => {
      for (const group of await admin.listConsumerGroups()) {
        if (group.includes(`bench-${id}-`)) await admin.deleteConsumerGroup(group).catch(() => {});
      }
    });

    const peers: Peers = { connect: undefined, kcat: false };
    let kcatVersion: string | undefined;
    let kcat = "kcat";
    if (!options.skip.has("kcat") || options.parts.has("sink")) {
      const found = await ensureKcat(log);
      kcat = found.path;
      kcatVersion = found.version;
      peers.kcat = !options.skip.has("kcat");
    }
    if (!options.skip.has("connect")) {
      peers.connect = await ensureKafkaConnect({ log });
    }

    let counter = 0;
    const ctx: BenchContext = {
      bootstrap,
      admin,
      dir,
      id,
      kcat,
      name: (prefix) => `bench-${id}-${prefix}-${++counter}`,
      log,
    };

    // A failing part is reported and skipped; the figures of the others are kept.
    const failures: { part: string; error: string }[] = [];
    const phases: [BenchPart, () => Promise<void>][] = [
      ["source", () => sourcePhase(ctx, cleanup, options, peers, figures)],
      ["sink", () => sinkPhase(ctx, cleanup, options, peers, figures)],
      ["latency", () => latencyPhase(ctx, cleanup, options, peers, figures)],
      ["startup", () => startupPhase(ctx, cleanup, options, peers, figures)],
      ["failover", () => failoverPhase(ctx, options, figures)],
    ];
    for (const [part, run] of phases) {
      if (!options.parts.has(part)) continue;
      try {
        await run();
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        log(`error: the ${part} part failed, its figures are incomplete: ${error}`);
        failures.push({ part, error });
      }
    }
    if (failures.length > 0) figures.extra.failures = failures;

    const summaries = [...figures.rows.values()].map(summarize);
    const table = formatTable(summaries);
    const durationS = (performance.now() - began) / 1000;
    const path = await writeResults({
      options,
      startedAt,
      durationS,
      metrics: [...figures.rows.values()],
      summaries,
      extra: figures.extra,
      versions: {
        kafka: KAFKA_VERSION,
        kafkaConnect: peers.connect
          ? { version: peers.connect.version, connectFile: peers.connect.marker.connectFile }
          : null,
        kcat: kcatVersion ?? null,
      },
      bootstrapFromEnv: Deno.env.get("KAFKA_BOOTSTRAP") !== undefined,
      loadAverageAtStart,
    });
    console.log(table);
    for (const summary of summaries) {
      if (summary.note) console.log(`(${summary.label}: ${summary.note})`);
    }
    console.log(
      `\nMedians of ${options.runs} run(s); ratios are Tributary ÷ peer, "+" = Tributary better.`,
    );
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
    console.log(
      `Load average at start ${load(loadAverageAtStart)}, at end ${load(Deno.loadavg())} ` +
        `(${navigator.hardwareConcurrency} cores; other work on the machine skews the figures).`,
    );
    console.log(`Results: ${path} (${durationS.toFixed(0)} s)`);
    for (const { part, error } of failures) console.log(`The ${part} part failed: ${error}`);
    return failures.length > 0 ? 1 : 0;
  } catch (err) {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 1;
  } finally {
    log("cleaning up...");
    await cleanup.run();
    Deno.removeSignalListener("SIGINT", stop);
    Deno.removeSignalListener("SIGTERM", stop);
  }
}

if (import.meta.main) Deno.exit(await main());
