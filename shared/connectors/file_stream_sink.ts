/**
 * The built-in file sink, compatible with Kafka Connect's
 * `FileStreamSinkConnector`: appends each record's value to a file as a line.
 *
 * - The file is opened CREATE+APPEND when the task starts; every task of the
 *   connector appends to the same file.
 * - A value is written as Java's `String.valueOf` would render it: strings
 *   as-is, null as `null`, numbers, booleans, lists `[a, b]`, maps and
 *   objects `{k=v}`; **bytes are written raw** (Kafka Connect would print
 *   `[B@1b6d3586`). See `file/render_value.ts`.
 * - `put` only buffers (in 1 MiB chunks, written when a chunk fills); `flush`
 *   writes everything and fsyncs, so the offsets the worker commits after it
 *   are backed by durable lines. Lines `put` but not flushed when the task
 *   stops are dropped: their offsets were not committed, so they are
 *   delivered again.
 *
 * Differences from Kafka Connect: `file` is required (no stdout), and must be
 * inside a directory the worker allows.
 *
 * @example
 * ```ts
 * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
 * const errors = new FileStreamSinkConnector()
 *   .validate({ file: "/etc/passwd", topics: "lines" }, { allowedFileDirs: ["/data"] })
 *   .flatMap((v) => v.errorMessages);
 * console.log(errors);
 * // [ "Invalid value /etc/passwd for configuration file: it is not inside an allowed directory (allowed: /data)" ]
 * ```
 * @module
 */
import {
  allOf,
  assertPathAllowed,
  ConfigDef,
  ConnectError,
  fileInAllowedDirs,
  nonEmptyString,
  type Props,
  SinkConnector,
  type SinkRecord,
  SinkTask,
  type SinkTaskClass,
  type TopicPartitionOffsets,
} from "../connect/mod.ts";
import type { TailerLogger } from "./file/file_tailer.ts";
import { DEFAULT_LINE_WRITER_CHUNK_SIZE, LineWriter } from "./file/line_writer.ts";
import { renderValue } from "./file/render_value.ts";
import { stderrLogger } from "./file/stderr_logger.ts";
import { FILE_STREAM_VERSION } from "./file/version.ts";

/**
 * The FileStream sink's own configuration spec: `file`. (`topics` /
 * `topics.regex` are common sink keys the worker adds.)
 *
 * @example
 * ```ts
 * import { FILE_STREAM_SINK_CONFIG } from "./file_stream_sink.ts";
 * const config = FILE_STREAM_SINK_CONFIG.parse({ file: "/data/out.txt" }, { allowedFileDirs: ["/data"] });
 * console.log(config.file); // "/data/out.txt"
 * ```
 */
export const FILE_STREAM_SINK_CONFIG = new ConfigDef()
  .define({
    name: "file",
    type: "STRING",
    importance: "HIGH",
    documentation: "Destination filename: the file to append lines to (created if missing). It " +
      "must be inside one of the directories the worker allows. Unlike Kafka Connect, it is " +
      "required (standard output is not supported).",
    validator: allOf(nonEmptyString(), fileInAllowedDirs()),
  });

/**
 * Tuning and test hooks of a {@linkcode FileStreamSinkTask}; the worker
 * constructs tasks without options.
 *
 * @example
 * ```ts
 * import { FileStreamSinkTask, type FileStreamSinkTaskOptions } from "./file_stream_sink.ts";
 * const options: FileStreamSinkTaskOptions = { chunkSize: 256 * 1024, sync: false };
 * const task = new FileStreamSinkTask(options);
 * ```
 */
export interface FileStreamSinkTaskOptions {
  /** Where to log (default: stderr in the worker's format). */
  readonly logger?: TailerLogger;
  /** Size of the write buffer chunks (default 1 MiB). */
  readonly chunkSize?: number;
  /** Whether `flush` fsyncs the file (default true). */
  readonly sync?: boolean;
}

/**
 * Appends record values to the configured file; see the module docs.
 *
 * @example
 * ```ts
 * import { FileStreamSinkTask } from "./file_stream_sink.ts";
 * import { MemorySinkTaskContext } from "../connect/test_contexts.ts";
 * import { topicPartitionOffsets } from "../connect/topic_partition.ts";
 * const task = new FileStreamSinkTask();
 * task.initialize(new MemorySinkTaskContext({ allowedFileDirs: ["/data"] }));
 * await task.start({ file: "/data/out.txt" });
 * await task.put([{
 *   topic: "t", kafkaPartition: 0, kafkaOffset: 0n, timestampType: "CreateTime",
 *   keySchema: null, key: null, valueSchema: null, value: "hello", timestamp: null, headers: [],
 * }]);
 * await task.flush(topicPartitionOffsets([]));
 * await task.stop();
 * ```
 */
export class FileStreamSinkTask extends SinkTask {
  /** Kafka Connect's task class name. */
  static readonly className = "org.apache.kafka.connect.file.FileStreamSinkTask";

  readonly #logger: TailerLogger;
  readonly #chunkSize: number;
  readonly #sync: boolean;
  #file = "";
  #writer: LineWriter | null = null;

  /**
   * Creates a task; the worker passes no options.
   *
   * @example
   * ```ts
   * import { FileStreamSinkTask } from "./file_stream_sink.ts";
   * console.log(new FileStreamSinkTask().version()); // "1.0.0"
   * ```
   */
  constructor(options: FileStreamSinkTaskOptions = {}) {
    super();
    this.#logger = options.logger ?? stderrLogger("FileStreamSinkTask");
    this.#chunkSize = options.chunkSize ?? DEFAULT_LINE_WRITER_CHUNK_SIZE;
    this.#sync = options.sync ?? true;
  }

  /**
   * The task's version.
   *
   * @example
   * ```ts
   * import { FileStreamSinkTask } from "./file_stream_sink.ts";
   * console.log(new FileStreamSinkTask().version()); // "1.0.0"
   * ```
   */
  version(): string {
    return FILE_STREAM_VERSION;
  }

  /**
   * Parses the config, checks the path is allowed and opens the file
   * CREATE+APPEND.
   *
   * @throws {ConfigError} if the config is invalid.
   * @throws {ConnectError} `Cannot open file ...` if the file cannot be opened.
   * @example
   * ```ts
   * import { FileStreamSinkTask } from "./file_stream_sink.ts";
   * import { MemorySinkTaskContext } from "../connect/test_contexts.ts";
   * const task = new FileStreamSinkTask();
   * task.initialize(new MemorySinkTaskContext({ allowedFileDirs: ["/data"] }));
   * await task.start({ file: "/data/out.txt" });
   * await task.stop();
   * ```
   */
  async start(props: Props): Promise<void> {
    const config = FILE_STREAM_SINK_CONFIG.parse(props, this.context);
    const path = config.file;
    assertPathAllowed(path, this.context.allowedFileDirs, `open file ${path} for appending`);
    let file: Deno.FsFile;
    try {
      file = await Deno.open(path, { write: true, append: true, create: true });
    } catch (err) {
      throw new ConnectError(
        `Cannot open file ${path} for appending: ${err instanceof Error ? err.message : err}`,
        { cause: err },
      );
    }
    this.#file = path;
    this.#writer = new LineWriter(file, { path, chunkSize: this.#chunkSize, sync: this.#sync });
    this.#logger.info(`Appending to ${path}`);
  }

  /**
   * Buffers one line per record (its value rendered as text). Writes only
   * when a buffer chunk fills — never one write per record.
   *
   * @throws {ConnectError} if writing a full chunk fails.
   * @example
   * ```ts
   * import { FileStreamSinkTask } from "./file_stream_sink.ts";
   * import { MemorySinkTaskContext } from "../connect/test_contexts.ts";
   * const task = new FileStreamSinkTask();
   * task.initialize(new MemorySinkTaskContext({ allowedFileDirs: ["/data"] }));
   * await task.start({ file: "/data/out.txt" });
   * await task.put([]); // nothing to do
   * await task.stop();
   * ```
   */
  async put(records: readonly SinkRecord[]): Promise<void> {
    const writer = this.#requireWriter("put records");
    for (const record of records) writer.append(renderValue(record.value, record.valueSchema));
    if (writer.buffered >= this.#chunkSize) await writer.writeBuffered();
  }

  /**
   * Writes every buffered line and fsyncs the file, so the offsets the
   * worker commits next are backed by durable lines.
   *
   * @throws {ConnectError} if writing or syncing fails (the worker then does not commit).
   * @example
   * ```ts
   * import { FileStreamSinkTask } from "./file_stream_sink.ts";
   * import { MemorySinkTaskContext } from "../connect/test_contexts.ts";
   * import { topicPartitionOffsets } from "../connect/topic_partition.ts";
   * const task = new FileStreamSinkTask();
   * task.initialize(new MemorySinkTaskContext({ allowedFileDirs: ["/data"] }));
   * await task.start({ file: "/data/out.txt" });
   * await task.flush(topicPartitionOffsets([]));
   * await task.stop();
   * ```
   */
  override async flush(_currentOffsets?: TopicPartitionOffsets): Promise<void> {
    await this.#requireWriter("flush").flush();
  }

  /**
   * Closes the file. Lines not flushed are dropped (their offsets were not
   * committed, so they are delivered again).
   *
   * @example
   * ```ts
   * import { FileStreamSinkTask } from "./file_stream_sink.ts";
   * await new FileStreamSinkTask().stop(); // safe even if never started
   * ```
   */
  stop(): void {
    const writer = this.#writer;
    this.#writer = null;
    if (writer === null) return;
    if (writer.buffered > 0) {
      this.#logger.info(
        `Dropping ${writer.buffered} unflushed bytes for ${this.#file}: ` +
          `their offsets were not committed, so they will be delivered again`,
      );
    }
    writer.close();
  }

  #requireWriter(action: string): LineWriter {
    if (this.#writer === null) {
      throw new ConnectError(`Cannot ${action}: FileStreamSinkTask is not started`);
    }
    return this.#writer;
  }
}

/**
 * Kafka Connect's `FileStreamSinkConnector`: `tasks.max` identical tasks,
 * all appending to `file`.
 *
 * @example
 * ```ts
 * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
 * import { MemoryConnectorContext } from "../connect/test_contexts.ts";
 * const connector = new FileStreamSinkConnector();
 * connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
 * connector.start({ file: "/data/out.txt", topics: "lines" });
 * console.log(connector.taskConfigs(2).length); // 2
 * connector.stop();
 * ```
 */
export class FileStreamSinkConnector extends SinkConnector {
  /** Kafka Connect's connector class name. */
  static readonly className = "org.apache.kafka.connect.file.FileStreamSinkConnector";

  #props: Record<string, string> | null = null;

  /**
   * The connector's version.
   *
   * @example
   * ```ts
   * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
   * console.log(new FileStreamSinkConnector().version()); // "1.0.0"
   * ```
   */
  version(): string {
    return FILE_STREAM_VERSION;
  }

  /**
   * The connector's own configuration spec, {@linkcode FILE_STREAM_SINK_CONFIG}.
   *
   * @example
   * ```ts
   * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
   * console.log(new FileStreamSinkConnector().config().names()); // ["file"]
   * ```
   */
  config(): typeof FILE_STREAM_SINK_CONFIG {
    return FILE_STREAM_SINK_CONFIG;
  }

  /**
   * Parses and keeps the configuration.
   *
   * @throws {ConfigError} if it is invalid.
   * @example
   * ```ts
   * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
   * import { MemoryConnectorContext } from "../connect/test_contexts.ts";
   * const connector = new FileStreamSinkConnector();
   * connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
   * connector.start({ file: "/data/out.txt", topics: "lines" });
   * ```
   */
  start(props: Props): void {
    FILE_STREAM_SINK_CONFIG.parse(props, this.context);
    this.#props = { ...props };
  }

  /**
   * The task class, {@linkcode FileStreamSinkTask}.
   *
   * @example
   * ```ts
   * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
   * console.log(new FileStreamSinkConnector().taskClass().className);
   * // "org.apache.kafka.connect.file.FileStreamSinkTask"
   * ```
   */
  taskClass(): SinkTaskClass {
    return FileStreamSinkTask;
  }

  /**
   * `maxTasks` copies of the connector's configuration (Kafka Connect does
   * the same); the consumer group spreads the partitions among them.
   *
   * @example
   * ```ts
   * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
   * import { MemoryConnectorContext } from "../connect/test_contexts.ts";
   * const connector = new FileStreamSinkConnector();
   * connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
   * connector.start({ file: "/data/out.txt", topics: "lines" });
   * console.log(connector.taskConfigs(3).length); // 3
   * ```
   */
  taskConfigs(maxTasks: number): Record<string, string>[] {
    const props = this.#props;
    if (props === null) {
      throw new ConnectError("Cannot create task configs: the connector is not started");
    }
    return Array.from({ length: Math.max(1, maxTasks) }, () => ({ ...props }));
  }

  /**
   * Stops the connector (it holds no resources).
   *
   * @example
   * ```ts
   * import { FileStreamSinkConnector } from "./file_stream_sink.ts";
   * new FileStreamSinkConnector().stop();
   * ```
   */
  stop(): void {
    this.#props = null;
  }
}
