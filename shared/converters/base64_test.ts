import assert from "node:assert/strict";
import { decodeBase64, encodeBase64 } from "./base64.ts";

Deno.test("encodes standard base64 with padding", () => {
  assert.equal(encodeBase64(new Uint8Array()), "");
  assert.equal(encodeBase64(new Uint8Array([255])), "/w==");
  assert.equal(encodeBase64(new Uint8Array([0, 255])), "AP8=");
  assert.equal(encodeBase64(new Uint8Array([251, 239, 190])), "++++");
});

Deno.test("decodes what Jackson decodes", () => {
  const cases: [string, number[]][] = [
    ["", []],
    ["AAEC", [0, 1, 2]],
    ["AP8=", [0, 255]],
    ["/w==", [255]],
    ["AB==", [0]], // non-zero padding bits are ignored
    [" AQID\t AQ== ", [1, 2, 3, 1]], // white space between units
    ["AQ==AQ==", [1, 1]], // padded units one after another
  ];
  for (const [text, bytes] of cases) assert.deepEqual([...decodeBase64(text)], bytes, text);
});

Deno.test("rejects what Jackson rejects", () => {
  for (const text of ["AQ", "AQI", "A", "AQ ID", "-_8=", "!!!!", "AQ=x", "AQ=", "é==="]) {
    assert.throws(() => decodeBase64(text), SyntaxError, text);
  }
  assert.throws(() => decodeBase64("AQ"), {
    message: "Cannot decode base64: the input ends without padding",
  });
  assert.throws(() => decodeBase64("!AAA"), {
    message: "Cannot decode base64: illegal character '!' (code 0x21) at index 0",
  });
});

Deno.test("round trips random bytes", () => {
  let seed = 1;
  for (let n = 0; n < 200; n++) {
    const bytes = Uint8Array.from(
      { length: n },
      () => (seed = (seed * 1103515245 + 12345) >>> 0) & 255,
    );
    assert.deepEqual(decodeBase64(encodeBase64(bytes)), bytes);
  }
});
