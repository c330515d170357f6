import assert from "node:assert/strict";
import { join } from "node:path";
import { keyErrorLines, readLogEnd, tailOfFile } from "./log_tail.ts";

Deno.test("tailOfFile returns the last lines, even of a big file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "node-1.log");
    const lines = Array.from({ length: 5_000 }, (_, i) => `line ${i} ${"x".repeat(40)}`);
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    assert.equal(await tailOfFile(path, 2), `${lines[4_998]}\n${lines[4_999]}`);
    assert.equal((await readLogEnd(path, 10))?.length, 10);
    await Deno.writeTextFile(path, "only\n");
    assert.equal(await tailOfFile(path, 5), "only");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tailOfFile says when the file cannot be read", async () => {
  assert.equal(
    await tailOfFile("/nonexistent/node-1.log", 5),
    "(could not read /nonexistent/node-1.log)",
  );
  assert.equal(await readLogEnd("/nonexistent/node-1.log"), undefined);
});

Deno.test("keyErrorLines picks errors, exceptions and causes, once each", () => {
  const log = [
    "[2026-01-01 00:00:00,000] INFO starting (kafka.Kafka$)",
    "\tlisteners = [PLAINTEXT://127.0.0.1:9092]",
    "[2026-01-01 00:00:01,000] ERROR [ControllerServer id=1] Fatal error during controller startup. (kafka.server.ControllerServer)",
    "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9093: Address already in use.",
    "\tat kafka.network.Acceptor.openServerSocket(SocketServer.scala:700)",
    "Caused by: java.net.BindException: Address already in use",
    "[2026-01-01 00:00:02,000] ERROR [ControllerServer id=1] Fatal error during controller startup. (kafka.server.ControllerServer)",
    "[2026-01-01 00:00:03,000] ERROR Exiting Kafka due to fatal exception during startup. (kafka.Kafka$)",
  ].join("\n");
  assert.deepEqual(keyErrorLines(log, 10), [
    "[2026-01-01 00:00:01,000] ERROR [ControllerServer id=1] Fatal error during controller startup. (kafka.server.ControllerServer)",
    "org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:9093: Address already in use.",
    "Caused by: java.net.BindException: Address already in use",
    "[2026-01-01 00:00:03,000] ERROR Exiting Kafka due to fatal exception during startup. (kafka.Kafka$)",
  ]);
  assert.equal(keyErrorLines(log, 2).length, 2);
  assert.deepEqual(keyErrorLines("all good\n", 5), []);
});
