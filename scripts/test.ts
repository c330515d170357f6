/**
 * `deno task test`: the project's test command.
 *
 * Unless `KAFKA_BOOTSTRAP` is already set, it starts a fresh single-node
 * Kafka on free ports in a temporary run directory, runs
 * `deno test -A --no-check=remote [args]` with `KAFKA_BOOTSTRAP` pointing at
 * it, then stops that Kafka and deletes the directory (also on failure or
 * Ctrl-C). Exits with `deno test`'s exit code; `deno test`'s output is passed
 * through unchanged, and this script prints nothing after it (CI reads the
 * last lines), its own lines going to stderr before the tests start.
 *
 * ```
 * deno task test                        # the whole repo
 * deno task test scripts/ --filter wire # extra arguments go to deno test
 * KAFKA_BOOTSTRAP=127.0.0.1:9092 deno task test   # use a running Kafka instead
 * ```
 *
 * @example
 * ```ts
 * // deno run --allow-run --allow-net=127.0.0.1 --allow-read --allow-write --allow-env scripts/test.ts --filter probe
 * ```
 *
 * @module
 */

import { startCluster } from "./kafka/cluster.ts";
import { messageOf } from "./kafka/errors.ts";

/** Signal numbers for the `128 + n` exit code of a child killed by a signal. */
const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGTERM: 15,
};

const FORWARDED: Deno.Signal[] = ["SIGINT", "SIGTERM"];

function say(message: string): void {
  console.error(`[test] ${message}`);
}

function exitCodeOf(status: Deno.CommandStatus): number {
  if (status.signal !== null) return 128 + (SIGNAL_NUMBERS[status.signal] ?? 0);
  return status.code;
}

async function main(args: string[]): Promise<number> {
  // Until deno test runs, a signal aborts the Kafka start-up; afterwards it is forwarded.
  const abort = new AbortController();
  let child: Deno.ChildProcess | undefined;
  let interrupted: Deno.Signal | undefined;
  const listeners = FORWARDED.map((signal) => {
    const listener = () => {
      interrupted ??= signal;
      abort.abort(new Error("interrupted"));
      try {
        child?.kill(signal);
      } catch {
        // Already exited.
      }
    };
    Deno.addSignalListener(signal, listener);
    return { signal, listener };
  });

  let dir: string | undefined;
  let stop: (() => Promise<unknown>) | undefined;
  try {
    const env: Record<string, string> = {};
    const external = Deno.env.get("KAFKA_BOOTSTRAP")?.trim();
    if (external) {
      say(`Using the Kafka at KAFKA_BOOTSTRAP=${external}.`);
    } else {
      dir = await Deno.makeTempDir({ prefix: "tributary-test-kafka-" });
      const began = performance.now();
      try {
        const cluster = await startCluster({
          dir,
          nodes: 1,
          fresh: true,
          signal: abort.signal,
          log: (message) => say(message),
        });
        stop = () => cluster.stop({ timeoutMs: 10_000 });
        env.KAFKA_BOOTSTRAP = cluster.bootstrap;
        const seconds = ((performance.now() - began) / 1000).toFixed(1);
        say(
          `Kafka ${cluster.kafkaVersion} is up at ${cluster.bootstrap} (${seconds} s); KAFKA_BOOTSTRAP is set for the tests.`,
        );
      } catch (error) {
        console.error(messageOf(error));
        return interrupted ? 128 + (SIGNAL_NUMBERS[interrupted] ?? 0) : 1;
      }
    }
    if (interrupted) return 128 + (SIGNAL_NUMBERS[interrupted] ?? 0);
    child = new Deno.Command(Deno.execPath(), {
      args: ["test", "-A", "--no-check=remote", ...args],
      env,
      stdin: "inherit",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn();
    return exitCodeOf(await child.status);
  } finally {
    try {
      await stop?.();
    } catch (error) {
      console.error(`[test] ${messageOf(error)}`);
    }
    if (dir !== undefined) {
      await Deno.remove(dir, { recursive: true }).catch((error) =>
        console.error(`[test] Cannot remove ${dir}: ${messageOf(error)}`)
      );
    }
    for (const { signal, listener } of listeners) Deno.removeSignalListener(signal, listener);
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
