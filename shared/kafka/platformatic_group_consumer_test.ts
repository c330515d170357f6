import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import type { LibConsumer, PartitionFetcher } from "./platformatic_fetcher.ts";
import {
  createKafkaGroupConsumer,
  GROUP_DEFAULTS,
  PlatformaticGroupConsumer,
} from "./platformatic_group_consumer.ts";

const base = { bootstrapServers: ["127.0.0.1:9"], clientId: "c", groupId: "g" };

Deno.test("createKafkaGroupConsumer needs exactly one of topics and topicPattern", async () => {
  await assert.rejects(createKafkaGroupConsumer(base), /exactly one of topics and topicPattern/);
  await assert.rejects(
    createKafkaGroupConsumer({ ...base, topics: ["t"], topicPattern: /t/ }),
    /exactly one of topics and topicPattern/,
  );
  await assert.rejects(
    createKafkaGroupConsumer({ ...base, groupId: "", topics: ["t"] }),
    /groupId is empty/,
  );
});

Deno.test("createKafkaGroupConsumer fails fast on an unreachable broker", async () => {
  await assert.rejects(
    createKafkaGroupConsumer({ ...base, topics: ["t"] }),
    /^KafkaClientError: Cannot connect to Kafka at 127\.0\.0\.1:9: /,
  );
  assert.equal(GROUP_DEFAULTS.autoOffsetReset, "earliest");
});

/** The library consumer's group surface: joins answer from a script. */
class ScriptedLib extends EventEmitter {
  joins = 0;
  /** What each join does: throw the error, or report the assignment. */
  script: Array<Error | "joined"> = [];
  topics = { track() {}, untrack() {} };
  joinGroup(): Promise<void> {
    this.joins++;
    const step = this.script.shift() ?? "joined";
    if (step instanceof Error) return Promise.reject(step);
    this.emit("consumer:group:join", { assignments: [] });
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const idleFetcher = {
  poll: () => Promise.resolve([]),
  close: () => Promise.resolve(),
} as unknown as PartitionFetcher;

const brokerError = (apiId: string) =>
  new AggregateError(
    [Object.assign(new Error(`[${apiId}]`), { apiId }), Object.assign(new Error(""), { apiId })],
    "joinGroup failed 11 times.",
  );

Deno.test("a join the coordinator cannot take yet is retried by poll, not failed", async () => {
  const lib = new ScriptedLib();
  lib.script = [brokerError("NOT_COORDINATOR"), brokerError("COORDINATOR_LOAD_IN_PROGRESS")];
  const told: string[] = [];
  const consumer = new PlatformaticGroupConsumer(
    lib as unknown as LibConsumer,
    undefined,
    idleFetcher,
    { ...base, topics: ["t"], onCoordinatorUnavailable: (e) => told.push(e.message) },
  );
  await consumer.start();
  assert.equal(lib.joins, 1);
  assert.equal(told.length, 1);
  assert.match(
    told[0],
    /^Cannot join consumer group g at 127\.0\.0\.1:9 yet \(retrying\): .*NOT_COORDINATOR/,
  );
  assert.deepEqual(await consumer.poll(0), []);
  assert.equal(lib.joins, 2, "the first poll joins again");
  assert.deepEqual(await consumer.poll(0), []);
  assert.equal(lib.joins, 3, "and the next, until one succeeds");
  assert.deepEqual(await consumer.poll(0), []);
  assert.equal(lib.joins, 3, "joined: no more joins");
  assert.equal(told.length, 2);
  await consumer.close();
});

Deno.test("a join refused for any other reason fails start", async () => {
  const lib = new ScriptedLib();
  lib.script = [brokerError("GROUP_AUTHORIZATION_FAILED")];
  const consumer = new PlatformaticGroupConsumer(
    lib as unknown as LibConsumer,
    undefined,
    idleFetcher,
    { ...base, topics: ["t"] },
  );
  await assert.rejects(
    consumer.start(),
    /^KafkaClientError: Cannot join consumer group g at 127\.0\.0\.1:9: .*GROUP_AUTHORIZATION_FAILED/,
  );
  await consumer.close();
});

Deno.test("a background rejoin that cannot find the coordinator is retried by poll", async () => {
  const lib = new ScriptedLib();
  const consumer = new PlatformaticGroupConsumer(
    lib as unknown as LibConsumer,
    undefined,
    idleFetcher,
    { ...base, topics: ["t"] },
  );
  await consumer.start();
  lib.emit("error", brokerError("COORDINATOR_NOT_AVAILABLE"));
  assert.deepEqual(await consumer.poll(0), []);
  assert.equal(lib.joins, 2);
  lib.emit("error", brokerError("UNKNOWN_SERVER_ERROR"));
  await assert.rejects(consumer.poll(0), /Cannot stay in consumer group g/);
  await consumer.close();
});
