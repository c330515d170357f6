/**
 * The sink worker: runs sink connectors (Kafka → outside world) and
 * serves Kafka Connect's REST API (default port 8084).
 *
 * Usage: `deno task sink-worker [worker.properties]`; see README.md.
 *
 * @module
 */
import { runtimeRoutes, startKafkaRuntime } from "@tributary/shared/runtime/kafka_runtime";
import { runWorkerMain } from "@tributary/shared/runtime/worker_main";

if (import.meta.main) {
  Deno.exit(
    await runWorkerMain({
      kind: "sink",
      args: Deno.args,
      env: Deno.env.toObject(),
      startRuntime: startKafkaRuntime,
      restPlugins: runtimeRoutes,
    }),
  );
}
