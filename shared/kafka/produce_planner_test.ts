import assert from "node:assert/strict";
import { estimateRecordBytes, planProduce, recordOffsets } from "./produce_planner.ts";
import { partitionForKey } from "./murmur2.ts";
import type { ProducerRecord } from "./types.ts";

const limits = { maxBatchBytes: 1000, maxRequestBytes: 10_000 };
const value = (n: number) => new Uint8Array(n);

Deno.test("explicit, keyed and null-key partitions", () => {
  const key = new TextEncoder().encode("user-1");
  const records: ProducerRecord[] = [
    { topic: "t", partition: 2, key: null, value: value(1) },
    { topic: "t", key, value: value(1) },
    { topic: "t", key: null, value: value(1) },
    { topic: "t", key: null, value: value(1) },
  ];
  const sticky = new Map([["t", 1]]);
  const plan = planProduce(records, new Map([["t", 4]]), limits, sticky);
  assert.deepEqual(plan.partitions, [2, partitionForKey(key, 4), 1, 1]);
  assert.deepEqual(plan.chunks, [{ indexes: [0, 1, 2, 3] }]);
  assert.equal(sticky.get("t"), 2);
});

Deno.test("a partition batch over maxBatchBytes starts a new request, order kept", () => {
  const records = Array.from(
    { length: 5 },
    () => ({ topic: "t", partition: 0, key: null, value: value(400) }),
  );
  const plan = planProduce(records, new Map([["t", 1]]), limits, new Map());
  assert.deepEqual(plan.chunks.map((c) => c.indexes), [[0, 1], [2, 3], [4]]);
});

Deno.test("the request limit splits across partitions too", () => {
  const records = Array.from(
    { length: 6 },
    (_, i) => ({ topic: "t", partition: i % 3, key: null, value: value(400) }),
  );
  const plan = planProduce(records, new Map([["t", 3]]), {
    maxBatchBytes: 10_000,
    maxRequestBytes: 1500,
  }, new Map());
  assert.deepEqual(plan.chunks.map((c) => c.indexes), [[0, 1, 2], [3, 4, 5]]);
});

Deno.test("an oversized record travels alone; bad partitions and topics are refused", () => {
  const plan = planProduce(
    [{ topic: "t", partition: 0, key: null, value: value(5000) }, {
      topic: "t",
      partition: 0,
      key: null,
      value: value(1),
    }],
    new Map([["t", 1]]),
    limits,
    new Map(),
  );
  assert.deepEqual(plan.chunks.map((c) => c.indexes), [[0], [1]]);
  assert.throws(
    () =>
      planProduce(
        [{ topic: "t", partition: 3, key: null, value: null }],
        new Map([["t", 3]]),
        limits,
        new Map(),
      ),
    /partition 3 does not exist/,
  );
  assert.throws(
    () =>
      planProduce([{ topic: "u", key: null, value: null }], new Map([["t", 3]]), limits, new Map()),
    /no known partitions/,
  );
});

Deno.test("recordOffsets counts up from each partition's base offset", () => {
  const records: ProducerRecord[] = [0, 1, 0, 0].map((partition) => ({
    topic: "t",
    partition,
    key: null,
    value: null,
  }));
  assert.deepEqual(
    recordOffsets({ indexes: [0, 1, 2, 3] }, records, [0, 1, 0, 0], [
      { topic: "t", partition: 0, offset: 100n },
      { topic: "t", partition: 1, offset: 7n },
    ]),
    [100n, 7n, 101n, 102n],
  );
  assert.throws(
    () => recordOffsets({ indexes: [1] }, records, [0, 1, 0, 0], []),
    /no offset for t-1/,
  );
});

Deno.test("estimateRecordBytes grows with key, value and headers", () => {
  const small = estimateRecordBytes({ topic: "t", key: null, value: value(1) });
  const big = estimateRecordBytes({
    topic: "t",
    key: value(10),
    value: value(1),
    headers: [{ key: "h", value: value(5) }],
  });
  assert.ok(big > small + 15);
});
