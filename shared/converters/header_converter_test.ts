import assert from "node:assert/strict";
import { SimpleHeaderConverter } from "./header_converter.ts";

const text = (b: Uint8Array | null) => b === null ? null : new TextDecoder().decode(b);

Deno.test("SimpleHeaderConverter writes strings, numbers, booleans, bytes and structures", () => {
  const c = new SimpleHeaderConverter();
  assert.equal(c.fromConnectHeader("t", "k", null, null), null);
  assert.equal(text(c.fromConnectHeader("t", "k", null, "héllo")), "héllo");
  assert.equal(text(c.fromConnectHeader("t", "k", null, 3.5)), "3.5");
  assert.equal(text(c.fromConnectHeader("t", "k", null, 9007199254740993n)), "9007199254740993");
  assert.equal(text(c.fromConnectHeader("t", "k", null, true)), "true");
  const raw = new Uint8Array([0, 255]);
  assert.equal(c.fromConnectHeader("t", "k", null, raw), raw);
  assert.equal(text(c.fromConnectHeader("t", "k", null, new Map([["a", [1, 2]]]))), '{"a":[1,2]}');
});

Deno.test("SimpleHeaderConverter reads headers back as optional strings", () => {
  const c = new SimpleHeaderConverter();
  assert.deepEqual(c.toConnectHeader("t", "k", null), { schema: null, value: null });
  const read = c.toConnectHeader("t", "k", new TextEncoder().encode("abc"));
  assert.equal(read.value, "abc");
  assert.deepEqual(read.schema, { type: "string", optional: true });
});
