/**
 * The logger the file connectors use when none is injected: one line per
 * event on stderr, in the worker's log format
 * (`<ISO time> <LEVEL> [<name>] <message>`). The SDK's contexts carry no
 * logger yet, so connectors cannot use the worker's.
 *
 * @example
 * ```ts
 * import { stderrLogger } from "./stderr_logger.ts";
 * const log = stderrLogger("FileStreamSourceTask");
 * log.warn("File /data/in.txt does not exist yet: waiting for it to appear");
 * // 2026-11-25T03:00:00.000Z WARN  [FileStreamSourceTask] File /data/in.txt does not exist yet: ...
 * ```
 * @module
 */
import type { TailerLogger } from "./file_tailer.ts";

const encoder = new TextEncoder();

/**
 * A logger writing `info` and `warn` lines to stderr under `name`.
 *
 * @example
 * ```ts
 * import { stderrLogger } from "./stderr_logger.ts";
 * stderrLogger("FileStreamSinkTask").info("Opened /data/out.txt for appending");
 * ```
 */
export function stderrLogger(name: string): TailerLogger {
  const write = (level: string, message: string) => {
    const line = `${new Date().toISOString()} ${level.padEnd(5)} [${name}] ${message}\n`;
    try {
      Deno.stderr.writeSync(encoder.encode(line));
    } catch {
      // stderr closed: nowhere to log
    }
  };
  return {
    info: (message) => write("INFO", message),
    warn: (message) => write("WARN", message),
  };
}
