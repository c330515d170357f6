import assert from "node:assert/strict";
import { toFetcherConfig } from "./fetch_config.ts";

Deno.test("toFetcherConfig applies Java-like defaults", () => {
  const config = toFetcherConfig({ bootstrapServers: ["h:9092"], clientId: "c" }, "earliest");
  assert.equal(config.isolationLevel, "read_uncommitted");
  assert.equal(config.fetchMaxWaitMs, 500);
  assert.equal(config.maxPartitionFetchBytes, 1024 * 1024);
  assert.equal(config.fetchMaxBytes, 50 * 1024 * 1024);
  assert.equal(config.where, "h:9092");
});

Deno.test("toFetcherConfig validates", () => {
  const base = { bootstrapServers: ["h:9092"], clientId: "c" };
  assert.throws(
    () => toFetcherConfig({ ...base, fetchMaxWaitMs: -1 }, "earliest"),
    /fetchMaxWaitMs/,
  );
  assert.throws(
    () => toFetcherConfig({ ...base, isolationLevel: "x" as "read_committed" }, "earliest"),
    /isolationLevel/,
  );
  assert.throws(() => toFetcherConfig(base, "oldest" as "earliest"), /autoOffsetReset/);
});
