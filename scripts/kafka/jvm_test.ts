import assert from "node:assert/strict";
import { checkJava, DEFAULT_HEAP, nodeJvmArgs, parseJavaMajor } from "./jvm.ts";

Deno.test("parseJavaMajor understands old and new version strings", () => {
  assert.equal(parseJavaMajor('openjdk version "17.0.15" 2025-04-15'), 17);
  assert.equal(parseJavaMajor('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaMajor('java version "1.8.0_392"'), 8);
  assert.equal(parseJavaMajor("no version here"), undefined);
});

Deno.test("nodeJvmArgs: heap, log4j config, extra options, then the main class", () => {
  const args = nodeJvmArgs({
    classpath: "/libs/*",
    propertiesFile: "/run/node-1/server.properties",
    logFile: "/run/node-1.log",
    jvmArgs: ["-Dextra=1"],
  });
  assert.ok(args.includes(`-Xmx${DEFAULT_HEAP}`));
  assert.ok(args.some((arg) => /^-Dlog4j2\.configurationFile=.*log4j2\.properties$/.test(arg)));
  assert.deepEqual(args.slice(-5), [
    "-Dextra=1",
    "-cp",
    "/libs/*",
    "kafka.Kafka",
    "/run/node-1/server.properties",
  ]);
  assert.ok(
    nodeJvmArgs({ classpath: "x", propertiesFile: "p", logFile: "l", heap: "1g" })
      .includes("-Xmx1g"),
  );
});

Deno.test("nodeJvmArgs refuses a malformed heap size", () => {
  assert.throws(
    () => nodeJvmArgs({ classpath: "x", propertiesFile: "p", logFile: "l", heap: "lots" }),
    /^Error: Cannot start Kafka: heap size "lots" is not like "512m" or "1g"$/,
  );
});

Deno.test("checkJava explains a missing java", async () => {
  const error = await checkJava("/nonexistent/bin/java").catch((e) => e);
  assert.match(
    error.message,
    /^Cannot start Kafka: Java \(\/nonexistent\/bin\/java\) is not installed/,
  );
  assert.ok(error.cause instanceof Deno.errors.NotFound);
});

Deno.test("checkJava accepts the machine's Java 17+", async () => {
  const java = await checkJava();
  assert.ok(java.major >= 17, java.description);
});
