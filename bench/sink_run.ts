/**
 * One sink-throughput run: the records are already in a topic; a new sink
 * connector (a new consumer group, from the earliest offset) or kcat writes
 * them to a file; the run lasts from the connector's creation until the
 * output file holds every line.
 *
 * @example
 * ```ts ignore
 * import { prepareSinkTopic, sinkRunWorker } from "./sink_run.ts";
 * const input = await prepareSinkTopic(ctx, { lines: 1_000_000, lineBytes: 100, converter: "json", linesFile });
 * const { ms } = await sinkRunWorker(ctx, worker.url, input);
 * ```
 * @module
 */
import { type BenchContext, createBenchTopic } from "./bench_context.ts";
import { assertNotFailed, createConnector, deleteConnector } from "./connect_rest.ts";
import { converterConfig, type ConverterKind } from "./converters.ts";
import { kcatConsumeToFile, kcatProduceFile } from "./kcat.ts";
import { jsonEnvelope, writeLineFile } from "./line_data.ts";
import { waitForFileSize, waitForRecords } from "./topic_wait.ts";

/**
 * A topic filled for sink runs.
 *
 * @example
 * ```ts
 * import type { SinkInput } from "./sink_run.ts";
 * const input: SinkInput = { topic: "t", lines: 10, outputBytes: 1000, converter: "string" };
 * ```
 */
export interface SinkInput {
  readonly topic: string;
  readonly lines: number;
  /** Size of the complete output file (the lines, one per line). */
  readonly outputBytes: number;
  readonly converter: ConverterKind;
}

const TIMEOUT_MS = 5 * 60_000;

/**
 * Fills a new topic with `lines` records as the converter would have written
 * them (a JsonConverter envelope of a STRING, or the raw line), with kcat.
 *
 * @example
 * ```ts ignore
 * import { prepareSinkTopic } from "./sink_run.ts";
 * const input = await prepareSinkTopic(ctx, { lines: 1000, lineBytes: 100, converter: "string" });
 * ```
 */
export async function prepareSinkTopic(
  ctx: BenchContext,
  spec: { lines: number; lineBytes: number; converter: ConverterKind },
): Promise<SinkInput> {
  const topic = await createBenchTopic(ctx, `sink-${spec.converter}`);
  const values = `${ctx.dir}/${topic}.values`;
  await writeLineFile(
    values,
    spec.lines,
    spec.lineBytes,
    spec.converter === "json" ? jsonEnvelope : undefined,
  );
  try {
    await kcatProduceFile(ctx.kcat, ctx.bootstrap, topic, values);
    await waitForRecords(ctx.admin, topic, spec.lines, TIMEOUT_MS);
  } finally {
    await Deno.remove(values).catch(() => {});
  }
  return {
    topic,
    lines: spec.lines,
    outputBytes: spec.lines * spec.lineBytes,
    converter: spec.converter,
  };
}

/**
 * A run against a worker's REST API; cleans up its connector, consumer
 * group and file. Resolves with the duration in ms.
 *
 * @example
 * ```ts ignore
 * import { sinkRunWorker } from "./sink_run.ts";
 * const ms = await sinkRunWorker(ctx, "http://127.0.0.1:8084", input);
 * ```
 */
export async function sinkRunWorker(
  ctx: BenchContext,
  url: string,
  input: SinkInput,
): Promise<number> {
  const name = ctx.name("sink-connector");
  const file = `${ctx.dir}/${name}.txt`;
  try {
    const started = performance.now();
    await createConnector(url, name, {
      "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
      "tasks.max": "1",
      file,
      topics: input.topic,
      ...converterConfig(input.converter),
    });
    const done = await waitForFileSize(
      file,
      input.outputBytes,
      TIMEOUT_MS,
      () => assertNotFailed(url, name),
    );
    return done - started;
  } finally {
    await deleteConnector(url, name).catch((err) => ctx.log(`warning: ${err.message}`));
    await ctx.admin.deleteConsumerGroup(`connect-${name}`).catch(() => {});
    await Deno.remove(file).catch(() => {});
  }
}

/**
 * kcat consuming the topic into a file (raw values, no converter).
 *
 * @example
 * ```ts ignore
 * import { sinkRunKcat } from "./sink_run.ts";
 * const ms = await sinkRunKcat(ctx, input);
 * ```
 */
export async function sinkRunKcat(ctx: BenchContext, input: SinkInput): Promise<number> {
  const file = `${ctx.dir}/${ctx.name("sink-kcat")}.txt`;
  try {
    const started = performance.now();
    await kcatConsumeToFile(ctx.kcat, ctx.bootstrap, input.topic, file);
    const done = performance.now();
    const lines = await countLines(file);
    if (lines < input.lines) {
      throw new Error(`Cannot measure kcat's sink: it wrote ${lines} of ${input.lines} lines`);
    }
    return done - started;
  } finally {
    await Deno.remove(file).catch(() => {});
  }
}

async function countLines(path: string): Promise<number> {
  using file = await Deno.open(path);
  const buffer = new Uint8Array(1 << 20);
  let count = 0;
  while (true) {
    const n = await file.read(buffer);
    if (n === null) return count;
    for (let i = 0; i < n; i++) if (buffer[i] === 10) count++;
  }
}
