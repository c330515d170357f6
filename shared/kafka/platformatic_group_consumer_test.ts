import assert from "node:assert/strict";
import { createKafkaGroupConsumer, GROUP_DEFAULTS } from "./platformatic_group_consumer.ts";

const base = { bootstrapServers: ["127.0.0.1:9"], clientId: "c", groupId: "g" };

Deno.test("createKafkaGroupConsumer needs exactly one of topics and topicPattern", async () => {
  await assert.rejects(createKafkaGroupConsumer(base), /exactly one of topics and topicPattern/);
  await assert.rejects(
    createKafkaGroupConsumer({ ...base, topics: ["t"], topicPattern: /t/ }),
    /exactly one of topics and topicPattern/,
  );
  await assert.rejects(
    createKafkaGroupConsumer({ ...base, groupId: "", topics: ["t"] }),
    /groupId is empty/,
  );
});

Deno.test("createKafkaGroupConsumer fails fast on an unreachable broker", async () => {
  await assert.rejects(
    createKafkaGroupConsumer({ ...base, topics: ["t"] }),
    /^KafkaClientError: Cannot connect to Kafka at 127\.0\.0\.1:9: /,
  );
  assert.equal(GROUP_DEFAULTS.autoOffsetReset, "earliest");
});
