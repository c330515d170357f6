/**
 * One latency run: lines are appended one at a time at a fixed rate (1,000
 * per second) for a while; a reader in the bench process sees each record
 * arrive in the topic; latency is the time from a line's append to its
 * record being readable. Each line carries its sequence number, so the
 * reader finds its append time whatever the converter made of it.
 *
 * @example
 * ```ts ignore
 * import { latencyRunWorker } from "./latency_run.ts";
 * const { p50, p99 } = await latencyRunWorker(ctx, worker.url, { seconds: 30, rate: 1000, converter: "json" });
 * ```
 * @module
 */
import { createKafkaPartitionReader } from "../shared/kafka/mod.ts";
import { type BenchContext, createBenchTopic, deleteBenchTopics } from "./bench_context.ts";
import { createConnector, deleteConnector } from "./connect_rest.ts";
import { converterConfig, type ConverterKind } from "./converters.ts";
import { kcatLineProducer } from "./kcat.ts";
import { formatLine, sequenceOf } from "./line_data.ts";
import { percentile } from "./stats.ts";

/**
 * The shape of a latency run.
 *
 * @example
 * ```ts
 * import type { LatencySpec } from "./latency_run.ts";
 * const spec: LatencySpec = { seconds: 30, rate: 1000, lineBytes: 100, converter: "json" };
 * ```
 */
export interface LatencySpec {
  readonly seconds: number;
  /** Lines per second. */
  readonly rate: number;
  readonly lineBytes: number;
  readonly converter: ConverterKind;
}

/**
 * What one run measured, in ms.
 *
 * @example
 * ```ts
 * import type { LatencyResult } from "./latency_run.ts";
 * const r: LatencyResult = { p50: 2.1, p99: 6.4, max: 12, received: 30000, sent: 30000 };
 * ```
 */
export interface LatencyResult {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly sent: number;
  readonly received: number;
}

/** How long the reader waits for the last records after the last append. */
const DRAIN_MS = 15_000;

/**
 * Appends `count` lines at `rate` per second through `append`, recording
 * each line's append time (taken just before its write). Lines that fall
 * behind schedule are written at once, still one write each.
 */
async function appendAtRate(
  spec: LatencySpec,
  appendedAt: Float64Array,
  append: (bytes: Uint8Array) => void | Promise<void>,
): Promise<void> {
  const encoder = new TextEncoder();
  const count = appendedAt.length;
  const lines = Array.from(
    { length: count },
    (_, i) => encoder.encode(`${formatLine(i, spec.lineBytes)}\n`),
  );
  const interval = 1000 / spec.rate;
  const start = performance.now();
  for (let seq = 0; seq < count; seq++) {
    const due = start + seq * interval;
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    appendedAt[seq] = performance.now();
    await append(lines[seq]);
  }
}

/** Reads `topic` from its start until every sequence arrived or the drain ends. */
async function readArrivals(
  ctx: BenchContext,
  topic: string,
  arrivedAt: Float64Array,
  appendsDone: Promise<void>,
): Promise<number> {
  const reader = await createKafkaPartitionReader({
    bootstrapServers: ctx.bootstrap.split(","),
    clientId: ctx.name("latency-reader"),
    partitions: [{ topic, partition: 0, offset: "earliest" }],
    fetchMaxWaitMs: 100,
    fetchMinBytes: 1,
  });
  const decoder = new TextDecoder();
  let received = 0;
  let drainUntil = Infinity;
  appendsDone.then(() => drainUntil = performance.now() + DRAIN_MS, () => drainUntil = 0);
  try {
    while (received < arrivedAt.length && performance.now() < drainUntil) {
      const records = await reader.poll(100);
      const now = performance.now();
      for (const record of records) {
        if (record.value === null) continue;
        const seq = sequenceOf(decoder.decode(record.value));
        if (seq < 0 || seq >= arrivedAt.length || arrivedAt[seq] > 0) continue;
        arrivedAt[seq] = now;
        received++;
      }
    }
  } finally {
    await reader.close();
  }
  return received;
}

function summarizeLatency(appendedAt: Float64Array, arrivedAt: Float64Array): LatencyResult {
  const latencies: number[] = [];
  for (let i = 0; i < appendedAt.length; i++) {
    if (arrivedAt[i] > 0) latencies.push(arrivedAt[i] - appendedAt[i]);
  }
  if (latencies.length === 0) {
    throw new Error("Cannot measure latency: no appended line reached the topic");
  }
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    sent: appendedAt.length,
    received: latencies.length,
  };
}

async function measure(
  ctx: BenchContext,
  topic: string,
  spec: LatencySpec,
  append: (bytes: Uint8Array) => void | Promise<void>,
): Promise<LatencyResult> {
  const count = spec.seconds * spec.rate;
  const appendedAt = new Float64Array(count);
  const arrivedAt = new Float64Array(count);
  // The reader connects first; appends begin half a second later.
  const appends = new Promise((resolve) => setTimeout(resolve, 500))
    .then(() => appendAtRate(spec, appendedAt, append));
  const reading = readArrivals(ctx, topic, arrivedAt, appends);
  await appends;
  const received = await reading;
  if (received < count) ctx.log(`  warning: ${count - received} of ${count} lines never arrived`);
  return summarizeLatency(appendedAt, arrivedAt);
}

/**
 * A run against a worker's source connector tailing a file.
 *
 * @example
 * ```ts ignore
 * import { latencyRunWorker } from "./latency_run.ts";
 * const result = await latencyRunWorker(ctx, url, spec);
 * ```
 */
export async function latencyRunWorker(
  ctx: BenchContext,
  url: string,
  spec: LatencySpec,
): Promise<LatencyResult> {
  const topic = await createBenchTopic(ctx, "latency");
  const name = ctx.name("latency-connector");
  const path = `${ctx.dir}/${name}.txt`;
  await Deno.writeFile(path, new Uint8Array());
  const file = await Deno.open(path, { write: true, append: true });
  try {
    await createConnector(url, name, {
      "connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
      "tasks.max": "1",
      file: path,
      topic,
      ...converterConfig(spec.converter),
    });
    return await measure(ctx, topic, spec, (bytes) => {
      for (let off = 0; off < bytes.length;) off += file.writeSync(bytes.subarray(off));
    });
  } finally {
    file.close();
    await deleteConnector(url, name).catch((err) => ctx.log(`warning: ${err.message}`));
    await deleteBenchTopics(ctx, [topic]);
    await Deno.remove(path).catch(() => {});
  }
}

/**
 * The same with kcat producing lines from its standard input.
 *
 * @example
 * ```ts ignore
 * import { latencyRunKcat } from "./latency_run.ts";
 * const result = await latencyRunKcat(ctx, spec);
 * ```
 */
export async function latencyRunKcat(ctx: BenchContext, spec: LatencySpec): Promise<LatencyResult> {
  const topic = await createBenchTopic(ctx, "latency-kcat");
  const child = kcatLineProducer(ctx.kcat, ctx.bootstrap, topic);
  const writer = child.stdin.getWriter();
  try {
    return await measure(ctx, topic, spec, (bytes) => writer.write(bytes));
  } finally {
    await writer.close().catch(() => {});
    await child.status;
    await deleteBenchTopics(ctx, [topic]);
  }
}
