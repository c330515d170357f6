/**
 * One source-throughput run: a connector waits for a file that does not
 * exist yet; the whole input then appears at once (a hard link to the
 * pre-generated file: atomic, no copy inside the timed window, the same
 * bytes kcat reads), and the run lasts until every record is in the topic
 * by its end offsets.
 *
 * @example
 * ```ts ignore
 * import { sourceRunWorker } from "./source_run.ts";
 * const ms = await sourceRunWorker(ctx, worker.url, { file: input, lines: 1_000_000, converter: "json" });
 * ```
 * @module
 */
import { type BenchContext, createBenchTopic, deleteBenchTopics } from "./bench_context.ts";
import { createConnector, deleteConnector } from "./connect_rest.ts";
import { converterConfig, type ConverterKind } from "./converters.ts";
import { kcatProduceFile } from "./kcat.ts";
import { waitForRecords } from "./topic_wait.ts";

/**
 * The input of a source run.
 *
 * @example
 * ```ts
 * import type { SourceInput } from "./source_run.ts";
 * const input: SourceInput = { file: "/tmp/lines-100.txt", lines: 1_000_000, converter: "string" };
 * ```
 */
export interface SourceInput {
  /** The pre-generated lines. */
  readonly file: string;
  readonly lines: number;
  readonly converter: ConverterKind;
}

/**
 * How long one source run took, in ms, and when the first record arrived.
 *
 * @example
 * ```ts
 * import type { SourceTiming } from "./source_run.ts";
 * const t: SourceTiming = { ms: 2500, firstRecordMs: 40 };
 * ```
 */
export interface SourceTiming {
  readonly ms: number;
  readonly firstRecordMs: number;
}

const TIMEOUT_MS = 5 * 60_000;

/**
 * A run against a worker's REST API (Tributary or Kafka Connect: identical
 * connector config). Cleans up its connector, topic and file.
 *
 * @example
 * ```ts ignore
 * import { sourceRunWorker } from "./source_run.ts";
 * const { ms } = await sourceRunWorker(ctx, "http://127.0.0.1:8083", input);
 * ```
 */
export async function sourceRunWorker(
  ctx: BenchContext,
  url: string,
  input: SourceInput,
): Promise<SourceTiming> {
  const topic = await createBenchTopic(ctx, "source");
  const name = ctx.name("source-connector");
  const file = `${ctx.dir}/${name}.txt`;
  try {
    await createConnector(url, name, {
      "connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
      "tasks.max": "1",
      file,
      topic,
      ...converterConfig(input.converter),
    });
    // The whole input appears at once: a hard link, no copy inside the timed window.
    return await timeFill(ctx, topic, input.lines, () => Deno.link(input.file, file));
  } finally {
    await deleteConnector(url, name).catch((err) => ctx.log(`warning: ${err.message}`));
    await deleteBenchTopics(ctx, [topic]);
    await Deno.remove(file).catch(() => {});
  }
}

/**
 * The same run with kcat producing the file (no converter: raw lines).
 *
 * @example
 * ```ts ignore
 * import { sourceRunKcat } from "./source_run.ts";
 * const { ms } = await sourceRunKcat(ctx, input);
 * ```
 */
export async function sourceRunKcat(ctx: BenchContext, input: SourceInput): Promise<SourceTiming> {
  const topic = await createBenchTopic(ctx, "source-kcat");
  try {
    return await timeFill(
      ctx,
      topic,
      input.lines,
      () => kcatProduceFile(ctx.kcat, ctx.bootstrap, topic, input.file),
    );
  } finally {
    await deleteBenchTopics(ctx, [topic]);
  }
}

/**
 * Times from `feed` being called until `topic` holds `lines` records, and
 * until its first record.
 */
async function timeFill(
  ctx: BenchContext,
  topic: string,
  lines: number,
  feed: () => Promise<unknown>,
): Promise<SourceTiming> {
  const started = performance.now();
  const first = waitForRecords(ctx.admin, topic, 1, TIMEOUT_MS);
  first.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  await feed();
  const done = await waitForRecords(ctx.admin, topic, lines, TIMEOUT_MS);
  return { ms: done - started, firstRecordMs: (await first) - started };
}
