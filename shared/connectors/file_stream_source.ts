/**
 * The built-in file source, compatible with Kafka Connect's
 * `FileStreamSourceConnector`: tails one file and sends each line as a string
 * record.
 *
 * - Record: value schema STRING, the line without its terminator; key null;
 *   source partition `{"filename": <file as configured>}`; source offset
 *   `{"position": <byte offset after the line's terminator>}`.
 * - Lines end at `\n`, `\r\n` or `\r`; a last line without its terminator
 *   waits for it (a trailing `\r` waits for the next byte).
 * - Offsets are **byte** positions (Kafka Connect counts UTF-16 chars and
 *   resumes at the wrong byte after multi-byte text); a restart resumes at
 *   exactly that byte.
 * - New data is picked up within milliseconds (`Deno.watchFs` wake-ups,
 *   `stat` as the truth, a 250 ms fallback timer). A missing file is waited
 *   for; a truncated or replaced file is read again from its start.
 * - Bytes that are not valid UTF-8 become U+FFFD; the first position is
 *   logged.
 *
 * Differences from Kafka Connect: `file` is required (no stdin), and must be
 * inside a directory the worker allows.
 *
 * @example
 * ```ts
 * import { FileStreamSourceConnector } from "./file_stream_source.ts";
 * const connector = new FileStreamSourceConnector();
 * const errors = connector
 *   .validate({ file: "/data/in.txt", topic: "lines" }, { allowedFileDirs: ["/data"] })
 *   .flatMap((v) => v.errorMessages);
 * console.log(errors); // []
 * ```
 * @module
 */
import {
  allOf,
  assertPathAllowed,
  atLeast,
  ConfigDef,
  ConnectError,
  type ExactlyOnceSupport,
  fileInAllowedDirs,
  nonEmptyString,
  type OffsetMap,
  type Props,
  type Schema,
  SourceConnector,
  type SourceOffsetChange,
  type SourceRecord,
  SourceTask,
  type SourceTaskClass,
} from "../connect/mod.ts";
import { FileTailer, type TailerLogger } from "./file/file_tailer.ts";
import { LineReader } from "./file/line_reader.ts";
import { stderrLogger } from "./file/stderr_logger.ts";
import { FILE_STREAM_VERSION } from "./file/version.ts";

/** Key of the source partition: the file as configured. */
const FILENAME_FIELD = "filename";
/** Key of the source offset: the byte position after the last line sent. */
const POSITION_FIELD = "position";

/** Kafka Connect's `Schema.STRING_SCHEMA`. */
const STRING_SCHEMA: Schema = Object.freeze({ type: "string", optional: false });
const NO_HEADERS = Object.freeze([]) as readonly never[];

/**
 * The FileStream source's configuration spec: `file`, `topic`, `batch.size`.
 *
 * @example
 * ```ts
 * import { FILE_STREAM_SOURCE_CONFIG } from "./file_stream_source.ts";
 * const config = FILE_STREAM_SOURCE_CONFIG.parse(
 *   { file: "/data/in.txt", topic: "lines" },
 *   { allowedFileDirs: ["/data"] },
 * );
 * console.log(config["batch.size"]); // 2000
 * ```
 */
export const FILE_STREAM_SOURCE_CONFIG = new ConfigDef()
  .define({
    name: "file",
    type: "STRING",
    importance: "HIGH",
    documentation: "Source filename: the file to tail. It must be inside one of the directories " +
      "the worker allows. Unlike Kafka Connect, it is required (standard input is not supported).",
    validator: allOf(nonEmptyString(), fileInAllowedDirs()),
  })
  .define({
    name: "topic",
    type: "STRING",
    importance: "HIGH",
    documentation: "The topic to publish data to",
    validator: nonEmptyString(),
  })
  .define({
    name: "batch.size",
    type: "INT",
    default: 2000,
    importance: "LOW",
    documentation:
      "The maximum number of records the source task can read from the file each time it is polled",
    validator: atLeast(1),
  });

/**
 * Tuning and test hooks of a {@linkcode FileStreamSourceTask}; the worker
 * constructs tasks without options.
 *
 * @example
 * ```ts
 * import { FileStreamSourceTask, type FileStreamSourceTaskOptions } from "./file_stream_source.ts";
 * const options: FileStreamSourceTaskOptions = { logger: console, maxPollWaitMs: 100 };
 * const task = new FileStreamSourceTask(options);
 * ```
 */
export interface FileStreamSourceTaskOptions {
  /** Where to log file events (default: stderr in the worker's format). */
  readonly logger?: TailerLogger;
  /** Bytes read per file read, and the line buffer's initial size (default 1 MiB). */
  readonly readBufferSize?: number;
  /** How long `poll` waits for new lines before returning null (default 500 ms). */
  readonly maxPollWaitMs?: number;
  /** Longest wait without a file-system event before re-checking the file (default 250 ms). */
  readonly fallbackIntervalMs?: number;
  /** Whether to use `Deno.watchFs` wake-ups (default true). */
  readonly watch?: boolean;
}

/**
 * Tails the configured file; see the module docs.
 *
 * @example
 * ```ts
 * import { FileStreamSourceTask } from "./file_stream_source.ts";
 * import { MemorySourceTaskContext } from "../connect/test_contexts.ts";
 * const props = { file: "/data/in.txt", topic: "lines" };
 * const task = new FileStreamSourceTask();
 * task.initialize(new MemorySourceTaskContext({ configs: props, allowedFileDirs: ["/data"] }));
 * await task.start(props);
 * const records = await task.poll(AbortSignal.timeout(1000));
 * console.log(records?.map((r) => r.value));
 * await task.stop();
 * ```
 */
export class FileStreamSourceTask extends SourceTask {
  /** Kafka Connect's task class name. */
  static readonly className = "org.apache.kafka.connect.file.FileStreamSourceTask";

  readonly #logger: TailerLogger;
  readonly #readBufferSize: number | undefined;
  readonly #maxPollWaitMs: number;
  readonly #fallbackIntervalMs: number | undefined;
  readonly #watch: boolean;

  #file = "";
  #topic = "";
  #batchSize = 2000;
  #partition: OffsetMap = Object.freeze({});
  #reader: LineReader | null = null;
  #tailer: FileTailer | null = null;
  #invalidUtf8Logged = false;

  /**
   * Creates a task; the worker passes no options.
   *
   * @example
   * ```ts
   * import { FileStreamSourceTask } from "./file_stream_source.ts";
   * const task = new FileStreamSourceTask({ maxPollWaitMs: 200 });
   * console.log(task.version()); // "1.0.0"
   * ```
   */
  constructor(options: FileStreamSourceTaskOptions = {}) {
    super();
    this.#logger = options.logger ?? stderrLogger("FileStreamSourceTask");
    this.#readBufferSize = options.readBufferSize;
    this.#maxPollWaitMs = options.maxPollWaitMs ?? 500;
    this.#fallbackIntervalMs = options.fallbackIntervalMs;
    this.#watch = options.watch ?? true;
  }

  /**
   * The task's version.
   *
   * @example
   * ```ts
   * import { FileStreamSourceTask } from "./file_stream_source.ts";
   * console.log(new FileStreamSourceTask().version()); // "1.0.0"
   * ```
   */
  version(): string {
    return FILE_STREAM_VERSION;
  }

  /**
   * Parses the config and resumes from the stored offset of
   * `{"filename": file}` (byte position), or byte 0. The file is opened on
   * the first `poll`; it need not exist yet.
   *
   * @throws {ConfigError} if the config is invalid (e.g. `file` outside the allowed directories).
   * @throws {ConnectError} if the stored offset is not a non-negative integer position.
   * @example
   * ```ts
   * import { FileStreamSourceTask } from "./file_stream_source.ts";
   * import { MemorySourceTaskContext } from "../connect/test_contexts.ts";
   * const props = { file: "/data/in.txt", topic: "lines" };
   * const task = new FileStreamSourceTask();
   * task.initialize(new MemorySourceTaskContext({
   *   configs: props,
   *   allowedFileDirs: ["/data"],
   *   offsets: [{ partition: { filename: "/data/in.txt" }, offset: { position: 120 } }],
   * }));
   * await task.start(props); // resumes at byte 120
   * await task.stop();
   * ```
   */
  start(props: Props): void {
    const config = FILE_STREAM_SOURCE_CONFIG.parse(props, this.context);
    this.#file = config.file;
    this.#topic = config.topic;
    this.#batchSize = config["batch.size"];
    this.#partition = Object.freeze({ [FILENAME_FIELD]: this.#file });
    const position = this.#storedPosition();
    if (position > 0) {
      this.#logger.info(`Resuming ${this.#file} at byte ${position}`);
    }
    this.#invalidUtf8Logged = false;
    this.#reader = new LineReader({
      position,
      bufferSize: this.#readBufferSize,
      onInvalidUtf8: (at) => this.#onInvalidUtf8(at),
    });
    const dirs = this.context.allowedFileDirs;
    this.#tailer = new FileTailer({
      path: this.#file,
      position,
      logger: this.#logger,
      fallbackIntervalMs: this.#fallbackIntervalMs,
      watch: this.#watch,
      checkPath: (path) => assertPathAllowed(path, dirs, `read file ${path}`),
    });
  }

  /**
   * Returns up to `batch.size` new lines as records. When no complete line is
   * available it waits (woken by file-system events) up to 500 ms, then
   * returns null; it returns at once when `signal` aborts.
   *
   * @throws {ConnectError} when the file exists but cannot be read.
   * @example
   * ```ts
   * import { FileStreamSourceTask } from "./file_stream_source.ts";
   * import { MemorySourceTaskContext } from "../connect/test_contexts.ts";
   * const props = { file: "/data/in.txt", topic: "lines", "batch.size": "100" };
   * const task = new FileStreamSourceTask();
   * task.initialize(new MemorySourceTaskContext({ configs: props, allowedFileDirs: ["/data"] }));
   * task.start(props);
   * const controller = new AbortController();
   * const records = await task.poll(controller.signal); // at most 100 records, or null
   * await task.stop();
   * ```
   */
  async poll(signal?: AbortSignal): Promise<SourceRecord[] | null> {
    const reader = this.#reader;
    const tailer = this.#tailer;
    if (reader === null || tailer === null) {
      throw new ConnectError("Cannot poll FileStreamSourceTask: it is not started");
    }
    const batchSize = this.#batchSize;
    const topic = this.#topic;
    const partition = this.#partition;
    let records: SourceRecord[] | null = null;
    let deadline = -1;
    while (true) {
      let line = reader.nextLine();
      if (line !== null) {
        records ??= [];
        const timestamp = Date.now();
        do {
          records.push({
            sourcePartition: partition,
            sourceOffset: { position: reader.position },
            topic,
            kafkaPartition: null,
            keySchema: null,
            key: null,
            valueSchema: STRING_SCHEMA,
            value: line,
            timestamp,
            headers: NO_HEADERS,
          });
          if (records.length >= batchSize) return records;
          line = reader.nextLine();
        } while (line !== null);
      }
      if (signal?.aborted) return records;
      const result = await tailer.read(reader.writable());
      if (result.kind === "data") {
        reader.commit(result.bytes);
        continue;
      }
      if (result.kind === "reset") {
        reader.reset(0);
        this.#invalidUtf8Logged = false;
        continue;
      }
      // Nothing more to read now.
      if (records !== null) return records;
      const now = performance.now();
      if (deadline < 0) deadline = now + this.#maxPollWaitMs;
      if (now >= deadline) return null;
      await tailer.waitForChange(signal, Math.min(deadline - now, this.#maxPollWaitMs));
      if (signal?.aborted) return null;
    }
  }

  /**
   * Closes the file and its watcher. Lines already returned by `poll` are
   * not affected.
   *
   * @example
   * ```ts
   * import { FileStreamSourceTask } from "./file_stream_source.ts";
   * const task = new FileStreamSourceTask();
   * await task.stop(); // safe even if never started
   * ```
   */
  async stop(): Promise<void> {
    const tailer = this.#tailer;
    this.#tailer = null;
    this.#reader = null;
    await tailer?.close();
  }

  #storedPosition(): number {
    const offset = this.context.offsetStorageReader.offset(this.#partition);
    if (offset === null) return 0;
    const position = offset[POSITION_FIELD];
    if (position === null || position === undefined) return 0;
    if (typeof position !== "number" || !Number.isSafeInteger(position) || position < 0) {
      throw new ConnectError(
        `Cannot resume ${this.#file}: the stored offset ${POSITION_FIELD} ${
          JSON.stringify(position)
        } is not a non-negative integer`,
      );
    }
    return position;
  }

  #onInvalidUtf8(position: number): void {
    if (this.#invalidUtf8Logged) return;
    this.#invalidUtf8Logged = true;
    this.#logger.warn(
      `File ${this.#file} has bytes that are not valid UTF-8, first at byte ${position}: ` +
        `they are sent as U+FFFD (further invalid bytes in this file are not logged)`,
    );
  }
}

/**
 * Kafka Connect's `FileStreamSourceConnector`: one task tailing `file` into
 * `topic`. `tasks.max` above 1 still yields one task (as in Kafka Connect).
 *
 * @example
 * ```ts
 * import { FileStreamSourceConnector } from "./file_stream_source.ts";
 * import { MemoryConnectorContext } from "../connect/test_contexts.ts";
 * const connector = new FileStreamSourceConnector();
 * connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
 * connector.start({ file: "/data/in.txt", topic: "lines" });
 * console.log(connector.taskConfigs(4)); // [{ file: "/data/in.txt", topic: "lines", "batch.size": "2000" }]
 * connector.stop();
 * ```
 */
export class FileStreamSourceConnector extends SourceConnector {
  /** Kafka Connect's connector class name. */
  static readonly className = "org.apache.kafka.connect.file.FileStreamSourceConnector";

  #taskConfig: Record<string, string> | null = null;

  /**
   * The connector's version.
   *
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * console.log(new FileStreamSourceConnector().version()); // "1.0.0"
   * ```
   */
  version(): string {
    return FILE_STREAM_VERSION;
  }

  /**
   * The configuration spec, {@linkcode FILE_STREAM_SOURCE_CONFIG}.
   *
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * console.log(new FileStreamSourceConnector().config().names()); // ["file", "topic", "batch.size"]
   * ```
   */
  config(): typeof FILE_STREAM_SOURCE_CONFIG {
    return FILE_STREAM_SOURCE_CONFIG;
  }

  /**
   * Parses and keeps the configuration.
   *
   * @throws {ConfigError} if it is invalid.
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * import { MemoryConnectorContext } from "../connect/test_contexts.ts";
   * const connector = new FileStreamSourceConnector();
   * connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
   * connector.start({ file: "/data/in.txt", topic: "lines" });
   * ```
   */
  start(props: Props): void {
    const config = FILE_STREAM_SOURCE_CONFIG.parse(props, this.context);
    this.#taskConfig = {
      file: config.file,
      topic: config.topic,
      "batch.size": String(config["batch.size"]),
    };
  }

  /**
   * The task class, {@linkcode FileStreamSourceTask}.
   *
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * console.log(new FileStreamSourceConnector().taskClass().className);
   * // "org.apache.kafka.connect.file.FileStreamSourceTask"
   * ```
   */
  taskClass(): SourceTaskClass {
    return FileStreamSourceTask;
  }

  /**
   * Always one task config, whatever `maxTasks` (one file, one task).
   *
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * import { MemoryConnectorContext } from "../connect/test_contexts.ts";
   * const connector = new FileStreamSourceConnector();
   * connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/data"] }));
   * connector.start({ file: "/data/in.txt", topic: "lines" });
   * console.log(connector.taskConfigs(3).length); // 1
   * ```
   */
  taskConfigs(_maxTasks: number): Record<string, string>[] {
    if (this.#taskConfig === null) {
      throw new ConnectError("Cannot create task configs: the connector is not started");
    }
    return [{ ...this.#taskConfig }];
  }

  /**
   * Stops the connector (it holds no resources).
   *
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * new FileStreamSourceConnector().stop();
   * ```
   */
  stop(): void {
    this.#taskConfig = null;
  }

  /**
   * `SUPPORTED` when `file` is set (offsets are exact byte positions), as in
   * Kafka Connect.
   *
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * console.log(new FileStreamSourceConnector().exactlyOnceSupport({ file: "/data/in.txt" })); // "SUPPORTED"
   * ```
   */
  override exactlyOnceSupport(props: Props): ExactlyOnceSupport {
    const file = props.file;
    return typeof file === "string" && file.trim() !== "" ? "SUPPORTED" : "UNSUPPORTED";
  }

  /**
   * Checks offsets set through the REST API, as Kafka Connect does: each
   * offset is null, or has a `position` that is a non-negative integer; each
   * partition has a `filename`. Whether the position fits the file is
   * checked by the task when it starts (a position past the end of the file
   * reads it from the start).
   *
   * @throws {ConnectError} `Cannot alter offsets: <reason>`.
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * const ok = new FileStreamSourceConnector().alterOffsets(
   *   { file: "/data/in.txt", topic: "lines" },
   *   [{ partition: { filename: "/data/in.txt" }, offset: { position: 0 } }],
   * );
   * console.log(ok); // true
   * ```
   */
  override alterOffsets(connectorConfig: Props, offsets: readonly SourceOffsetChange[]): boolean {
    const file = connectorConfig.file;
    if (typeof file !== "string" || file.trim() === "") {
      throw new ConnectError(
        "Cannot alter offsets: the 'file' configuration is not set, so there are no offsets",
      );
    }
    for (const { partition, offset } of offsets) {
      if (partition === null || typeof partition !== "object") {
        throw new ConnectError("Cannot alter offsets: partition objects cannot be null");
      }
      if (!Object.hasOwn(partition, FILENAME_FIELD)) {
        throw new ConnectError(
          `Cannot alter offsets: partition objects should contain the key '${FILENAME_FIELD}'`,
        );
      }
      // Tombstones are allowed for anything, so users can clean up garbage.
      if (offset === null) continue;
      if (!Object.hasOwn(offset, POSITION_FIELD)) {
        throw new ConnectError(
          `Cannot alter offsets: offset objects should either be null or contain the key '${POSITION_FIELD}'`,
        );
      }
      const position = offset[POSITION_FIELD];
      if (typeof position !== "number" || !Number.isSafeInteger(position)) {
        throw new ConnectError(
          `Cannot alter offsets: the value for the '${POSITION_FIELD}' key in the offset is ` +
            `expected to be an integer, got ${JSON.stringify(position)}`,
        );
      }
      if (position < 0) {
        throw new ConnectError(
          `Cannot alter offsets: the value for the '${POSITION_FIELD}' key in the offset ` +
            `should be a non-negative value, got ${position}`,
        );
      }
    }
    return true;
  }
}
