/**
 * The source worker: runs source connectors (outside world → Kafka) and
 * serves Kafka Connect's REST API (default port 8083).
 *
 * Usage: `deno task source-worker [worker.properties]`; see README.md.
 *
 * @module
 */
import { runtimeRoutes, startKafkaRuntime } from "@tributary/shared/runtime/kafka_runtime";
import { runWorkerMain } from "@tributary/shared/runtime/worker_main";

if (import.meta.main) {
  Deno.exit(
    await runWorkerMain({
      kind: "source",
      args: Deno.args,
      env: Deno.env.toObject(),
      startRuntime: startKafkaRuntime,
      restPlugins: runtimeRoutes,
    }),
  );
}
