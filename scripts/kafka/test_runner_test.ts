/** Tests of the `deno task test` runner (scripts/test.ts), run as a subprocess. */
import assert from "node:assert/strict";
import { join } from "node:path";

/** The permissions `deno task test` is meant to run with (see the report / deno.json task). */
const PERMISSIONS = [
  "--allow-run",
  "--allow-net=127.0.0.1",
  "--allow-read",
  "--allow-write",
  "--allow-env",
];
const RUNNER = new URL("../test.ts", import.meta.url).pathname;
const PROBE = new URL("./probe.ts", import.meta.url).href;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/test.ts in `cwd` with `env` on top of this process's env minus KAFKA_BOOTSTRAP. */
async function runner(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Deno.env.toObject();
  delete base.KAFKA_BOOTSTRAP;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", ...PERMISSIONS, RUNNER, ...args],
    cwd,
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

const PASSING = `
Deno.test("sees the bootstrap", () => {
  if (Deno.env.get("KAFKA_BOOTSTRAP") !== "127.0.0.1:1") throw new Error("wrong KAFKA_BOOTSTRAP");
});
Deno.test("other test", () => {});
`;

const FAILING = `Deno.test("fails", () => { throw new Error("expected failure"); });`;

Deno.test("with KAFKA_BOOTSTRAP set: runs deno test, passes args through, keeps its summary", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "a_test.ts"), PASSING);
    const run = await runner(dir, [], { KAFKA_BOOTSTRAP: "127.0.0.1:1" });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stderr, /Using the Kafka at KAFKA_BOOTSTRAP=127\.0\.0\.1:1/);
    const lines = run.stdout.trim().split("\n");
    assert.match(lines.at(-1)!, /^ok \| 2 passed \| 0 failed/);

    const filtered = await runner(dir, ["--filter", "other"], { KAFKA_BOOTSTRAP: "127.0.0.1:1" });
    assert.equal(filtered.code, 0);
    assert.match(filtered.stdout, /ok \| 1 passed \| 0 failed \| 1 filtered out/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("exits with deno test's exit code on failure", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "b_test.ts"), FAILING);
    const run = await runner(dir, ["b_test.ts"], { KAFKA_BOOTSTRAP: "127.0.0.1:1" });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /FAILED \| 0 passed \| 1 failed/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "[slow: real Kafka] without KAFKA_BOOTSTRAP: a fresh Kafka for the tests, gone afterwards",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const tmp = join(dir, "tmp");
    await Deno.mkdir(tmp);
    try {
      await Deno.writeTextFile(
        join(dir, "kafka_test.ts"),
        `import { fetchMetadata } from ${JSON.stringify(PROBE)};
Deno.test("Kafka answers at KAFKA_BOOTSTRAP", async () => {
  const bootstrap = Deno.env.get("KAFKA_BOOTSTRAP")!;
  await Deno.writeTextFile(${JSON.stringify(join(dir, "bootstrap.txt"))}, bootstrap);
  const [host, port] = bootstrap.split(":");
  const metadata = await fetchMetadata(host, Number(port));
  if (metadata.brokers.length !== 1) throw new Error("expected one broker");
});
`,
      );
      const run = await runner(dir, ["kafka_test.ts"], { TMPDIR: tmp });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stderr, /Kafka \S+ is up at 127\.0\.0\.1:\d+/);
      assert.match(run.stdout.trim().split("\n").at(-1)!, /^ok \| 1 passed \| 0 failed/);

      const bootstrap = await Deno.readTextFile(join(dir, "bootstrap.txt"));
      assert.notEqual(bootstrap, "127.0.0.1:9092");
      const [host, port] = bootstrap.split(":");
      await assert.rejects(
        Deno.connect({ hostname: host, port: Number(port) }),
        Deno.errors.ConnectionRefused,
      );
      const left = [];
      for await (const entry of Deno.readDir(tmp)) left.push(entry.name);
      assert.deepEqual(left, [], "the temporary run directory is removed");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
