import assert from "node:assert/strict";
import { StrictUtf8Decoder } from "./utf8_decoder.ts";

const fatal = new TextDecoder("utf-8", { fatal: true });
const fatalKeepBom = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function expectSame(reference: TextDecoder, decoder: StrictUtf8Decoder, bytes: Uint8Array): void {
  let expected: string | TypeError;
  try {
    expected = reference.decode(bytes);
  } catch (err) {
    assert.ok(err instanceof TypeError);
    assert.throws(() => decoder.decode(bytes), TypeError, `bytes ${bytes}`);
    return;
  }
  assert.equal(decoder.decode(bytes), expected, `bytes ${bytes}`);
}

Deno.test("StrictUtf8Decoder decodes valid text as TextDecoder does", () => {
  const decoder = new StrictUtf8Decoder();
  for (
    const text of [
      "",
      "plain",
      "héllo wörld",
      "日本語",
      "😀 emoji",
      "\ufffd replacement",
      "a\u0000b",
    ]
  ) {
    assert.equal(decoder.decode(new TextEncoder().encode(text)), text);
  }
});

Deno.test("StrictUtf8Decoder throws a TypeError on invalid UTF-8", () => {
  const decoder = new StrictUtf8Decoder();
  for (
    const bytes of [[0xff], [0x61, 0x80], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [
      0xef,
      0xbf,
      0xbd,
      0xc0,
      0x80,
    ]]
  ) {
    assert.throws(() => decoder.decode(new Uint8Array(bytes)), TypeError);
  }
});

Deno.test("StrictUtf8Decoder handles a byte order mark as TextDecoder does", () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x61]);
  assert.equal(new StrictUtf8Decoder().decode(bom), "a");
  assert.equal(new StrictUtf8Decoder({ ignoreBOM: true }).decode(bom), "\ufeffa");
});

Deno.test("StrictUtf8Decoder agrees with the fatal TextDecoder on random bytes", () => {
  const decoder = new StrictUtf8Decoder();
  const keepBom = new StrictUtf8Decoder({ ignoreBOM: true });
  // Mostly valid text with a few stray bytes, so both outcomes are common.
  const pieces = [
    0x61,
    0x7f,
    0xc3,
    0xa9,
    0xe2,
    0x82,
    0xac,
    0xf0,
    0x9f,
    0x98,
    0x80,
    0xef,
    0xbf,
    0xbd,
  ];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let t = 0; t < 5000; t++) {
    const bytes = new Uint8Array(next() % 12);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = next() % 10 === 0 ? next() & 0xff : pieces[next() % pieces.length];
    }
    expectSame(fatal, decoder, bytes);
    expectSame(fatalKeepBom, keepBom, bytes);
  }
});
