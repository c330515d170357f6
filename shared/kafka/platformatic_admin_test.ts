import assert from "node:assert/strict";
import { createKafkaAdmin } from "./platformatic_admin.ts";

Deno.test("createKafkaAdmin fails fast on an unreachable broker", async () => {
  await assert.rejects(
    createKafkaAdmin({ bootstrapServers: ["127.0.0.1:9"], clientId: "a", connectTimeoutMs: 1000 }),
    /^KafkaClientError: Cannot connect to Kafka at 127\.0\.0\.1:9: /,
  );
});
