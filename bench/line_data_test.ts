import assert from "node:assert/strict";
import { formatLine, jsonEnvelope, sequenceOf, writeLineFile } from "./line_data.ts";

Deno.test("formatLine makes lines of the exact size with their sequence", () => {
  for (const bytes of [100, 1024]) {
    for (const seq of [0, 1, 999_999, 123_456]) {
      const line = formatLine(seq, bytes);
      assert.equal(line.length + 1, bytes);
      assert.match(line, /^[\x20-\x7e]+$/);
      assert.equal(sequenceOf(line), seq);
    }
  }
  assert.equal(formatLine(7, 16), "L#7#hijklmnopqr");
  assert.equal(formatLine(123456, 4), "L#123456#");
});

Deno.test("sequenceOf finds the line inside a JSON envelope", () => {
  const value = jsonEnvelope(formatLine(77, 100));
  assert.equal(sequenceOf(value), 77);
  assert.equal(JSON.parse(value).payload, formatLine(77, 100));
  assert.equal(sequenceOf("no sequence"), -1);
});

Deno.test("writeLineFile writes count lines and returns the size", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/lines.txt`;
    assert.equal(await writeLineFile(path, 250, 100), 25_000);
    const lines = (await Deno.readTextFile(path)).split("\n");
    assert.equal(lines.length, 251);
    assert.equal(lines[249], formatLine(249, 100));
    const json = `${dir}/values.txt`;
    const size = await writeLineFile(json, 3, 100, jsonEnvelope);
    const values = (await Deno.readTextFile(json)).trimEnd().split("\n");
    assert.equal(values.length, 3);
    assert.equal(JSON.parse(values[2]).payload, formatLine(2, 100));
    assert.equal(size, (await Deno.stat(json)).size);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
