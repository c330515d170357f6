/**
 * The built-in file source, compatible with Kafka Connect's
 * `FileStreamSourceConnector`: tails files and sends each line as a string
 * record.
 *
 * - Record: value schema STRING, the line without its terminator; key null;
 *   source partition `{"filename": <file>}` (the file as configured, or as a
 *   glob matched it); source offset `{"position": <byte offset after the
 *   line's terminator>}`.
 * - `file` is one path (Kafka Connect's meaning: one task whatever
 *   `tasks.max`), or a comma-separated list of paths and globs: the files are
 *   spread over up to `tasks.max` tasks, each file its own source partition,
 *   so any task can resume any file. Globs are evaluated again every
 *   `file.rescan.interval.ms`; a change in the matched files regenerates the
 *   tasks.
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
 * Differences from Kafka Connect: `file` is required (no stdin), and every
 * file must be inside a directory the worker allows.
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
  ConfigError,
  ConnectError,
  type ExactlyOnceSupport,
  isPathAllowed,
  nonEmptyString,
  notAllowedReason,
  type OffsetMap,
  type Props,
  type Schema,
  SourceConnector,
  type SourceOffsetChange,
  type SourceRecord,
  SourceTask,
  type SourceTaskClass,
} from "../connect/mod.ts";
import {
  fileSettingInAllowedDirs,
  filesOf,
  parseFileSetting,
  spreadFiles,
} from "./file/file_list.ts";
import { FileTailer, type TailerLogger } from "./file/file_tailer.ts";
import { isGlob } from "./file/glob.ts";
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
 * The FileStream source's configuration spec: `file`, `topic`, `batch.size`,
 * `file.rescan.interval.ms`.
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
    documentation: "Source filename: the file to tail, as in Kafka Connect (one task). Or a " +
      "comma-separated list of files and globs (`*`, `?`, `[...]`, `**`), spread over up to " +
      "`tasks.max` tasks, each file its own source partition. Every file, and every glob's " +
      "directory, must be inside one of the directories the worker allows. Unlike Kafka " +
      "Connect, it is required (standard input is not supported).",
    validator: allOf(nonEmptyString(), fileSettingInAllowedDirs()),
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
  })
  .define({
    name: "file.rescan.interval.ms",
    type: "INT",
    default: 5000,
    importance: "LOW",
    documentation: "How often the globs in `file` are evaluated again (milliseconds); when the " +
      "files they match change, the tasks are regenerated. 0 evaluates them only when the " +
      "connector starts.",
    validator: atLeast(0),
  });

/** What a task reads: `file` (one path) or `files` (a JSON array, from a list or glob). */
const FILE_STREAM_SOURCE_TASK_CONFIG = new ConfigDef()
  .define({
    name: "file",
    type: "STRING",
    default: null,
    importance: "HIGH",
    documentation: "The one file this task tails.",
  })
  .define({
    name: "files",
    type: "STRING",
    default: null,
    importance: "HIGH",
    documentation: "The files this task tails, as a JSON array of paths.",
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
    documentation: "The maximum number of records per poll",
    validator: atLeast(1),
  });

/** The files of a task config, each checked against the allowed directories. */
function taskFiles(
  config: { file: string | null; files: string | null },
  dirs: readonly string[],
): string[] {
  let files: string[];
  if (config.files !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(config.files);
    } catch (err) {
      throw new ConfigError([{
        name: "files",
        message: `Invalid value for configuration files: ${(err as Error).message}`,
      }], { cause: err });
    }
    if (
      !Array.isArray(parsed) || parsed.length === 0 ||
      !parsed.every((f) => typeof f === "string" && f !== "")
    ) {
      throw new ConfigError([{
        name: "files",
        message: "Invalid value for configuration files: expected a JSON array of file paths",
      }]);
    }
    files = parsed;
  } else if (config.file !== null && config.file.trim() !== "") {
    files = [config.file];
  } else {
    throw new ConfigError([{
      name: "file",
      message: 'Missing required configuration "file" which has no default value.',
    }]);
  }
  for (const f of files) {
    if (!isPathAllowed(f, dirs)) {
      throw new ConfigError([{
        name: "file",
        message: `Invalid value ${f} for configuration file: ${notAllowedReason(dirs)}`,
      }]);
    }
  }
  return files;
}

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
 * Tails the files of its config (one, or several taking turns); see the
 * module docs.
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

  #topic = "";
  #batchSize = 2000;
  #streams: FileStream[] = [];
  /** Index of the file the next poll reads first (round-robin between files). */
  #next = 0;

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
   * Parses the config (`file`, or `files` as the connector writes them for
   * a list or glob) and resumes each file from the stored offset of
   * `{"filename": file}` (byte position), or byte 0. Files are opened on the
   * first `poll`; they need not exist yet.
   *
   * @throws {ConfigError} if the config is invalid (e.g. a file outside the allowed directories).
   * @throws {ConnectError} if a stored offset is not a non-negative integer position.
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
    const config = FILE_STREAM_SOURCE_TASK_CONFIG.parse(props, this.context);
    const dirs = this.context.allowedFileDirs;
    const files = taskFiles(config, dirs);
    this.#topic = config.topic;
    this.#batchSize = config["batch.size"];
    this.#next = 0;
    this.#streams = files.map((file) => {
      const partition = Object.freeze({ [FILENAME_FIELD]: file });
      const position = this.#storedPosition(file, partition);
      if (position > 0) this.#logger.info(`Resuming ${file} at byte ${position}`);
      const stream: FileStream = {
        file,
        partition,
        invalidUtf8Logged: false,
        reader: new LineReader({
          position,
          bufferSize: this.#readBufferSize,
          onInvalidUtf8: (at) => this.#onInvalidUtf8(stream, at),
        }),
        tailer: new FileTailer({
          path: file,
          position,
          logger: this.#logger,
          fallbackIntervalMs: this.#fallbackIntervalMs,
          watch: this.#watch,
          checkPath: (path) => assertPathAllowed(path, dirs, `read file ${path}`),
        }),
      };
      return stream;
    });
  }

  /**
   * Returns up to `batch.size` new lines as records, taking turns between
   * files. When no complete line is available it waits (woken by
   * file-system events) up to 500 ms, then returns null; it returns at once
   * when `signal` aborts.
   *
   * @throws {ConnectError} when a file exists but cannot be read.
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
    const streams = this.#streams;
    if (streams.length === 0) {
      throw new ConnectError("Cannot poll FileStreamSourceTask: it is not started");
    }
    const records: SourceRecord[] = [];
    let deadline = -1;
    while (true) {
      const first = this.#next;
      this.#next = (first + 1) % streams.length;
      for (let i = 0; i < streams.length; i++) {
        await this.#drain(streams[(first + i) % streams.length], records, signal);
        if (records.length >= this.#batchSize) return records;
      }
      if (records.length > 0) return records;
      if (signal?.aborted) return null;
      const now = performance.now();
      if (deadline < 0) deadline = now + this.#maxPollWaitMs;
      if (now >= deadline) return null;
      await this.#waitForChange(signal, Math.min(deadline - now, this.#maxPollWaitMs));
      if (signal?.aborted) return null;
    }
  }

  /** Adds the file's complete lines to `records` until the batch is full or the file is idle. */
  async #drain(stream: FileStream, records: SourceRecord[], signal?: AbortSignal): Promise<void> {
    const { reader, tailer, partition } = stream;
    const batchSize = this.#batchSize;
    const topic = this.#topic;
    while (true) {
      let line = reader.nextLine();
      if (line !== null) {
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
          if (records.length >= batchSize) return;
          line = reader.nextLine();
        } while (line !== null);
      }
      if (signal?.aborted) return;
      const result = await tailer.read(reader.writable());
      if (result.kind === "data") {
        reader.commit(result.bytes);
        continue;
      }
      if (result.kind === "reset") {
        reader.reset(0);
        stream.invalidUtf8Logged = false;
        continue;
      }
      return;
    }
  }

  /** Waits until any file may have changed, `timeoutMs` passed, or `signal` aborted. */
  async #waitForChange(signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
    if (this.#streams.length === 1) {
      await this.#streams[0].tailer.waitForChange(signal, timeoutMs);
      return;
    }
    const done = new AbortController();
    const onAbort = () => done.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      await Promise.race(this.#streams.map((s) => s.tailer.waitForChange(done.signal, timeoutMs)));
    } finally {
      done.abort();
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /**
   * Closes the files and their watchers. Lines already returned by `poll`
   * are not affected.
   *
   * @example
   * ```ts
   * import { FileStreamSourceTask } from "./file_stream_source.ts";
   * const task = new FileStreamSourceTask();
   * await task.stop(); // safe even if never started
   * ```
   */
  async stop(): Promise<void> {
    const streams = this.#streams;
    this.#streams = [];
    await Promise.all(streams.map((s) => s.tailer.close()));
  }

  #storedPosition(file: string, partition: OffsetMap): number {
    const offset = this.context.offsetStorageReader.offset(partition);
    if (offset === null) return 0;
    const position = offset[POSITION_FIELD];
    if (position === null || position === undefined) return 0;
    if (typeof position !== "number" || !Number.isSafeInteger(position) || position < 0) {
      throw new ConnectError(
        `Cannot resume ${file}: the stored offset ${POSITION_FIELD} ${
          JSON.stringify(position)
        } is not a non-negative integer`,
      );
    }
    return position;
  }

  #onInvalidUtf8(stream: FileStream, position: number): void {
    if (stream.invalidUtf8Logged) return;
    stream.invalidUtf8Logged = true;
    this.#logger.warn(
      `File ${stream.file} has bytes that are not valid UTF-8, first at byte ${position}: ` +
        `they are sent as U+FFFD (further invalid bytes in this file are not logged)`,
    );
  }
}

/** One tailed file of a task. */
interface FileStream {
  readonly file: string;
  readonly partition: OffsetMap;
  readonly reader: LineReader;
  readonly tailer: FileTailer;
  invalidUtf8Logged: boolean;
}

/**
 * Kafka Connect's `FileStreamSourceConnector`: one task tailing `file` into
 * `topic` (`tasks.max` above 1 still yields one task, as in Kafka Connect),
 * or, for a list of files or globs in `file`, the files spread over up to
 * `tasks.max` tasks. Globs are evaluated again every
 * `file.rescan.interval.ms`; a change in what they match asks the worker to
 * regenerate the tasks.
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
  #setting: ReturnType<typeof parseFileSetting> | null = null;
  #files = "";
  #rescan: ReturnType<typeof setInterval> | undefined;

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
   * console.log(new FileStreamSourceConnector().config().names());
   * // ["file", "topic", "batch.size", "file.rescan.interval.ms"]
   * ```
   */
  config(): typeof FILE_STREAM_SOURCE_CONFIG {
    return FILE_STREAM_SOURCE_CONFIG;
  }

  /**
   * Parses and keeps the configuration; with globs in `file`, starts
   * re-evaluating them every `file.rescan.interval.ms`.
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
    const setting = parseFileSetting(config.file);
    this.#setting = setting;
    this.#files = JSON.stringify(filesOf(setting, this.context.allowedFileDirs));
    const every = config["file.rescan.interval.ms"];
    if (every > 0 && setting.entries.some((e) => e.glob)) {
      this.#rescan = setInterval(() => this.#rescanFiles(), every);
    }
  }

  #rescanFiles(): void {
    const setting = this.#setting;
    if (setting === null) return;
    let files: string;
    try {
      files = JSON.stringify(filesOf(setting, this.context.allowedFileDirs));
    } catch {
      return;
    }
    if (files === this.#files) return;
    this.#files = files;
    this.context.requestTaskReconfiguration();
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
   * For one file, one task config whatever `maxTasks` (as Kafka Connect).
   * For a list or globs, the files they name now spread over up to
   * `maxTasks` configs, each with `file` (one file) or `files` (a JSON
   * array); none while globs match nothing.
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
  taskConfigs(maxTasks: number): Record<string, string>[] {
    const base = this.#taskConfig;
    const setting = this.#setting;
    if (base === null || setting === null) {
      throw new ConnectError("Cannot create task configs: the connector is not started");
    }
    if (setting.single) return [{ ...base }];
    const files = filesOf(setting, this.context.allowedFileDirs);
    this.#files = JSON.stringify(files);
    const { file: _file, ...common } = base;
    return spreadFiles(files, Math.max(1, maxTasks)).map((group) =>
      group.length === 1 && !group[0].includes(",") && !isGlob(group[0])
        ? { ...common, file: group[0] }
        : { ...common, files: JSON.stringify(group) }
    );
  }

  /**
   * Stops the connector (and its glob re-evaluation).
   *
   * @example
   * ```ts
   * import { FileStreamSourceConnector } from "./file_stream_source.ts";
   * new FileStreamSourceConnector().stop();
   * ```
   */
  stop(): void {
    clearInterval(this.#rescan);
    this.#rescan = undefined;
    this.#taskConfig = null;
    this.#setting = null;
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
