/**
 * A line splitter over raw bytes that tracks the exact byte offset after every
 * line, as Kafka Connect's FileStreamSource stores it — but counting bytes, not
 * UTF-16 characters, so a restart resumes at the right byte whatever the text.
 *
 * Lines end at `\n`, `\r\n` or `\r`. A last line without its terminator is held
 * until the terminator arrives, and a `\r` at the very end of the buffered data
 * is held until the next byte shows whether it is a `\r\n`. Bytes that are not
 * valid UTF-8 decode to U+FFFD and are reported once per decoded chunk; offsets
 * still count the real bytes.
 *
 * For speed the reader decodes every run of complete lines in the buffer with a
 * single `TextDecoder` call and hands lines out as slices of that string, so the
 * only per-line allocation is the line itself.
 *
 * @example
 * ```ts
 * import { LineReader } from "./line_reader.ts";
 * const reader = new LineReader();
 * reader.push(new TextEncoder().encode("héllo\r\nwor"));
 * console.log(reader.nextLine(), reader.position); // "héllo" 8
 * console.log(reader.nextLine()); // null: "wor" waits for its terminator
 * reader.push(new TextEncoder().encode("ld\n"));
 * console.log(reader.nextLine(), reader.position); // "world" 14
 * ```
 * @module
 */

const LF = 0x0a;
/** Most bytes decoded into one string (see `#decodeRegion`). */
const REGION_BYTES = 64 * 1024;
const CR = 0x0d;

/**
 * Default capacity of a reader's buffer: 1 MiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_LINE_READER_BUFFER_SIZE } from "./line_reader.ts";
 * console.log(DEFAULT_LINE_READER_BUFFER_SIZE); // 1048576
 * ```
 */
export const DEFAULT_LINE_READER_BUFFER_SIZE = 1 << 20;

/**
 * Options of a {@linkcode LineReader}.
 *
 * @example
 * ```ts
 * import { LineReader, type LineReaderOptions } from "./line_reader.ts";
 * const options: LineReaderOptions = {
 *   position: 42,
 *   bufferSize: 64 * 1024,
 *   onInvalidUtf8: (position) => console.warn(`invalid UTF-8 at byte ${position}`),
 * };
 * const reader = new LineReader(options);
 * ```
 */
export interface LineReaderOptions {
  /** Byte position (in the file) of the first byte that will be pushed. Default 0. */
  readonly position?: number;
  /**
   * Initial buffer capacity in bytes (default 1 MiB). The buffer grows when a
   * single line does not fit.
   */
  readonly bufferSize?: number;
  /**
   * Called with the byte position of the first invalid UTF-8 byte of every
   * decoded run of lines that contains invalid bytes (those bytes decode to
   * U+FFFD).
   */
  readonly onInvalidUtf8?: (position: number) => void;
}

/**
 * Splits bytes into lines and tracks the byte position after each line.
 *
 * Feed it either with {@linkcode LineReader.push} (copies) or, without a copy,
 * by reading into {@linkcode LineReader.writable} and calling
 * {@linkcode LineReader.commit}. Take lines with {@linkcode LineReader.nextLine}
 * until it returns null, then feed more.
 *
 * @example
 * ```ts
 * import { LineReader } from "./line_reader.ts";
 * using file = await Deno.open("/tmp/in.txt");
 * const reader = new LineReader();
 * while (true) {
 *   const n = await file.read(reader.writable());
 *   if (n === null) break;
 *   reader.commit(n);
 *   for (let line = reader.nextLine(); line !== null; line = reader.nextLine()) {
 *     console.log(line, "ends before byte", reader.position);
 *   }
 * }
 * ```
 */
export class LineReader {
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  readonly #onInvalidUtf8: ((position: number) => void) | undefined;
  #buf: Uint8Array;
  /** File position of `#buf[0]`. */
  #base: number;
  /** Index of the first byte not yet returned as part of a line. */
  #start = 0;
  /** Index after the last byte pushed. */
  #end = 0;
  /** Bytes in `[#start, #scanned)` are known to hold no usable terminator. */
  #scanned = 0;

  /** The decoded run of complete lines being handed out, or null. */
  #region: string | null = null;
  /** Buffer index where `#region` ends (after its last terminator). */
  #regionEnd = 0;
  /** True when every byte of the region decoded to exactly one char. */
  #regionAscii = true;
  /** Index in `#region` of the next line. */
  #strPos = 0;
  /** Cached indexes of the next `\n` / `\r` in the region string. */
  #strLf = -1;
  #strCr = -1;
  /** Cached indexes of the next LF / CR in the buffer (non-ASCII regions). */
  #byteLf = -1;
  #byteCr = -1;

  /**
   * Creates a reader.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader({ position: 100 }); // bytes pushed start at file byte 100
   * ```
   */
  constructor(options: LineReaderOptions = {}) {
    const size = options.bufferSize ?? DEFAULT_LINE_READER_BUFFER_SIZE;
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new RangeError(
        `Cannot create line reader: bufferSize must be a positive integer, got ${size}`,
      );
    }
    const position = options.position ?? 0;
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(
        `Cannot create line reader: position must be a non-negative integer, got ${position}`,
      );
    }
    this.#buf = new Uint8Array(size);
    this.#base = position;
    this.#onInvalidUtf8 = options.onInvalidUtf8;
  }

  /**
   * Byte position after the terminator of the last line returned (the position
   * to resume from), or the starting position if no line was returned yet.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader();
   * reader.push(new TextEncoder().encode("€\n"));
   * reader.nextLine();
   * console.log(reader.position); // 4: "€" is 3 bytes
   * ```
   */
  get position(): number {
    return this.#base + this.#start;
  }

  /**
   * Byte position after the last byte pushed: where reading should continue.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader({ position: 10 });
   * reader.push(new Uint8Array([0x61]));
   * console.log(reader.endPosition); // 11
   * ```
   */
  get endPosition(): number {
    return this.#base + this.#end;
  }

  /**
   * Number of bytes pushed but not yet returned as lines.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader();
   * reader.push(new TextEncoder().encode("partial"));
   * console.log(reader.buffered); // 7
   * ```
   */
  get buffered(): number {
    return this.#end - this.#start;
  }

  /**
   * Returns free space at the end of the buffer to read new bytes into; report
   * how many were written with {@linkcode LineReader.commit}. Compacts the
   * buffer when no lines are pending and grows it when a line fills more than
   * half of it, so the returned view is never empty.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader();
   * const view = reader.writable();
   * view.set(new TextEncoder().encode("a\n"));
   * reader.commit(2);
   * console.log(reader.nextLine()); // "a"
   * ```
   */
  writable(): Uint8Array {
    if (this.#region === null && this.#start > 0) this.#compact();
    const free = this.#buf.length - this.#end;
    if (free === 0 || (this.#region === null && free < this.#buf.length / 2)) this.#grow();
    return this.#buf.subarray(this.#end);
  }

  /**
   * Records that `n` bytes were written at the start of the last
   * {@linkcode LineReader.writable} view.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader();
   * const n = new TextEncoder().encodeInto("x\n", reader.writable()).written;
   * reader.commit(n);
   * ```
   */
  commit(n: number): void {
    if (!Number.isInteger(n) || n < 0 || this.#end + n > this.#buf.length) {
      throw new RangeError(
        `Cannot commit ${n} bytes: only ${this.#buf.length - this.#end} bytes were writable`,
      );
    }
    this.#end += n;
  }

  /**
   * Copies bytes into the reader.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader();
   * reader.push(new TextEncoder().encode("one\ntwo\n"));
   * console.log(reader.nextLine(), reader.nextLine()); // "one" "two"
   * ```
   */
  push(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      const view = this.writable();
      const n = Math.min(view.length, bytes.length - offset);
      view.set(bytes.subarray(offset, offset + n));
      this.commit(n);
      offset += n;
    }
  }

  /**
   * Returns the next complete line without its terminator, or null when no
   * complete line is buffered. After a line, {@linkcode LineReader.position}
   * is the byte position right after its terminator.
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader();
   * reader.push(new TextEncoder().encode("a\rb\r"));
   * console.log(reader.nextLine()); // "a"
   * console.log(reader.nextLine()); // null: the trailing "\r" may be half of "\r\n"
   * ```
   */
  nextLine(): string | null {
    let region = this.#region;
    if (region === null) {
      region = this.#decodeRegion();
      if (region === null) return null;
    }
    const pos = this.#strPos;
    let lf = this.#strLf;
    if (lf < pos) lf = this.#strLf = indexOrEnd(region.indexOf("\n", pos), region.length);
    let cr = this.#strCr;
    if (cr < pos) cr = this.#strCr = indexOrEnd(region.indexOf("\r", pos), region.length);
    let lineEnd: number;
    let next: number;
    if (lf < cr) {
      lineEnd = lf;
      next = lf + 1;
    } else {
      lineEnd = cr;
      next = region.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
    }
    const line = region.slice(pos, lineEnd);
    this.#strPos = next;
    if (this.#regionAscii) {
      this.#start += next - pos;
    } else {
      this.#advanceBytes();
    }
    if (next >= region.length) this.#region = null;
    return line;
  }

  /**
   * Drops everything buffered and restarts at `position` (e.g. after the file
   * was truncated or replaced).
   *
   * @example
   * ```ts
   * import { LineReader } from "./line_reader.ts";
   * const reader = new LineReader({ position: 500 });
   * reader.reset(0);
   * console.log(reader.position); // 0
   * ```
   */
  reset(position = 0): void {
    if (!Number.isSafeInteger(position) || position < 0) {
      throw new RangeError(
        `Cannot reset line reader: position must be a non-negative integer, got ${position}`,
      );
    }
    this.#base = position;
    this.#start = 0;
    this.#end = 0;
    this.#scanned = 0;
    this.#region = null;
  }

  /** Moves the byte cursor past the next terminator (non-ASCII regions). */
  #advanceBytes(): void {
    const buf = this.#buf;
    const start = this.#start;
    const limit = this.#regionEnd;
    let lf = this.#byteLf;
    if (lf < start) lf = this.#byteLf = indexOrEnd(buf.indexOf(LF, start), limit);
    let cr = this.#byteCr;
    if (cr < start) cr = this.#byteCr = indexOrEnd(buf.indexOf(CR, start), limit);
    if (lf < cr) {
      this.#start = lf + 1;
    } else {
      this.#start = cr + 1 < limit && buf[cr + 1] === LF ? cr + 2 : cr + 1;
    }
  }

  /** Decodes the buffered complete lines into `#region`; null if there are none. */
  #decodeRegion(): string | null {
    const buf = this.#buf;
    const start = this.#start;
    const end = this.#end;
    const from = Math.max(start, this.#scanned);
    if (from >= end) return null;
    // Decode at most about REGION_BYTES at a time (unless one line is longer):
    // the string then lives in V8's young generation and dies there.
    const window = Math.min(end, from + REGION_BYTES);
    let last = lastTerminator(buf, from, window);
    if (last < 0 && window < end) last = lastTerminator(buf, window, end);
    if (last === end - 1 && buf[last] === CR) {
      // A trailing CR may be the first half of CRLF: hold it (and its line).
      last = lastTerminator(buf, from, end - 1);
    } else if (last >= 0 && buf[last] === CR && buf[last + 1] === LF) {
      last++; // a CRLF across the window's edge stays one terminator
    }
    if (last < 0) {
      this.#scanned = buf[end - 1] === CR ? end - 1 : end;
      return null;
    }
    const regionEnd = last + 1;
    const bytes = buf.subarray(start, regionEnd);
    const region = this.#decoder.decode(bytes);
    this.#region = region;
    this.#regionEnd = regionEnd;
    this.#regionAscii = region.length === bytes.length;
    this.#strPos = 0;
    this.#strLf = -1;
    this.#strCr = -1;
    this.#byteLf = -1;
    this.#byteCr = -1;
    this.#scanned = regionEnd;
    if (this.#onInvalidUtf8 !== undefined && region.includes("\uFFFD")) {
      const invalid = firstInvalidUtf8(bytes);
      if (invalid >= 0) this.#onInvalidUtf8(this.#base + start + invalid);
    }
    return region;
  }

  #compact(): void {
    const start = this.#start;
    this.#buf.copyWithin(0, start, this.#end);
    this.#base += start;
    this.#end -= start;
    this.#scanned = Math.max(0, this.#scanned - start);
    this.#start = 0;
  }

  #grow(): void {
    const bigger = new Uint8Array(this.#buf.length * 2);
    bigger.set(this.#buf.subarray(0, this.#end));
    this.#buf = bigger;
  }
}

function indexOrEnd(index: number, end: number): number {
  return index < 0 || index > end ? end : index;
}

/** Index of the last LF or CR in `buf[from, end)`, or -1. */
function lastTerminator(buf: Uint8Array, from: number, end: number): number {
  if (end <= from) return -1;
  const view = buf.subarray(from, end);
  const lf = view.lastIndexOf(LF);
  // Only a CR after the last LF can be the last terminator: scan just those bytes.
  const cr = view.subarray(lf + 1).lastIndexOf(CR);
  const last = cr >= 0 ? lf + 1 + cr : lf;
  return last < 0 ? -1 : from + last;
}

/**
 * Index of the first byte of `bytes` that starts an invalid UTF-8 sequence
 * (per the WHATWG decoder, which replaces it with U+FFFD), or -1 if all of it
 * is valid.
 *
 * @example
 * ```ts
 * import { firstInvalidUtf8 } from "./line_reader.ts";
 * console.log(firstInvalidUtf8(new Uint8Array([0x61, 0xff, 0x62]))); // 1
 * console.log(firstInvalidUtf8(new TextEncoder().encode("ok €"))); // -1
 * ```
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      else if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second < lower || second > upper) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
