import assert from "node:assert/strict";
import { isClusterId, randomClusterId } from "./cluster_id.ts";

Deno.test("randomClusterId makes 22-character URL-safe ids that never start with '-'", () => {
  const ids = new Set<string>();
  for (let i = 0; i < 2_000; i++) {
    const id = randomClusterId();
    assert.equal(id.length, 22);
    assert.ok(isClusterId(id), id);
    assert.ok(!id.startsWith("-"), id);
    ids.add(id);
  }
  assert.equal(ids.size, 2_000);
});

Deno.test("randomClusterId encodes a version-4 UUID", () => {
  const id = randomClusterId();
  const binary = atob(id.replaceAll("-", "+").replaceAll("_", "/") + "==");
  assert.equal(binary.length, 16);
  assert.equal(binary.charCodeAt(6) >> 4, 4);
  assert.equal(binary.charCodeAt(8) >> 6, 2);
});

Deno.test("isClusterId rejects other strings", () => {
  assert.equal(isClusterId("q7m3yC1kQ2W6bT0Xr1ZpUg"), true);
  assert.equal(isClusterId("q7m3yC1kQ2W6bT0Xr1ZpU"), false);
  assert.equal(isClusterId("q7m3yC1kQ2W6bT0Xr1ZpUh"), false);
  assert.equal(isClusterId("q7m3yC1kQ2W6bT0Xr1Zp+g"), false);
});
