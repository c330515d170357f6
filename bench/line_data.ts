/**
 * The bench's input lines: each one is `L#<seq>#` followed by filler letters
 * up to a fixed length, plain ASCII (so JSON needs no escapes and every
 * line has the same size in bytes and chars). The sequence number lets the
 * latency run find each line again in the topic.
 *
 * @example
 * ```ts
 * import { formatLine, sequenceOf } from "./line_data.ts";
 * const line = formatLine(42, 100);
 * console.log(line.length, sequenceOf(line)); // 99 42
 * ```
 * @module
 */

const FILLER = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

/**
 * Line `seq` without its newline, `bytes - 1` ASCII chars long (at least its
 * `L#<seq>#` prefix), so that with the newline it takes exactly `bytes` bytes.
 *
 * @example
 * ```ts
 * import { formatLine } from "./line_data.ts";
 * console.log(formatLine(7, 16)); // "L#7#hijklmnopqr"
 * ```
 */
export function formatLine(seq: number, bytes: number): string {
  const prefix = `L#${seq}#`;
  const want = bytes - 1;
  if (prefix.length >= want) return prefix;
  const start = seq % FILLER.length;
  let filler = "";
  while (filler.length < want - prefix.length + start) filler += FILLER;
  return prefix + filler.slice(start, start + want - prefix.length);
}

const SEQUENCE = /L#(\d+)#/;

/**
 * The sequence number of a line, also inside an encoded value (e.g. a JSON
 * envelope); -1 when there is none.
 *
 * @example
 * ```ts
 * import { sequenceOf } from "./line_data.ts";
 * console.log(sequenceOf('{"schema":{"type":"string"},"payload":"L#12#abc"}')); // 12
 * console.log(sequenceOf("nothing")); // -1
 * ```
 */
export function sequenceOf(text: string): number {
  const match = SEQUENCE.exec(text);
  return match ? Number(match[1]) : -1;
}

/**
 * The value JsonConverter (schemas enabled, the default) writes for a line
 * of STRING schema, as Kafka Connect writes it.
 *
 * @example
 * ```ts
 * import { jsonEnvelope } from "./line_data.ts";
 * console.log(jsonEnvelope("hi")); // {"schema":{"type":"string","optional":false},"payload":"hi"}
 * ```
 */
export function jsonEnvelope(line: string): string {
  return `{"schema":{"type":"string","optional":false},"payload":${JSON.stringify(line)}}`;
}

/**
 * Writes `count` lines of `bytes` bytes each (see {@linkcode formatLine}) to
 * `path`, each passed through `encode` first (identity by default), in
 * chunks of about 8 MiB. Resolves with the file's size in bytes.
 *
 * @example
 * ```ts ignore
 * import { writeLineFile, jsonEnvelope } from "./line_data.ts";
 * const size = await writeLineFile("/tmp/lines.txt", 1000, 100);
 * console.log(size); // 100000
 * await writeLineFile("/tmp/values.txt", 1000, 100, jsonEnvelope);
 * ```
 */
export async function writeLineFile(
  path: string,
  count: number,
  bytes: number,
  encode: (line: string) => string = (line) => line,
): Promise<number> {
  const encoder = new TextEncoder();
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { write: true, create: true, truncate: true });
  } catch (err) {
    throw new Error(`Cannot write the bench input ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let size = 0;
  try {
    let parts: string[] = [];
    let pending = 0;
    for (let seq = 0; seq < count; seq++) {
      const text = encode(formatLine(seq, bytes));
      parts.push(text);
      pending += text.length + 1;
      if (pending >= 8 << 20 || seq === count - 1) {
        const chunk = encoder.encode(parts.join("\n") + "\n");
        for (let off = 0; off < chunk.length;) off += await file.write(chunk.subarray(off));
        size += chunk.length;
        parts = [];
        pending = 0;
      }
    }
  } finally {
    file.close();
  }
  return size;
}
