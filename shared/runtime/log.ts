/**
 * A small line logger: one line per event on stderr, with time, level, the
 * logger's name and key=value fields.
 *
 * @example
 * ```ts
 * import { createLogger } from "./log.ts";
 * const log = createLogger("worker");
 * log.info("listening", { url: "http://127.0.0.1:8083" });
 * // 2026-11-25T03:00:00.000Z INFO  [worker] listening url=http://127.0.0.1:8083
 * ```
 * @module
 */

/** Log levels, least severe first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Key/value context of a log line. */
export type LogFields = Record<string, unknown>;

/** A named logger. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose name is this one's plus `.name`. */
  child(name: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Where log lines go; tests capture them. */
export type LogSink = (line: string) => void;

const encoder = new TextEncoder();
const stderrSink: LogSink = (line) => Deno.stderr.writeSync(encoder.encode(line + "\n"));

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? String(value);
}

/**
 * Creates a logger writing lines at or above `level` (default: `TRIBUTARY_LOG_LEVEL`
 * is read by the caller and passed in; here `info`).
 *
 * @example
 * ```ts
 * import { createLogger } from "./log.ts";
 * const lines: string[] = [];
 * const log = createLogger("task", { level: "warn", sink: (l) => lines.push(l) });
 * log.info("hidden");
 * log.warn("file missing", { file: "/tmp/a" });
 * console.log(lines.length); // 1
 * ```
 */
export function createLogger(
  name: string,
  options: { level?: LogLevel; sink?: LogSink } = {},
): Logger {
  const level = options.level ?? "info";
  const sink = options.sink ?? stderrSink;
  const write = (at: LogLevel, message: string, fields?: LogFields) => {
    if (ORDER[at] < ORDER[level]) return;
    let line = `${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${name}] ${message}`;
    if (fields) {
      for (const [key, value] of Object.entries(fields)) line += ` ${key}=${formatValue(value)}`;
    }
    sink(line);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (child) => createLogger(`${name}.${child}`, { level, sink }),
  };
}
