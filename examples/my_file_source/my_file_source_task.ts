/**
 * `MyFileSourceTask`: reads new lines from a file on every poll and turns
 * each into a string record. It remembers how far it got as a byte offset,
 * so after a restart it continues where it stopped.
 *
 * - source partition: `{"filename": <file>}`
 * - source offset: `{"position": <byte offset after the line>}`
 *
 * A line ends at `\n` (a `\r` before it is dropped). A last line without
 * its `\n` is held back until the `\n` arrives, so a half-written line is
 * never sent. (This tutorial task does not handle files that are truncated
 * or replaced.)
 *
 * @example
 * ```ts
 * import { MyFileSourceTask } from "./my_file_source_task.ts";
 * import { MemorySourceTaskContext } from "../../shared/connect/test_contexts.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/in.txt`, "hello\nworld\n");
 * const task = new MyFileSourceTask();
 * task.initialize(new MemorySourceTaskContext({ allowedFileDirs: [dir] }));
 * task.start({ file: `${dir}/in.txt`, topic: "lines" });
 * const records = await task.poll();
 * console.log(records?.map((r) => [r.value, r.sourceOffset.position])); // [ [ "hello", 6 ], [ "world", 12 ] ]
 * await task.stop();
 * ```
 * @module
 */
// Inside this repository the SDK is imported by path. In a plugin outside
// it, write `import { ... } from "@tributary/shared/connect";` instead.
import {
  assertPathAllowed,
  delay,
  Schemas,
  type SourceRecord,
  SourceTask,
} from "../../shared/connect/mod.ts";

/** How long to wait for new data before returning nothing (milliseconds). */
const WAIT_MS = 1000;
/** How much to read per poll (bytes). */
const CHUNK_SIZE = 64 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Reads new lines of a file, one string record each.
 *
 * @example
 * ```ts
 * import { MyFileSourceTask } from "./my_file_source_task.ts";
 * console.log(new MyFileSourceTask().version()); // "1.0"
 * ```
 */
export class MyFileSourceTask extends SourceTask {
  #filename = "";
  #topic = "";
  /** Byte offset just after the last line we sent. */
  #position = 0;
  /** Bytes read after `#position` that do not end with a newline yet. */
  #pending = new Uint8Array(0);
  #file: Deno.FsFile | null = null;
  #decoder = new TextDecoder();

  version(): string {
    return "1.0";
  }

  start(props: Readonly<Record<string, string>>): void {
    this.#filename = props.file;
    this.#topic = props.topic;
    // Resume: the worker stored the offset of the last line Kafka accepted.
    const offset = this.context.offsetStorageReader.offset({ filename: this.#filename });
    const position = offset?.position;
    this.#position = typeof position === "number" ? position : 0;
  }

  async poll(signal?: AbortSignal): Promise<SourceRecord[] | null> {
    if (this.#file === null) {
      this.#file = await this.#open();
      if (this.#file === null) {
        // No file yet: wait a little (but stop waiting when asked to stop).
        await delay(WAIT_MS, signal);
        return null;
      }
    }
    const chunk = new Uint8Array(CHUNK_SIZE);
    const read = await this.#file.read(chunk);
    if (read === null) {
      // No new data: wait a little (but stop waiting when asked to stop).
      await delay(WAIT_MS, signal);
      return null;
    }
    const bytes = concat(this.#pending, chunk.subarray(0, read));
    const records: SourceRecord[] = [];
    let lineStart = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] !== NEWLINE) continue;
      const lineEnd = i > lineStart && bytes[i - 1] === CARRIAGE_RETURN ? i - 1 : i;
      const line = this.#decoder.decode(bytes.subarray(lineStart, lineEnd));
      this.#position += i + 1 - lineStart;
      records.push(this.#record(line, this.#position));
      lineStart = i + 1;
    }
    // Keep the unfinished last line for the next poll.
    this.#pending = bytes.slice(lineStart);
    return records.length > 0 ? records : null;
  }

  stop(): void {
    this.#file?.close();
    this.#file = null;
  }

  /** Opens the file at the resume position, or returns null if it does not exist yet. */
  async #open(): Promise<Deno.FsFile | null> {
    // Check again right before opening: links may have changed since validation.
    assertPathAllowed(this.#filename, this.context.allowedFileDirs);
    try {
      const file = await Deno.open(this.#filename, { read: true });
      await file.seek(this.#position, Deno.SeekMode.Start);
      this.#pending = new Uint8Array(0);
      return file;
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    }
  }

  #record(line: string, position: number): SourceRecord {
    return {
      sourcePartition: { filename: this.#filename },
      sourceOffset: { position },
      topic: this.#topic,
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: Schemas.STRING,
      value: line,
      timestamp: Date.now(),
      headers: [],
    };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
