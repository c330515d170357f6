import assert from "node:assert/strict";
import { RestError } from "./rest_error.ts";

Deno.test("RestError carries its status into Kafka Connect's error body", () => {
  const cause = new Error("boom");
  const err = new RestError(404, "Connector x not found", { cause });
  assert.equal(err.status, 404);
  assert.equal(err.cause, cause);
  assert.deepEqual(err.toBody(), { error_code: 404, message: "Connector x not found" });
});
