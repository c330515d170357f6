/**
 * Waiting for a topic to hold a number of records (by its end offsets) and
 * for a file to reach a size: how the bench sees that a run is done.
 *
 * @example
 * ```ts ignore
 * import { waitForRecords } from "./topic_wait.ts";
 * const doneAt = await waitForRecords(admin, "lines", 1_000_000, 120_000);
 * ```
 * @module
 */
import type { KafkaAdmin } from "../shared/kafka/mod.ts";

const POLL_MS = 20;
/** How often `waitForFileSize` asks whether the writer still runs. */
const CHECK_MS = 1000;

/**
 * Resolves with `performance.now()` at the first check that found at least
 * `count` records in `topic` (sum of its partitions' end offsets; the bench's
 * topics are new, so offsets start at 0). Checks every 20 ms; rejects with
 * `Cannot wait for <count> records in <topic>: ...` after `timeoutMs`.
 *
 * @example
 * ```ts ignore
 * import { waitForRecords } from "./topic_wait.ts";
 * const t0 = performance.now();
 * const ms = (await waitForRecords(admin, "lines", 1000, 60_000)) - t0;
 * ```
 */
export async function waitForRecords(
  admin: KafkaAdmin,
  topic: string,
  count: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let seen = 0n;
  let lastError: unknown;
  while (performance.now() < deadline) {
    try {
      const offsets = await admin.endOffsets([topic]);
      seen = offsets.reduce((sum, p) => sum + p.offset, 0n);
      lastError = undefined;
      if (seen >= BigInt(count)) return performance.now();
    } catch (err) {
      // A topic created a moment ago may not be in every metadata answer
      // yet ("Unknown topic"): ask again until the deadline.
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : "";
  throw new Error(
    `Cannot wait for ${count} records in ${topic}: only ${seen} after ${timeoutMs} ms${reason}`,
    { cause: lastError },
  );
}

/**
 * Resolves with `performance.now()` at the first check that found `path`
 * at least `bytes` long. Checks every 20 ms; rejects with `Cannot wait for
 * <path> to reach <bytes> bytes: ...` after `timeoutMs`. `stillRunning`,
 * if given, is awaited every second and may reject to end the wait early
 * (say, when the writing task failed).
 *
 * @example
 * ```ts ignore
 * import { waitForFileSize } from "./topic_wait.ts";
 * await waitForFileSize("/tmp/out.txt", 100_000_000, 120_000);
 * ```
 */
export async function waitForFileSize(
  path: string,
  bytes: number,
  timeoutMs: number,
  stillRunning?: () => Promise<void>,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let size = 0;
  let nextCheck = performance.now() + CHECK_MS;
  while (performance.now() < deadline) {
    if (stillRunning && performance.now() >= nextCheck) {
      await stillRunning();
      nextCheck = performance.now() + CHECK_MS;
    }
    try {
      size = (await Deno.stat(path)).size;
    } catch {
      size = 0;
    }
    if (size >= bytes) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`Cannot wait for ${path} to reach ${bytes} bytes: ${size} after ${timeoutMs} ms`);
}
