import assert from "node:assert/strict";
import { cannot, messageOf } from "./errors.ts";

Deno.test("cannot builds 'Cannot <action>: <reason>' and keeps the cause", () => {
  const cause = new Error("boom");
  const error = cannot("start Kafka", "port 9092 is in use", cause);
  assert.equal(error.message, "Cannot start Kafka: port 9092 is in use");
  assert.equal(error.cause, cause);
  assert.equal("cause" in cannot("x", "y"), false);
});

Deno.test("messageOf reads errors and other thrown values", () => {
  assert.equal(messageOf(new Error("m")), "m");
  assert.equal(messageOf("plain"), "plain");
});
