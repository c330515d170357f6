/**
 * The shared herder conformance suite (`shared/rest/herder_conformance.ts`)
 * run against the real herder: a source runtime and a sink runtime in this
 * process, sharing one control topic on the real broker, so statuses come
 * from real running connectors and tasks.
 */
import { resolveWorkerConfig } from "../shared/config/worker_config.ts";
import { runHerderConformance } from "../shared/rest/herder_conformance.ts";
import { type KafkaRuntime, startKafkaRuntime } from "../shared/runtime/kafka_runtime.ts";
import { createLogger } from "../shared/runtime/log.ts";
import { kafkaBootstrap, uniqueName } from "./helpers/kafka_env.ts";

const fileDir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "tributary-conformance-" }));
const quiet = createLogger("conformance", { level: "error", sink: () => {} });

let shared: Promise<{ source: KafkaRuntime; sink: KafkaRuntime }> | null = null;
let users = 0;

function runtimes() {
  shared ??= (async () => {
    const group = uniqueName("conformance");
    const props = (kind: string) =>
      new Map([
        ["bootstrap.servers", kafkaBootstrap().join(",")],
        ["group.id", group],
        ["worker.id", `${kind}-worker`],
        ["config.storage.topic", `${group}-control`],
        ["offset.storage.topic", `${group}-offsets`],
        ["offset.storage.partitions", "3"],
        ["file.allowed.dirs", fileDir],
        ["offset.flush.interval.ms", "200"],
        ["heartbeat.interval.ms", "500"],
      ]);
    const signal = new AbortController().signal;
    const source = await startKafkaRuntime(
      resolveWorkerConfig("source", props("source")),
      signal,
      quiet,
    );
    const sink = await startKafkaRuntime(resolveWorkerConfig("sink", props("sink")), signal, quiet);
    return { source, sink };
  })();
  return shared;
}

runHerderConformance(
  async () => {
    const { source } = await runtimes();
    users++;
    return {
      herder: source.herder,
      close: async () => {
        // The runtimes are shared by every case; the last case closes them.
        if (--users === 0 && closeAfterLast) {
          const { source, sink } = await runtimes();
          await Promise.all([source.stop(), sink.stop()]);
        }
      },
    };
  },
  {
    fileDir,
    name: "cluster herder",
    settleTimeoutMs: 20_000,
    sanitizeOps: false,
    sanitizeResources: false,
  },
);

// Closes the shared runtimes once every case above has run.
let closeAfterLast = false;
Deno.test({
  name: "cluster herder: release the shared runtimes",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    closeAfterLast = true;
    if (shared && users === 0) {
      const { source, sink } = await shared;
      await Promise.all([source.stop(), sink.stop()]);
    }
    await Deno.remove(fileDir, { recursive: true });
  },
});
