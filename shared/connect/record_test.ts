import assert from "node:assert/strict";
import type { Header, OffsetMap, SinkRecord, SourceRecord } from "./record.ts";
import { Schemas } from "./schema_builder.ts";

Deno.test("a source record carries its partition, offset and headers", () => {
  const headers: Header[] = [{ key: "k", schema: Schemas.STRING, value: "v" }, {
    key: "k",
    schema: null,
    value: null,
  }];
  const partition: OffsetMap = { filename: "/tmp/in.txt" };
  const record: SourceRecord = {
    sourcePartition: partition,
    sourceOffset: { position: 4, done: false, note: null },
    topic: "lines",
    kafkaPartition: null,
    keySchema: null,
    key: null,
    valueSchema: Schemas.STRING,
    value: "foo",
    timestamp: null,
    headers,
  };
  assert.equal(record.headers.filter((h) => h.key === "k").length, 2);
  assert.equal(record.sourceOffset.position, 4);
});

Deno.test("a sink record has a partition, an exact offset and a timestamp type", () => {
  const record: SinkRecord = {
    topic: "lines",
    kafkaPartition: 3,
    kafkaOffset: 2n ** 62n,
    keySchema: Schemas.OPTIONAL_STRING,
    key: "k",
    valueSchema: null,
    value: null,
    timestamp: 1700000000000,
    timestampType: "LogAppendTime",
    headers: [],
  };
  assert.equal(record.kafkaOffset, 4611686018427387904n);
  assert.equal(record.timestampType, "LogAppendTime");
});
