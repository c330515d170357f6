import assert from "node:assert/strict";
import {
  decodeOffsetKey,
  decodeOffsetValue,
  encodeOffsetKey,
  encodeOffsetValue,
} from "./offset_codec.ts";

const text = (b: Uint8Array | null) => b === null ? null : new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

Deno.test("keys and values are Kafka Connect's JSON, byte for byte", () => {
  assert.equal(
    text(encodeOffsetKey("fs", { filename: "/tmp/in.txt" })),
    '["fs",{"filename":"/tmp/in.txt"}]',
  );
  assert.equal(text(encodeOffsetValue({ position: 30 })), '{"position":30}');
  assert.equal(encodeOffsetValue(null), null);
  assert.equal(text(encodeOffsetKey('é "q"', { k: "ü" })), '["é \\"q\\"",{"k":"ü"}]');
});

Deno.test("keys written by Kafka Connect decode; other bytes are skipped", () => {
  assert.deepEqual(decodeOffsetKey(bytes('["fs",{"filename":"a","n":1}]')), {
    connector: "fs",
    partition: { filename: "a", n: 1 },
  });
  for (const bad of ["garbage", '["fs"]', '[1,{"a":1}]', '["fs",{"a":{"nested":1}}]', "null"]) {
    assert.equal(decodeOffsetKey(bytes(bad)), null, bad);
  }
  assert.equal(decodeOffsetKey(null), null);
});

Deno.test("values decode to maps, tombstones to null, garbage to undefined", () => {
  assert.deepEqual(decodeOffsetValue(bytes('{"position":30}')), { position: 30 });
  assert.equal(decodeOffsetValue(null), null);
  assert.equal(decodeOffsetValue(bytes("[1]")), undefined);
  assert.equal(decodeOffsetValue(bytes("{")), undefined);
});
