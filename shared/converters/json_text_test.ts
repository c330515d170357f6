import assert from "node:assert/strict";
import { quoteJsonString } from "./json_text.ts";

Deno.test("plain text is only quoted", () => {
  assert.equal(quoteJsonString(""), '""');
  assert.equal(quoteJsonString("foo / bar"), '"foo / bar"');
  assert.equal(quoteJsonString("é \u2028 \u007f"), '"é \u2028 \u007f"');
});

Deno.test("escapes as Jackson does", () => {
  assert.equal(quoteJsonString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(quoteJsonString("\b\t\n\f\r"), '"\\b\\t\\n\\f\\r"');
  assert.equal(quoteJsonString("\u0000\u000b\u001f"), '"\\u0000\\u000B\\u001F"');
  assert.equal(quoteJsonString("😀"), '"\\uD83D\\uDE00"');
  assert.equal(quoteJsonString("a\ud800b\udc00"), '"a\\uD800b\\uDC00"');
  assert.equal(quoteJsonString('"\u0001"'), '"\\"\\u0001\\""');
});

Deno.test("the result reads back as the same string", () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  for (let n = 0; n < 500; n++) {
    const codes = Array.from({ length: next() % 20 }, () => {
      const r = next() % 6;
      return r === 0
        ? next() % 32
        : r === 1
        ? 0xd800 + next() % 0x800
        : r === 2
        ? 34 + (next() % 2) * 58
        : 32 + next() % 0x3000;
    });
    const text = String.fromCharCode(...codes);
    assert.equal(JSON.parse(quoteJsonString(text)), text);
    assert.ok(
      quoteJsonString(text).isWellFormed() && !/[\ud800-\udfff]/.test(quoteJsonString(text)),
    );
  }
});
