import assert from "node:assert/strict";
import { LineWriter, type LineWriterTarget } from "./line_writer.ts";

const dec = new TextDecoder();

function memoryTarget(options: { maxWrite?: number; failAt?: number } = {}) {
  const writes: Uint8Array[] = [];
  let syncs = 0;
  let calls = 0;
  const target: LineWriterTarget = {
    write(p) {
      calls++;
      if (options.failAt === calls) return Promise.reject(new Error("disk full"));
      const n = Math.min(p.length, options.maxWrite ?? p.length);
      writes.push(p.slice(0, n));
      return Promise.resolve(n);
    },
    sync() {
      syncs++;
      return Promise.resolve();
    },
  };
  return {
    target,
    text: () => writes.map((w) => dec.decode(w)).join(""),
    get writes() {
      return writes.length;
    },
    get syncs() {
      return syncs;
    },
  };
}

Deno.test("LineWriter buffers lines and writes them in one call on flush, then syncs", async () => {
  const mem = memoryTarget();
  const writer = new LineWriter(mem.target);
  for (let i = 0; i < 1000; i++) writer.append(`line ${i} é`);
  assert.equal(mem.writes, 0);
  await writer.flush();
  assert.equal(mem.writes, 1);
  assert.equal(mem.syncs, 1);
  assert.equal(mem.text(), Array.from({ length: 1000 }, (_, i) => `line ${i} é\n`).join(""));
  await writer.flush(); // nothing buffered: no write, no sync
  assert.equal(mem.writes, 1);
  assert.equal(mem.syncs, 1);
});

Deno.test("LineWriter spans chunks, writes raw bytes and handles partial writes", async () => {
  const mem = memoryTarget({ maxWrite: 5 });
  const writer = new LineWriter(mem.target, { chunkSize: 8, sync: false });
  const long = "x".repeat(20);
  writer.append(long);
  writer.append(new Uint8Array([0x61, 0x62]));
  writer.append("😀");
  assert.equal(writer.buffered, 21 + 3 + 5);
  await writer.flush();
  assert.equal(mem.syncs, 0);
  assert.equal(mem.text(), `${long}\nab\n😀\n`);
  assert.equal(writer.buffered, 0);
});

Deno.test("LineWriter keeps unwritten data after a failed write", async () => {
  const mem = memoryTarget({ failAt: 2 });
  const writer = new LineWriter(mem.target, { chunkSize: 4, path: "out.txt" });
  writer.append("aaa"); // chunk 1: "aaa\n"
  writer.append("bbb"); // chunk 2: "bbb\n"
  await assert.rejects(() => writer.flush(), (err: Error) => {
    assert.match(err.message, /^Cannot write to out\.txt/);
    assert.equal((err.cause as Error).message, "disk full");
    return true;
  });
  assert.equal(writer.buffered, 4);
  writer.append("ccc");
  await writer.flush();
  assert.equal(mem.text(), "aaa\nbbb\nccc\n");
});

Deno.test("LineWriter appends to a real file opened for append", async () => {
  const dir = await Deno.makeTempDir({ prefix: "line_writer_test_" });
  try {
    const path = `${dir}/out.txt`;
    await Deno.writeTextFile(path, "existing\n");
    const file = await Deno.open(path, { create: true, append: true });
    const writer = new LineWriter(file, { path });
    writer.append("one");
    writer.append("two");
    await writer.flush();
    writer.close();
    writer.close();
    assert.equal(await Deno.readTextFile(path), "existing\none\ntwo\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
