import assert from "node:assert/strict";
import { asciiNeedsJsonEscape, quoteJsonString } from "./json_text.ts";

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

Deno.test("asciiNeedsJsonEscape finds every escaped byte at every position and alignment", () => {
  const escaped = new Set([0x22, 0x5c]);
  for (let c = 0; c < 0x20; c++) escaped.add(c);
  const buffer = new Uint8Array(80);
  for (let offset = 0; offset < 4; offset++) {
    for (const length of [1, 3, 15, 16, 17, 40, 63]) {
      const view = buffer.subarray(offset, offset + length + 2);
      for (let c = 0; c < 0x80; c++) {
        for (let at = 0; at < length; at++) {
          view.fill(0x61);
          view[1 + at] = c;
          // Escapes just outside the range are not looked at.
          view[0] = 0x22;
          view[length + 1] = 0x5c;
          assert.equal(
            asciiNeedsJsonEscape(view, 1, length + 1),
            escaped.has(c),
            `byte ${c} at ${at} of ${length}, offset ${offset}`,
          );
        }
      }
    }
  }
});

Deno.test("asciiNeedsJsonEscape is exact on bytes of UTF-8 text and on any byte", () => {
  const isEscaped = (c: number) => c < 0x20 || c === 0x22 || c === 0x5c;
  let x = 7;
  const next = () => (x = (x * 1103515245 + 12345) & 0x7fffffff);
  const buffer = new Uint8Array(96);
  for (let t = 0; t < 20000; t++) {
    // Half high bytes (UTF-8 sequences), mostly printable ASCII, sometimes anything.
    for (let i = 0; i < buffer.length; i++) {
      const r = next() % 100;
      buffer[i] = r < 50 ? 0x80 + (next() & 0x7f) : r < 97 ? 0x20 + (next() % 0x60) : next() & 0xff;
    }
    const start = next() % 8;
    const end = start + (next() % 80);
    let expected = false;
    for (let i = start; i < end; i++) expected ||= isEscaped(buffer[i]);
    assert.equal(
      asciiNeedsJsonEscape(buffer, start, end),
      expected,
      `bytes ${buffer.subarray(start, end)}`,
    );
  }
});

Deno.test("asciiNeedsJsonEscape agrees with quoteJsonString on ASCII text", () => {
  const encoder = new TextEncoder();
  for (let seed = 1; seed < 2000; seed++) {
    let x = seed;
    const chars: string[] = [];
    const length = seed % 97;
    for (let i = 0; i < length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      // Mostly printable, sometimes anything ASCII.
      chars.push(String.fromCharCode(x % 17 === 0 ? x % 0x80 : 0x20 + (x % 0x5f)));
    }
    const text = chars.join("");
    const bytes = encoder.encode(text);
    assert.equal(
      asciiNeedsJsonEscape(bytes, 0, bytes.length),
      quoteJsonString(text) !== '"' + text + '"',
      JSON.stringify(text),
    );
  }
});
