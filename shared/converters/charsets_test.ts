/**
 * Charsets against Java: `testdata/string_converter_golden.json` holds what
 * Kafka Connect's StringConverter wrote and read for each encoding, plus 400
 * random (mostly invalid) UTF-8 inputs decoded by Java; made by
 * `testdata/ConverterGoldens.java` (see its header).
 */
import assert from "node:assert/strict";
import { charset, SUPPORTED_CHARSETS } from "./charsets.ts";
import golden from "./testdata/string_converter_golden.json" with { type: "json" };

type Text = string | number[];
const text = (t: Text) => typeof t === "string" ? t : String.fromCharCode(...t);

Deno.test("encodes and decodes as Java, for every supported charset", () => {
  for (
    const c of golden.cases as {
      encoding: string | null;
      text?: Text;
      bytes?: string;
      readBytes?: string;
      read: Text;
    }[]
  ) {
    const cs = charset(c.encoding ?? "UTF-8")!;
    assert.ok(cs, String(c.encoding));
    if (c.text !== undefined) {
      assert.equal(
        cs.encode(text(c.text)).toBase64(),
        c.bytes,
        `${c.encoding} encode ${JSON.stringify(c.text)}`,
      );
      assert.equal(
        cs.decode(Uint8Array.fromBase64(c.bytes!)),
        text(c.read),
        `${c.encoding} decode`,
      );
    } else {
      assert.equal(
        cs.decode(Uint8Array.fromBase64(c.readBytes!)),
        text(c.read),
        `${c.encoding} ${c.readBytes}`,
      );
    }
  }
});

Deno.test("invalid UTF-8 is replaced as Java replaces it", () => {
  const utf8 = charset("UTF-8")!;
  assert.equal(golden.utf8Fuzz.length, 400);
  for (const [b64, expected] of golden.utf8Fuzz as [string, Text][]) {
    assert.equal(utf8.decode(Uint8Array.fromBase64(b64)), text(expected), b64);
  }
  // Where the Web's TextDecoder differs: ED A0 is one U+FFFD for Java, two for the Web.
  assert.equal(utf8.decode(new Uint8Array([0xed, 0xa0, 0x41])), "\ufffdA");
});

Deno.test("names and aliases, any case", () => {
  assert.deepEqual(SUPPORTED_CHARSETS, [
    "UTF-8",
    "UTF-16",
    "UTF-16BE",
    "UTF-16LE",
    "ISO-8859-1",
    "US-ASCII",
  ]);
  assert.equal(charset("utf8")?.name, "UTF-8");
  assert.equal(charset(" latin1 ")?.name, "ISO-8859-1");
  assert.equal(charset("ascii")?.name, "US-ASCII");
  assert.equal(charset("UnicodeBigUnmarked")?.name, "UTF-16BE");
  assert.equal(charset("EBCDIC"), undefined);
  assert.equal(charset("toString"), undefined);
});

Deno.test("UTF-16 writes a byte-order mark, except for nothing", () => {
  assert.deepEqual([...charset("UTF-16")!.encode("")], []);
  assert.deepEqual([...charset("UTF-16")!.encode("a")], [0xfe, 0xff, 0, 0x61]);
  assert.equal(charset("ISO-8859-1")!.decode(new Uint8Array(20000).fill(0xe9)).length, 20000);
});
