/**
 * `deno task start`: the main job in one command. Starts a local Kafka
 * (or uses `KAFKA_BOOTSTRAP`), then a source worker and a sink worker, and
 * prints where they listen. Ctrl-C (or SIGTERM) stops the workers and the
 * Kafka this command started; a Kafka started earlier by `deno task kafka`
 * is reused and left running.
 *
 * @module
 */
import { startCluster } from "./kafka/cluster.ts";

const WORKERS = [
  { kind: "source", port: 8083 },
  { kind: "sink", port: 8084 },
] as const;

function say(message: string): void {
  console.log(`[start] ${message}`);
}

async function waitHealthy(url: string, child: Deno.ChildProcess, timeoutMs: number) {
  let exited = false;
  child.status.then(() => exited = true);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${url}/health`);
      await res.body?.cancel();
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function main(): Promise<number> {
  let bootstrap = Deno.env.get("KAFKA_BOOTSTRAP");
  let stopKafka: (() => Promise<unknown>) | null = null;
  if (bootstrap) {
    say(`using the Kafka cluster at ${bootstrap} (KAFKA_BOOTSTRAP)`);
  } else {
    say("starting a local Kafka (the first run fetches it with Maven)...");
    try {
      const cluster = await startCluster({ basePort: 9092, log: (m) => say(m) });
      bootstrap = cluster.bootstrap;
      if (cluster.alreadyRunning) {
        say(`reusing the local Kafka already running at ${bootstrap}`);
      } else {
        stopKafka = () => cluster.stop();
      }
    } catch (err) {
      console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  }

  const children = WORKERS.map(({ kind }) => ({
    kind,
    child: new Deno.Command(Deno.execPath(), {
      args: ["task", `${kind}-worker`],
      env: { KAFKA_BOOTSTRAP: bootstrap! },
      stdin: "null",
    }).spawn(),
  }));

  const stopAll = async () => {
    for (const { child } of children) {
      try {
        child.kill("SIGTERM");
      } catch {
        // already exited
      }
    }
    await Promise.all(children.map(({ child }) => child.status));
    if (stopKafka) {
      say("stopping the local Kafka...");
      await stopKafka();
    }
  };

  const stopRequested = new Promise<string>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      Deno.addSignalListener(signal, () => resolve(signal));
    }
  });

  const healthy = await Promise.all(
    children.map(({ child }, i) =>
      waitHealthy(`http://127.0.0.1:${WORKERS[i].port}`, child, 60_000)
    ),
  );
  if (healthy.includes(false)) {
    console.error("[start] Cannot start the workers: see their output above");
    await stopAll();
    return 1;
  }
  say(`Kafka:         ${bootstrap}`);
  say(`source worker: http://localhost:${WORKERS[0].port}`);
  say(`sink worker:   http://localhost:${WORKERS[1].port}`);
  say("press Ctrl-C to stop");

  const exited = Promise.race(
    children.map(({ kind, child }) => child.status.then((s) => ({ kind, code: s.code }))),
  );
  const outcome = await Promise.race([stopRequested, exited]);
  if (typeof outcome === "string") {
    say(`${outcome}: stopping...`);
    await stopAll();
    return 0;
  }
  console.error(`[start] the ${outcome.kind} worker exited with code ${outcome.code}; stopping`);
  await stopAll();
  return 1;
}

if (import.meta.main) Deno.exit(await main());
