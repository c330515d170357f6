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

Deno.test("encodeAsciiFramed writes prefix, text and suffix as one view", () => {
  const pool = new Utf8Pool(1024);
  const prefix = new TextEncoder().encode('{"p":"');
  const suffix = new TextEncoder().encode('"}');
  const a = pool.encodeAsciiFramed(prefix, "abc", suffix)!;
  const b = pool.encodeAsciiFramed(prefix, "", suffix)!;
  assert.equal(new TextDecoder().decode(a), '{"p":"abc"}');
  assert.equal(new TextDecoder().decode(b), '{"p":""}');
  assert.equal(a.buffer, b.buffer);
  assert.equal(b.byteOffset % 8, 0);
  // Larger than a sixteenth of the slab: its own buffer.
  const big = pool.encodeAsciiFramed(prefix, "x".repeat(100), suffix)!;
  assert.equal(big.byteOffset, 0);
  assert.equal(new TextDecoder().decode(big), '{"p":"' + "x".repeat(100) + '"}');
});

Deno.test("encodeAsciiFramed refuses non-ASCII text and what rejects refuses, using no space", () => {
  const pool = new Utf8Pool(1024);
  const quote = new Uint8Array([34]);
  for (const text of ["é", "aé", "😀", "a\ud800", "€uro"]) {
    assert.equal(pool.encodeAsciiFramed(quote, text, quote), null, JSON.stringify(text));
  }
  const seen: string[] = [];
  const rejects = (bytes: Uint8Array, start: number, end: number) => {
    seen.push(new TextDecoder().decode(bytes.subarray(start, end)));
    return bytes.subarray(start, end).includes(0x21);
  };
  assert.equal(pool.encodeAsciiFramed(quote, "no!", quote, rejects), null);
  const ok = pool.encodeAsciiFramed(quote, "yes", quote, rejects)!;
  assert.deepEqual(seen, ["no!", "yes"]);
  // Refusals used no space: the accepted view starts the slab.
  assert.equal(ok.byteOffset, 0);
  assert.equal(new TextDecoder().decode(ok), '"yes"');
});
