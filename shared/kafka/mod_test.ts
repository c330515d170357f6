import assert from "node:assert/strict";
import * as kafka from "./mod.ts";

Deno.test("mod exports the factories, the error type and partitionForKey", () => {
  for (
    const name of [
      "checkKafkaConnection",
      "createKafkaAdmin",
      "createKafkaProducer",
      "createKafkaGroupConsumer",
      "createKafkaPartitionReader",
      "partitionForKey",
    ] as const
  ) {
    assert.equal(typeof kafka[name], "function", name);
  }
  assert.ok(new kafka.KafkaClientError("a", "b") instanceof Error);
  assert.ok(["native", "wasm"].includes(kafka.crc32cImplementation));
});
