import assert from "node:assert/strict";
import { Hono } from "hono";
import { addResource, allowHeader, METHOD_NOT_ALLOWED_BODY } from "./resource_routes.ts";

function app() {
  const hono = new Hono();
  addResource(hono, "/items/:id", {
    GET: (c) => c.json({ id: c.req.param("id") }),
    DELETE: (c) => c.body(null, 204),
  });
  addResource(hono, "/items/:id/tags", { PUT: (c) => c.body(null, 202) });
  return hono;
}

Deno.test("allowHeader lists methods in a fixed order with HEAD and OPTIONS", () => {
  assert.equal(allowHeader(["DELETE", "GET"]), "GET, HEAD, DELETE, OPTIONS");
  assert.equal(allowHeader(["PATCH", "PUT", "POST"]), "POST, PUT, PATCH, OPTIONS");
  assert.equal(allowHeader([]), "OPTIONS");
});

Deno.test("a resource answers its methods, with or without a trailing slash", async () => {
  const hono = app();
  for (const path of ["/items/1", "/items/1/"]) {
    const res = await hono.request(path);
    assert.equal(res.status, 200, path);
    assert.deepEqual(await res.json(), { id: "1" });
    assert.equal((await hono.request(path, { method: "DELETE" })).status, 204);
  }
  assert.equal((await hono.request("/items/1/tags", { method: "PUT" })).status, 202);
  const head = await hono.request("/items/1", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), "");
});

Deno.test("other methods answer 405 with Kafka Connect's body and Allow", async () => {
  const hono = app();
  const cases: [string, string, string][] = [
    ["POST", "/items/1", "GET, HEAD, DELETE, OPTIONS"],
    ["PATCH", "/items/1/", "GET, HEAD, DELETE, OPTIONS"],
    ["GET", "/items/1/tags", "PUT, OPTIONS"],
    ["HEAD", "/items/1/tags", "PUT, OPTIONS"],
  ];
  for (const [method, path, allow] of cases) {
    const res = await hono.request(path, { method });
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.equal(res.headers.get("Allow"), allow);
    if (method !== "HEAD") assert.deepEqual(await res.json(), METHOD_NOT_ALLOWED_BODY);
  }
});

Deno.test("OPTIONS answers 204 with Allow", async () => {
  const res = await app().request("/items/1/tags", { method: "OPTIONS" });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("Allow"), "PUT, OPTIONS");
});

Deno.test("other paths are left to the app's not-found handler", async () => {
  const res = await app().request("/items/1/other", { method: "POST" });
  assert.equal(res.status, 404);
});
