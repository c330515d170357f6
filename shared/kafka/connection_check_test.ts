import assert from "node:assert/strict";
import { checkKafkaConnection } from "./connection_check.ts";
import { KafkaClientError } from "./errors.ts";

Deno.test("checkKafkaConnection names the address of a refused broker", async () => {
  const started = Date.now();
  const error = await checkKafkaConnection({ bootstrapServers: ["127.0.0.1:9"], clientId: "check" })
    .then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof KafkaClientError);
  assert.match(error.message, /^Cannot connect to Kafka at 127\.0\.0\.1:9: /);
  assert.equal(error.action, "connect to Kafka at 127.0.0.1:9");
  assert.ok(Date.now() - started < 3000);
});
