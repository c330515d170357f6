import assert from "node:assert/strict";
import { describeError, errorCodes, isCoordinatorUnavailable, KafkaClientError } from "./errors.ts";

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

Deno.test("isCoordinatorUnavailable: only when every broker code says the coordinator is away", () => {
  const code = (apiId: string) => Object.assign(new Error(apiId), { apiId });
  const joins = new AggregateError(
    [code("NOT_COORDINATOR"), code("COORDINATOR_LOAD_IN_PROGRESS"), code("NOT_COORDINATOR")],
    "joinGroup failed 3 times.",
  );
  assert.ok(isCoordinatorUnavailable(joins));
  assert.ok(isCoordinatorUnavailable(KafkaClientError.wrap("join group g", joins)));
  assert.ok(isCoordinatorUnavailable(code("COORDINATOR_NOT_AVAILABLE")));
  const mixed = new AggregateError(
    [code("NOT_COORDINATOR"), code("GROUP_AUTHORIZATION_FAILED")],
    "x",
  );
  assert.ok(!isCoordinatorUnavailable(mixed));
  assert.ok(!isCoordinatorUnavailable(new Error("connect ECONNREFUSED")));
  assert.ok(!isCoordinatorUnavailable(undefined));
});
