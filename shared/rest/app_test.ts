import assert from "node:assert/strict";
import { createRestApp, type HealthState } from "./app.ts";
import { RestError } from "./rest_error.ts";

function appWith(health: HealthState) {
  return createRestApp({
    rootInfo: () => ({ version: "1.2.3", commit: "abc123", kafka_cluster_id: "cid" }),
    health: () => health,
    plugins: [(app) => {
      app.get("/boom", () => {
        throw new RestError(409, "Connector x already exists");
      });
      app.get("/crash", () => {
        throw new Error("unexpected");
      });
    }],
    onUnexpectedError: () => {},
  });
}

Deno.test("GET / answers version, commit and cluster id", async () => {
  const res = await appWith("healthy").request("/");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    version: "1.2.3",
    commit: "abc123",
    kafka_cluster_id: "cid",
  });
});

Deno.test("GET /health answers 200 once ready, 503 while starting, 500 unhealthy", async () => {
  const ready = await appWith("healthy").request("/health");
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), {
    status: "healthy",
    message: "Worker has completed startup and is ready to handle requests.",
  });
  const starting = await appWith("starting").request("/health");
  assert.equal(starting.status, 503);
  assert.equal((await starting.json()).status, "starting");
  const bad = await appWith("unhealthy").request("/health");
  assert.equal(bad.status, 500);
  assert.equal((await bad.json()).status, "unhealthy");
});

Deno.test("errors answer Kafka Connect's error body", async () => {
  const app = appWith("healthy");
  const missing = await app.request("/nope");
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { error_code: 404, message: "HTTP 404 Not Found" });
  const conflict = await app.request("/boom");
  assert.equal(conflict.status, 409);
  assert.deepEqual(await conflict.json(), {
    error_code: 409,
    message: "Connector x already exists",
  });
  const crash = await app.request("/crash");
  assert.equal(crash.status, 500);
  assert.deepEqual(await crash.json(), { error_code: 500, message: "unexpected" });
});
