import assert from "node:assert/strict";
import { describeError, errorCodes, KafkaClientError } from "./errors.ts";

Deno.test("KafkaClientError reads 'Cannot <action>: <reason>' with the cause", () => {
  const cause = new Error("boom");
  const error = KafkaClientError.wrap("produce to t", cause);
  assert.equal(error.message, "Cannot produce to t: boom");
  assert.equal(error.cause, cause);
  assert.equal(error.name, "KafkaClientError");
  const rewrapped = KafkaClientError.wrap("send", error);
  assert.equal(rewrapped.message, "Cannot send: boom");
});

Deno.test("describeError flattens aggregates and causes, with broker codes", () => {
  const refused = new Error("connect ECONNREFUSED 127.0.0.1:9999");
  const failed = new Error("Connection to 127.0.0.1:9999 failed.", { cause: refused });
  const all = new AggregateError([failed], "Cannot connect to any broker.");
  assert.equal(
    describeError(all),
    "Cannot connect to any broker: Connection to 127.0.0.1:9999 failed: connect ECONNREFUSED 127.0.0.1:9999",
  );
  const protocol = Object.assign(new Error("Topic exists."), {
    apiId: "TOPIC_ALREADY_EXISTS",
    serverErrorMessage: "Topic 't' already exists.",
  });
  const response = new AggregateError([protocol], "Received response with error");
  assert.equal(
    describeError(response),
    "Received response with error: Topic exists (Topic 't' already exists.) [TOPIC_ALREADY_EXISTS]",
  );
  assert.deepEqual(errorCodes(response), ["TOPIC_ALREADY_EXISTS"]);
  assert.ok(KafkaClientError.wrap("x", response).hasCode("TOPIC_ALREADY_EXISTS"));
  assert.equal(describeError("plain"), "plain");
  assert.equal(describeError(undefined), "unknown error");
});
