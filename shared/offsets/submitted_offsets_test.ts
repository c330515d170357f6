import assert from "node:assert/strict";
import { partitionKey, SubmittedOffsets } from "./submitted_offsets.ts";

const rec = (file: string, position: number) => ({
  sourcePartition: { filename: file },
  sourceOffset: { position },
});

Deno.test("an offset is committable only after every earlier batch of its partition is acked", () => {
  const t = new SubmittedOffsets();
  const b1 = t.submit([rec("a", 1), rec("a", 2), rec("b", 10)]);
  const b2 = t.submit([rec("a", 3), rec("b", 11)]);
  const b3 = t.submit([rec("a", 4)]);
  assert.equal(t.pending, 3);
  b2.ack();
  b3.ack();
  assert.equal(t.takeCommittable().size, 0);
  b1.ack();
  const committable = t.takeCommittable();
  assert.deepEqual(committable.get(partitionKey({ filename: "a" }))?.offset, { position: 4 });
  assert.deepEqual(committable.get(partitionKey({ filename: "b" }))?.offset, { position: 11 });
  assert.equal(t.takeCommittable().size, 0, "a taken offset is not returned twice");
  assert.equal(t.pending, 0);
});

Deno.test("partitions are independent: an unacked batch of one does not hold back another", () => {
  const t = new SubmittedOffsets();
  t.submit([rec("a", 1)]);
  t.submit([rec("b", 7)]).ack();
  const committable = t.takeCommittable();
  assert.equal(committable.size, 1);
  assert.deepEqual(committable.get(partitionKey({ filename: "b" }))?.offset, { position: 7 });
});

Deno.test("equal partitions with different key order are one partition", () => {
  assert.equal(partitionKey({ a: 1, b: 2 }), partitionKey({ b: 2, a: 1 }));
  const t = new SubmittedOffsets();
  t.submit([{ sourcePartition: { a: 1, b: 2 }, sourceOffset: { p: 1 } }]).ack();
  t.submit([{ sourcePartition: { b: 2, a: 1 }, sourceOffset: { p: 2 } }]).ack();
  assert.deepEqual([...t.takeCommittable().values()].map((v) => v.offset), [{ p: 2 }]);
});

Deno.test("awaitAllAcked resolves when the last batch is acked, or false on timeout", async () => {
  const t = new SubmittedOffsets();
  assert.equal(await t.awaitAllAcked(10), true);
  const b = t.submit([rec("a", 1)]);
  assert.equal(await t.awaitAllAcked(10), false);
  const waiting = t.awaitAllAcked(1000);
  b.ack();
  b.ack();
  assert.equal(await waiting, true);
  assert.equal(t.pending, 0);
});

Deno.test("a long in-order stream keeps memory bounded", () => {
  const t = new SubmittedOffsets();
  const partition = { filename: "a" };
  for (let i = 0; i < 10_000; i++) {
    t.submit([{ sourcePartition: partition, sourceOffset: { position: i } }]).ack();
    if (i % 100 === 0) t.takeCommittable();
  }
  assert.deepEqual([...t.takeCommittable().values()][0].offset, { position: 9999 });
});
