/** Tests of the `deno task kafka` CLI (scripts/kafka.ts), run as a subprocess. */
import assert from "node:assert/strict";
import { join } from "node:path";

/** The permissions `deno task kafka` is meant to run with (see the report / deno.json task). */
const PERMISSIONS = [
  "--allow-run",
  "--allow-net=127.0.0.1",
  "--allow-read",
  "--allow-write",
  "--allow-env=KAFKA_BOOTSTRAP,JAVA_HOME",
];
const CLI = new URL("../kafka.ts", import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI like `deno task kafka`, with KAFKA_BOOTSTRAP unset unless given. */
async function kafka(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Deno.env.toObject();
  delete base.KAFKA_BOOTSTRAP;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PERMISSIONS, CLI, ...args],
    env: { ...base, NO_COLOR: "1", ...env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

function assertNoStackTrace(run: Run): void {
  assert.doesNotMatch(run.stderr, /^\s+at /m, run.stderr);
  assert.doesNotMatch(run.stderr, /error: Uncaught/, run.stderr);
}

Deno.test("kafka --help prints the usage", async () => {
  const run = await kafka(["--help"]);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /Usage: deno task kafka \[start\]/);
});

Deno.test("kafka with bad arguments: Cannot parse the arguments, exit 2, no stack", async () => {
  const run = await kafka(["--nodes", "lots"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^Cannot parse the arguments: --nodes must be a positive whole number/);
  assertNoStackTrace(run);
});

Deno.test("kafka start with KAFKA_BOOTSTRAP set only says which cluster is used", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = await kafka(["--dir", join(dir, "run")], { KAFKA_BOOTSTRAP: "127.0.0.1:1" });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /KAFKA_BOOTSTRAP is set: using the Kafka at 127\.0\.0\.1:1 /);
    assert.match(run.stdout, /^bootstrap: 127\.0\.0\.1:1$/m);
    await assert.rejects(Deno.stat(join(dir, "run")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kafka status and stop on an empty run directory", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const status = await kafka(["status", "--dir", dir]);
    assert.equal(status.code, 1);
    assert.match(status.stdout, /^Kafka is not running in /);
    const stop = await kafka(["stop", "--dir", dir]);
    assert.equal(stop.code, 0);
    assert.match(stop.stdout, /^Kafka is not running in /);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kafka start without java: Cannot start Kafka ..., exit 1, no stack", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = await kafka(["--free-ports", "--dir", dir], {
      PATH: "/nonexistent-bin",
      JAVA_HOME: "",
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Cannot start Kafka: Java \(java\) is not installed/m);
    assertNoStackTrace(run);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "[slow: real Kafka] kafka start, start again, status, stop (restricted permissions)",
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "tributary-kafka-cli-test-" });
    try {
      const started = await kafka(["--free-ports", "--dir", dir]);
      assert.equal(started.code, 0, started.stderr);
      assert.match(started.stdout, /^Kafka \S+ started: 1 node, cluster \S+, in [\d.]+ s\.$/m);
      assert.match(started.stdout, new RegExp(`^logs: .*node-1\\.log$`, "m"));
      const bootstrap = started.stdout.match(/^bootstrap: (127\.0\.0\.1:\d+)$/m)?.[1];
      assert.ok(bootstrap, started.stdout);

      const again = await kafka(["--free-ports", "--dir", dir]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /is already running \(1 node, since .*; left untouched\./);
      assert.match(again.stdout, new RegExp(`^bootstrap: ${bootstrap}$`, "m"));

      const status = await kafka(["status", "--dir", dir]);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, new RegExp(`node 1: pid \\d+, ${bootstrap} .*, up, log `));

      const stopped = await kafka(["stop", "--dir", dir]);
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.match(stopped.stdout, /^Kafka stopped; its data stays in /);
      assert.equal((await kafka(["status", "--dir", dir])).code, 1);
    } finally {
      await kafka(["stop", "--dir", dir]);
      await Deno.remove(dir, { recursive: true });
    }
  },
});
