/**
 * A buffered line writer: lines are encoded into large in-memory chunks and
 * reach the file only in {@linkcode LineWriter.writeBuffered} /
 * {@linkcode LineWriter.flush}, one write call per chunk — never one per line.
 * `flush` also fsyncs, so once it resolves the lines are durable.
 *
 * @example
 * ```ts
 * import { LineWriter } from "./line_writer.ts";
 * const file = await Deno.open("/tmp/out.txt", { create: true, append: true });
 * const writer = new LineWriter(file, { path: "/tmp/out.txt" });
 * writer.append("first");
 * writer.append("second");
 * await writer.flush(); // both lines written and fsynced
 * writer.close();
 * ```
 * @module
 */
import { ConnectError } from "../../connect/errors.ts";

/**
 * Default size of a writer's chunks: 1 MiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_LINE_WRITER_CHUNK_SIZE } from "./line_writer.ts";
 * console.log(DEFAULT_LINE_WRITER_CHUNK_SIZE); // 1048576
 * ```
 */
export const DEFAULT_LINE_WRITER_CHUNK_SIZE = 1 << 20;

/**
 * Where a {@linkcode LineWriter} writes: a `Deno.FsFile`, or anything with the
 * same `write` (and optionally `sync` and `close`).
 *
 * @example
 * ```ts
 * import type { LineWriterTarget } from "./line_writer.ts";
 * const chunks: Uint8Array[] = [];
 * const memory: LineWriterTarget = {
 *   write: (p) => { chunks.push(p.slice()); return Promise.resolve(p.length); },
 * };
 * ```
 */
export interface LineWriterTarget {
  write(p: Uint8Array): Promise<number>;
  sync?(): Promise<void>;
  close?(): void;
}

/**
 * Options of a {@linkcode LineWriter}.
 *
 * @example
 * ```ts
 * import type { LineWriterOptions } from "./line_writer.ts";
 * const options: LineWriterOptions = { path: "out.txt", chunkSize: 256 * 1024, sync: true };
 * ```
 */
export interface LineWriterOptions {
  /** Name of the target for error messages. */
  readonly path?: string;
  /** Size of the in-memory chunks (default 1 MiB). */
  readonly chunkSize?: number;
  /** Whether `flush` fsyncs the target after writing (default true, if it can). */
  readonly sync?: boolean;
}

const NEWLINE = 0x0a;

/**
 * Buffers lines (each followed by `\n`) and writes them in large chunks.
 * Not safe for concurrent `writeBuffered`/`flush` calls.
 *
 * @example
 * ```ts
 * import { LineWriter } from "./line_writer.ts";
 * await using file = await Deno.open("/tmp/out.txt", { create: true, append: true });
 * const writer = new LineWriter(file);
 * for (const line of ["a", "b", "c"]) writer.append(line);
 * console.log(writer.buffered); // 6
 * await writer.flush();
 * ```
 */
export class LineWriter {
  readonly #target: LineWriterTarget;
  readonly #name: string;
  readonly #chunkSize: number;
  readonly #sync: boolean;
  readonly #encoder = new TextEncoder();
  /** Full chunks waiting to be written. */
  #sealed: Uint8Array[] = [];
  #sealedBytes = 0;
  #chunk: Uint8Array;
  #pos = 0;
  #spare: Uint8Array | null = null;

  /**
   * Creates a writer over an open target (opened with `append: true` to append).
   *
   * @example
   * ```ts
   * import { LineWriter } from "./line_writer.ts";
   * const file = await Deno.open("/tmp/out.txt", { create: true, append: true });
   * const writer = new LineWriter(file, { chunkSize: 64 * 1024 });
   * ```
   */
  constructor(target: LineWriterTarget, options: LineWriterOptions = {}) {
    const size = options.chunkSize ?? DEFAULT_LINE_WRITER_CHUNK_SIZE;
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new RangeError(
        `Cannot create line writer: chunkSize must be a positive integer, got ${size}`,
      );
    }
    this.#target = target;
    this.#name = options.path ?? "the output";
    this.#chunkSize = size;
    this.#sync = options.sync ?? true;
    this.#chunk = new Uint8Array(size);
  }

  /**
   * Bytes appended but not yet written to the target.
   *
   * @example
   * ```ts
   * import { LineWriter } from "./line_writer.ts";
   * const writer = new LineWriter({ write: (p) => Promise.resolve(p.length) });
   * writer.append("héllo");
   * console.log(writer.buffered); // 7: 6 bytes of text and "\n"
   * ```
   */
  get buffered(): number {
    return this.#sealedBytes + this.#pos;
  }

  /**
   * Appends one line: `text` (a string, encoded as UTF-8, or raw bytes) and
   * `\n`. Only buffers; nothing is written yet.
   *
   * @example
   * ```ts
   * import { LineWriter } from "./line_writer.ts";
   * const writer = new LineWriter({ write: (p) => Promise.resolve(p.length) });
   * writer.append("text");
   * writer.append(new Uint8Array([0x62, 0x69, 0x6e]));
   * ```
   */
  append(text: string | Uint8Array): void {
    if (typeof text === "string") {
      // Fast path: room for the worst case (3 bytes per UTF-16 unit) + "\n".
      if (this.#chunk.length - this.#pos > text.length * 3) {
        this.#pos += this.#encoder.encodeInto(text, this.#chunk.subarray(this.#pos)).written;
      } else {
        this.#appendBytes(this.#encoder.encode(text));
        this.#appendNewline();
        return;
      }
    } else {
      this.#appendBytes(text);
    }
    this.#appendNewline();
  }

  /**
   * Writes every buffered byte to the target (one write call per chunk, or
   * more if the target writes partially). Does not fsync.
   *
   * @throws {ConnectError} `Cannot write to ...` with the target's error as `cause`.
   * @example
   * ```ts
   * import { LineWriter } from "./line_writer.ts";
   * const writer = new LineWriter({ write: (p) => Promise.resolve(p.length) });
   * writer.append("x");
   * await writer.writeBuffered();
   * console.log(writer.buffered); // 0
   * ```
   */
  async writeBuffered(): Promise<void> {
    const chunks = this.#sealed;
    if (this.#pos > 0) {
      chunks.push(this.#chunk.subarray(0, this.#pos));
      this.#chunk = this.#spare ?? new Uint8Array(this.#chunkSize);
      this.#spare = null;
      this.#pos = 0;
    }
    this.#sealed = [];
    this.#sealedBytes = 0;
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i];
      let offset = 0;
      while (offset < chunk.length) {
        let n: number;
        try {
          n = await this.#target.write(chunk.subarray(offset));
          if (!(n > 0)) throw new Error(`the target accepted no bytes`);
        } catch (err) {
          // Keep what was not written, so a retry writes it (before anything newer).
          this.#sealed = [chunk.subarray(offset), ...chunks.slice(i + 1), ...this.#sealed];
          this.#sealedBytes = this.#sealed.reduce((sum, c) => sum + c.length, 0);
          throw new ConnectError(`Cannot write to ${this.#name}: the write failed`, { cause: err });
        }
        offset += n;
      }
      if (this.#spare === null && chunk.buffer.byteLength === this.#chunkSize) {
        this.#spare = new Uint8Array(chunk.buffer as ArrayBuffer);
      }
    }
  }

  /**
   * Writes everything buffered, then fsyncs the target (unless created with
   * `sync: false` or the target cannot sync). Once it resolves, every line
   * appended before the call is in the file.
   *
   * @throws {ConnectError} `Cannot write to ...` / `Cannot sync ...` with the cause.
   * @example
   * ```ts
   * import { LineWriter } from "./line_writer.ts";
   * await using file = await Deno.open("/tmp/out.txt", { create: true, append: true });
   * const writer = new LineWriter(file, { path: "/tmp/out.txt" });
   * writer.append("durable");
   * await writer.flush();
   * ```
   */
  async flush(): Promise<void> {
    const hadData = this.buffered > 0;
    await this.writeBuffered();
    if (hadData && this.#sync && this.#target.sync !== undefined) {
      try {
        await this.#target.sync();
      } catch (err) {
        throw new ConnectError(`Cannot sync ${this.#name}: fsync failed`, { cause: err });
      }
    }
  }

  /**
   * Closes the target, dropping anything not flushed. Call `flush` first.
   *
   * @example
   * ```ts
   * import { LineWriter } from "./line_writer.ts";
   * const file = await Deno.open("/tmp/out.txt", { create: true, append: true });
   * const writer = new LineWriter(file);
   * await writer.flush();
   * writer.close();
   * ```
   */
  close(): void {
    this.#sealed = [];
    this.#sealedBytes = 0;
    this.#pos = 0;
    try {
      this.#target.close?.();
    } catch {
      // already closed
    }
  }

  #appendNewline(): void {
    if (this.#pos === this.#chunk.length) this.#seal();
    this.#chunk[this.#pos++] = NEWLINE;
  }

  #appendBytes(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      if (this.#pos === this.#chunk.length) this.#seal();
      const n = Math.min(bytes.length - offset, this.#chunk.length - this.#pos);
      this.#chunk.set(bytes.subarray(offset, offset + n), this.#pos);
      this.#pos += n;
      offset += n;
    }
  }

  #seal(): void {
    this.#sealed.push(this.#chunk);
    this.#sealedBytes += this.#chunk.length;
    this.#chunk = new Uint8Array(this.#chunkSize);
    this.#pos = 0;
  }
}
