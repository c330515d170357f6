import assert from "node:assert/strict";
import { Utf8Pool } from "./utf8_pool.ts";

Deno.test("small strings share a slab, each result is its own view", () => {
  const pool = new Utf8Pool(1024);
  const a = pool.encode("héllo");
  const b = pool.encode("wörld");
  assert.equal(a.buffer, b.buffer);
  assert.equal(new TextDecoder().decode(a), "héllo");
  assert.equal(new TextDecoder().decode(b), "wörld");
  assert.equal(b.byteOffset % 8, 0);
  assert.ok(b.byteOffset >= a.byteLength);
});

Deno.test("a full slab is replaced; earlier results stay intact", () => {
  const pool = new Utf8Pool(256);
  const results = Array.from({ length: 200 }, (_, i) => [i, pool.encode(`record ${i}`)] as const);
  for (const [i, bytes] of results) assert.equal(new TextDecoder().decode(bytes), `record ${i}`);
  assert.notEqual(results[0][1].buffer, results[199][1].buffer);
});

Deno.test("large strings get their own buffer", () => {
  const pool = new Utf8Pool(1024);
  const bytes = pool.encode("x".repeat(100));
  assert.equal(bytes.byteOffset, 0);
  assert.equal(bytes.buffer.byteLength, 100);
});

Deno.test("encodes like TextEncoder", () => {
  const pool = new Utf8Pool();
  for (const text of ["", "a", "😀", "a\ud800", "中文", "\u0000"]) {
    assert.deepEqual(pool.encode(text), new TextEncoder().encode(text), JSON.stringify(text));
  }
});
