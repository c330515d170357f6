/**
 * Reading a node's log for an error message when the node dies or never
 * answers: its last lines, and the lines that say what went wrong.
 *
 * @module
 */

/**
 * The last `maxBytes` (default 4 MiB) of the text file at `path`, or
 * `undefined` when it cannot be read.
 *
 * @example
 * ```ts
 * const text = await readLogEnd(".cache/kafka/run/default/node-1.log");
 * ```
 */
export async function readLogEnd(
  path: string,
  maxBytes = 4 * 1024 * 1024,
): Promise<string | undefined> {
  let file: Deno.FsFile | undefined;
  try {
    file = await Deno.open(path, { read: true });
    const { size } = await file.stat();
    const length = Math.min(size, maxBytes);
    await file.seek(size - length, Deno.SeekMode.Start);
    const buffer = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const read = await file.read(buffer.subarray(filled));
      if (read === null) break;
      filled += read;
    }
    return new TextDecoder().decode(buffer.subarray(0, filled));
  } catch {
    return undefined;
  } finally {
    file?.close();
  }
}

/**
 * The last `lines` lines of the text file at `path` (reading at most its last
 * 64 KiB), or a note saying the file could not be read.
 *
 * @example
 * ```ts
 * console.error(await tailOfFile(".cache/kafka/run/default/node-1.log", 20));
 * ```
 */
export async function tailOfFile(path: string, lines: number): Promise<string> {
  const text = await readLogEnd(path, 64 * 1024);
  if (text === undefined) return `(could not read ${path})`;
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * The lines of a Kafka log that say why it failed: ERROR/FATAL log lines,
 * exception messages and their `Caused by:` lines, without repeats, at most
 * `max` of them (the first ones, where the trouble started).
 *
 * @example
 * ```ts
 * const why = keyErrorLines(await readLogEnd(logFile) ?? "", 6);
 * if (why.some((line) => line.includes("Address already in use"))) console.error("port taken");
 * ```
 */
export function keyErrorLines(text: string, max: number): string[] {
  const seen = new Set<string>();
  const picked: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    const isKey = /^\[[^\]]+\] (ERROR|FATAL) /.test(line) || /^Caused by: /.test(line) ||
      /^[\w.$]+(Exception|Error)(: |$)/.test(line);
    if (!isKey) continue;
    const key = line.replace(/^\[[^\]]+\] /, "");
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(line);
    if (picked.length >= max) break;
  }
  return picked;
}
