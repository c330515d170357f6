import assert from "node:assert/strict";
import { describeServers, parseHostPort, toBaseOptions } from "./client_options.ts";

Deno.test("toBaseOptions applies defaults and caller values", () => {
  const base = toBaseOptions({
    bootstrapServers: [" h1:9092 ", "h2:9093"],
    clientId: "w-1",
    connectTimeoutMs: 100,
    retries: 0,
  });
  assert.deepEqual(base, {
    clientId: "w-1",
    bootstrapBrokers: ["h1:9092", "h2:9093"],
    connectTimeout: 100,
    requestTimeout: 30000,
    timeout: 30000,
    retries: 0,
    retryDelay: 250,
    metadataMaxAge: 5000,
    autocreateTopics: false,
  });
});

Deno.test("toBaseOptions refuses bad options with a clear message", () => {
  assert.throws(
    () => toBaseOptions({ bootstrapServers: [], clientId: "c" }),
    /^KafkaClientError: Cannot configure the Kafka client: bootstrapServers is empty$/,
  );
  assert.throws(
    () => toBaseOptions({ bootstrapServers: ["nohost"], clientId: "c" }),
    /"nohost" is not host:port/,
  );
  assert.throws(() => toBaseOptions({ bootstrapServers: ["h:1"], clientId: "bad id" }), /clientId/);
  assert.throws(
    () => toBaseOptions({ bootstrapServers: ["h:1"], clientId: "c", connectTimeoutMs: 0 }),
    /connectTimeoutMs/,
  );
  assert.throws(
    () => toBaseOptions({ bootstrapServers: ["h:1"], clientId: "c", retries: -1 }),
    /retries/,
  );
});

Deno.test("parseHostPort and describeServers", () => {
  assert.deepEqual(parseHostPort("[::1]:9092"), { host: "::1", port: 9092 });
  assert.deepEqual(parseHostPort("broker-1.example:19092"), {
    host: "broker-1.example",
    port: 19092,
  });
  assert.throws(() => parseHostPort("h:70000"));
  assert.equal(describeServers({ bootstrapServers: ["a:1", "b:2"], clientId: "c" }), "a:1,b:2");
});
