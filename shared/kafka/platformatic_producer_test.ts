import assert from "node:assert/strict";
import { createKafkaProducer, PRODUCER_DEFAULTS } from "./platformatic_producer.ts";

Deno.test("createKafkaProducer validates before connecting", async () => {
  await assert.rejects(
    createKafkaProducer({ bootstrapServers: ["127.0.0.1:9"], clientId: "p", transactionalId: "" }),
    /^KafkaClientError: Cannot configure the Kafka producer: transactionalId is empty$/,
  );
});

Deno.test("createKafkaProducer refuses more than 5 requests in flight", async () => {
  await assert.rejects(
    createKafkaProducer({
      bootstrapServers: ["127.0.0.1:9"],
      clientId: "p",
      maxInFlightRequests: 6,
    }),
    /^KafkaClientError: Cannot configure the Kafka producer: maxInFlightRequests must be an integer from 1 to 5, got 6$/,
  );
});

Deno.test("createKafkaProducer fails fast on an unreachable broker", async () => {
  await assert.rejects(
    createKafkaProducer({ bootstrapServers: ["127.0.0.1:9"], clientId: "p" }),
    /^KafkaClientError: Cannot connect to Kafka at 127\.0\.0\.1:9: /,
  );
  assert.ok(
    PRODUCER_DEFAULTS.maxBatchBytes < 1048588,
    "must stay under the broker's default max.message.bytes",
  );
});
