import assert from "node:assert/strict";
import { firstInvalidUtf8, LineReader } from "./line_reader.ts";

const enc = new TextEncoder();

/** Drains every complete line with the position after it. */
function drain(reader: LineReader): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let line = reader.nextLine(); line !== null; line = reader.nextLine()) {
    out.push([line, reader.position]);
  }
  return out;
}

/** Reference splitter: the lines and their end byte offsets, holding a trailing partial line. */
function reference(bytes: Uint8Array): Array<[string, number]> {
  const dec = new TextDecoder("utf-8", { ignoreBOM: true });
  const out: Array<[string, number]> = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) {
      out.push([dec.decode(bytes.subarray(start, i)), i + 1]);
      start = i + 1;
    } else if (b === 0x0d) {
      if (i + 1 >= bytes.length) break; // trailing CR waits
      const end = bytes[i + 1] === 0x0a ? i + 2 : i + 1;
      out.push([dec.decode(bytes.subarray(start, i)), end]);
      start = end;
      i = end - 1;
    }
  }
  return out;
}

Deno.test("LineReader splits \\n, \\r\\n and \\r lines with byte offsets", () => {
  const reader = new LineReader();
  reader.push(enc.encode("a\nbb\r\nccc\rdddd\n\n"));
  assert.deepEqual(drain(reader), [["a", 2], ["bb", 6], ["ccc", 10], ["dddd", 15], ["", 16]]);
  assert.equal(reader.buffered, 0);
});

Deno.test("LineReader counts bytes, not characters, for multi-byte UTF-8", () => {
  const reader = new LineReader();
  reader.push(enc.encode("é\n€uro\n😀!\n"));
  // é = 2 bytes, € = 3 bytes, 😀 = 4 bytes (2 UTF-16 units)
  assert.deepEqual(drain(reader), [["é", 3], ["€uro", 10], ["😀!", 16]]);
});

Deno.test("LineReader holds a partial last line until its terminator arrives", () => {
  const reader = new LineReader({ position: 100 });
  reader.push(enc.encode("first\nsec"));
  assert.deepEqual(drain(reader), [["first", 106]]);
  assert.equal(reader.buffered, 3);
  assert.equal(reader.endPosition, 109);
  reader.push(enc.encode("ond"));
  assert.equal(reader.nextLine(), null);
  reader.push(enc.encode("\n"));
  assert.deepEqual(drain(reader), [["second", 113]]);
});

Deno.test("LineReader joins \\r\\n split over two chunks", () => {
  const reader = new LineReader();
  reader.push(enc.encode("one\r"));
  assert.equal(reader.nextLine(), null, "a trailing \\r waits for the next byte");
  reader.push(enc.encode("\ntwo\r"));
  assert.deepEqual(drain(reader), [["one", 5]]);
  reader.push(enc.encode("three\n"));
  assert.deepEqual(drain(reader), [["two", 9], ["three", 15]]);
});

Deno.test("LineReader waits on a trailing \\r after earlier complete lines", () => {
  const reader = new LineReader();
  reader.push(enc.encode("a\nb\r"));
  assert.deepEqual(drain(reader), [["a", 2]]);
  reader.push(enc.encode("\r"));
  assert.deepEqual(drain(reader), [["b", 4]]);
  reader.push(enc.encode("\n"));
  assert.deepEqual(drain(reader), [["", 6]]);
});

Deno.test("LineReader decodes multi-byte characters split across chunks", () => {
  const text = "naïve €10 😀 done\nπ\n";
  const bytes = enc.encode(text);
  const reader = new LineReader();
  const out: Array<[string, number]> = [];
  for (const b of bytes) {
    reader.push(new Uint8Array([b]));
    out.push(...drain(reader));
  }
  assert.deepEqual(out, [["naïve €10 😀 done", 23], ["π", 26]]);
});

Deno.test("LineReader replaces invalid UTF-8 with U+FFFD and reports its byte position", () => {
  const seen: number[] = [];
  const reader = new LineReader({ position: 10, onInvalidUtf8: (p) => seen.push(p) });
  reader.push(
    new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0xfe, 0x63, 0x0a, 0xe2, 0x82, 0x0a, 0x64, 0x0a]),
  );
  assert.deepEqual(drain(reader), [["a", 12], ["b\uFFFD\uFFFDc", 17], ["\uFFFD", 20], ["d", 22]]);
  assert.deepEqual(seen, [13]);
});

Deno.test("LineReader does not report a genuine U+FFFD as invalid", () => {
  const seen: number[] = [];
  const reader = new LineReader({ onInvalidUtf8: (p) => seen.push(p) });
  reader.push(enc.encode("\uFFFD ok\n"));
  assert.deepEqual(drain(reader), [["\uFFFD ok", 7]]);
  assert.deepEqual(seen, []);
});

Deno.test("LineReader keeps a byte order mark as a character, like Java's UTF-8 reader", () => {
  const reader = new LineReader();
  reader.push(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a]));
  assert.deepEqual(drain(reader), [["\uFEFFa", 5]]);
});

Deno.test("LineReader grows its buffer for a line longer than the buffer", () => {
  const reader = new LineReader({ bufferSize: 8 });
  const long = "x".repeat(100);
  reader.push(enc.encode(`${long}\nshort\n`));
  assert.deepEqual(drain(reader), [[long, 101], ["short", 107]]);
});

Deno.test("LineReader reads through writable()/commit() with a small buffer", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const lines = Array.from({ length: 500 }, (_, i) => `line ${i} ✓ ${"y".repeat(i % 37)}`);
    const bytes = enc.encode(lines.join("\r\n") + "\r\n");
    await Deno.writeFile(`${dir}/in.txt`, bytes);
    using file = await Deno.open(`${dir}/in.txt`);
    const reader = new LineReader({ bufferSize: 64 });
    const out: Array<[string, number]> = [];
    while (true) {
      const n = await file.read(reader.writable());
      if (n === null) break;
      reader.commit(n);
      out.push(...drain(reader));
    }
    assert.deepEqual(out, reference(bytes));
    assert.equal(out.length, 500);
    assert.equal(reader.position, bytes.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("LineReader matches a reference splitter on random chunkings", () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ["a", "bc", "é", "€", "😀", "\n", "\r", "\r\n", "\xff", " ", "zz"];
  for (let round = 0; round < 200; round++) {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 60; i++) {
      const p = pieces[rand(pieces.length)];
      parts.push(p === "\xff" ? new Uint8Array([0xff]) : enc.encode(p));
    }
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
    const reader = new LineReader({ bufferSize: 1 + rand(16) });
    const out: Array<[string, number]> = [];
    let offset = 0;
    while (offset < bytes.length) {
      const n = 1 + rand(12);
      reader.push(bytes.subarray(offset, offset + n));
      offset += n;
      out.push(...drain(reader));
    }
    assert.deepEqual(out, reference(bytes), `round ${round}`);
  }
});

Deno.test("LineReader matches the reference on chunks larger than one decoded region", () => {
  let seed = 777;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const terminators = ["\n", "\r", "\r\n"];
  for (let round = 0; round < 6; round++) {
    // About 300 KB of lines of up to 3 KB (one of 90 KB, longer than a
    // region), mixed terminators, some multi-byte characters.
    let text = "";
    while (text.length < 300_000) {
      const length = text.length > 100_000 && text.length < 103_000 ? 90_000 : rand(3000);
      text += (rand(5) === 0 ? "é€" : "") + "x".repeat(length) + terminators[rand(3)];
    }
    const bytes = enc.encode(text);
    const reader = new LineReader();
    const out: Array<[string, number]> = [];
    let offset = 0;
    while (offset < bytes.length) {
      const n = 1 + rand(200_000);
      reader.push(bytes.subarray(offset, offset + n));
      offset += n;
      out.push(...drain(reader));
    }
    assert.deepEqual(out, reference(bytes), `round ${round}`);
  }
});

Deno.test("LineReader keeps a \\r\\n across the edge of a decoded region as one terminator", () => {
  for (let length = 65_530; length < 65_540; length++) {
    const bytes = enc.encode("x".repeat(length) + "\r\ny\r\nz\n");
    const reader = new LineReader();
    reader.push(bytes);
    assert.deepEqual(drain(reader), reference(bytes), `line of ${length}`);
  }
});

Deno.test("LineReader.reset drops buffered data and restarts at a position", () => {
  const reader = new LineReader();
  reader.push(enc.encode("old\npartial"));
  assert.equal(reader.nextLine(), "old");
  reader.reset(0);
  assert.equal(reader.buffered, 0);
  reader.push(enc.encode("new\n"));
  assert.deepEqual(drain(reader), [["new", 4]]);
});

Deno.test("LineReader rejects bad options and commits", () => {
  assert.throws(() => new LineReader({ bufferSize: 0 }), RangeError);
  assert.throws(() => new LineReader({ position: -1 }), RangeError);
  const reader = new LineReader({ bufferSize: 4 });
  assert.throws(() => reader.commit(5), /Cannot commit 5 bytes/);
});

Deno.test("firstInvalidUtf8 finds the first invalid sequence", () => {
  assert.equal(firstInvalidUtf8(enc.encode("plain ascii é € 😀")), -1);
  assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80])), 1); // overlong
  assert.equal(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), 0); // surrogate
  assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82])), 2); // truncated
  assert.equal(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80])), 0); // > U+10FFFF
});
