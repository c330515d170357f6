import assert from "node:assert/strict";
import { createKafkaPartitionReader } from "./platformatic_partition_reader.ts";

Deno.test("createKafkaPartitionReader fails fast on an unreachable broker", async () => {
  await assert.rejects(
    createKafkaPartitionReader({
      bootstrapServers: ["127.0.0.1:9"],
      clientId: "r",
      partitions: [{ topic: "t", partition: 0 }],
    }),
    /^KafkaClientError: Cannot connect to Kafka at 127\.0\.0\.1:9: /,
  );
});
