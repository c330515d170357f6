import assert from "node:assert/strict";
import { join } from "node:path";
import { ensureKafka, expectedMarker, isInstalled } from "./install.ts";
import { KAFKA_VERSION, LOG4J_VERSION } from "./versions.ts";

/** Writes a stand-in `mvn` that logs its calls and "copies" a broker jar. */
async function fakeMaven(dir: string, behaviour: "ok" | "fail" | "no-jar"): Promise<string> {
  const script = join(dir, "mvn");
  const body = {
    ok: 'touch "$out/kafka_2.13-$version.jar" "$out/log4j-slf4j-impl.jar"',
    "no-jar": 'touch "$out/something-else.jar"',
    fail: 'echo "[ERROR] Could not resolve dependencies for project"; exit 1',
  }[behaviour];
  await Deno.writeTextFile(
    script,
    `#!/bin/sh
echo "$@" >> "${join(dir, "calls.log")}"
for arg in "$@"; do
  case "$arg" in
    -DoutputDirectory=*) out="\${arg#-DoutputDirectory=}" ;;
    -Dkafka.version=*) version="\${arg#-Dkafka.version=}" ;;
  esac
done
mkdir -p "$out"
${body}
`,
  );
  await Deno.chmod(script, 0o755);
  return script;
}

async function calls(dir: string): Promise<string[]> {
  try {
    return (await Deno.readTextFile(join(dir, "calls.log"))).trim().split("\n");
  } catch {
    return [];
  }
}

Deno.test("ensureKafka runs Maven once, then reuses the cache via its marker", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const mvn = await fakeMaven(dir, "ok");
    const cacheRoot = join(dir, "cache");
    const messages: string[] = [];
    const first = await ensureKafka({ cacheRoot, mvn, log: (m) => messages.push(m) });
    assert.equal(first.fetched, true);
    assert.equal(first.version, KAFKA_VERSION);
    assert.equal(first.libsDir, join(cacheRoot, KAFKA_VERSION, "libs"));
    assert.equal(first.classpath, join(cacheRoot, KAFKA_VERSION, "libs", "*"));
    assert.match(messages.join("\n"), /Fetching Kafka .* with Maven/);
    const [call] = await calls(dir);
    assert.match(call, /-B -q -f \S+pom\.xml/);
    assert.match(call, new RegExp(`-Dkafka\\.version=${KAFKA_VERSION.replaceAll(".", "\\.")}`));
    assert.match(call, new RegExp(`-Dlog4j\\.version=${LOG4J_VERSION.replaceAll(".", "\\.")}`));
    assert.match(call, /dependency:copy-dependencies$/);

    const second = await ensureKafka({ cacheRoot, mvn });
    assert.equal(second.fetched, false);
    assert.equal((await calls(dir)).length, 1, "Maven must not run again");
    assert.equal(await isInstalled(first.versionDir, first.marker), true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a marker for another pom or version means fetch again", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const mvn = await fakeMaven(dir, "ok");
    const cacheRoot = join(dir, "cache");
    const kafka = await ensureKafka({ cacheRoot, mvn });
    const marker = await expectedMarker(KAFKA_VERSION, LOG4J_VERSION);
    assert.equal(await isInstalled(kafka.versionDir, marker), true);
    assert.equal(await isInstalled(kafka.versionDir, { ...marker, pomSha256: "0" }), false);
    assert.equal(await isInstalled(kafka.versionDir, { ...marker, log4jVersion: "2.0" }), false);
    await Deno.writeTextFile(
      join(kafka.versionDir, "installed.json"),
      JSON.stringify({ ...marker, pomSha256: "stale" }),
    );
    assert.equal((await ensureKafka({ cacheRoot, mvn })).fetched, true);
    assert.equal((await calls(dir)).length, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("concurrent installs run Maven only once", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const mvn = await fakeMaven(dir, "ok");
    const cacheRoot = join(dir, "cache");
    const results = await Promise.all([1, 2, 3].map(() => ensureKafka({ cacheRoot, mvn })));
    assert.equal(results.filter((r) => r.fetched).length, 1);
    assert.equal((await calls(dir)).length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a failing Maven is reported with its output and leaves no marker", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const mvn = await fakeMaven(dir, "fail");
    const cacheRoot = join(dir, "cache");
    const error = await ensureKafka({ cacheRoot, mvn }).catch((e) => e);
    assert.match(
      error.message,
      /^Cannot fetch Kafka \S+: mvn exited with code 1:\n\[ERROR\] Could not resolve/,
    );
    const marker = await expectedMarker(KAFKA_VERSION, LOG4J_VERSION);
    assert.equal(await isInstalled(join(cacheRoot, KAFKA_VERSION), marker), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a Maven run without the broker jar is an error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const mvn = await fakeMaven(dir, "no-jar");
    await assert.rejects(
      ensureKafka({ cacheRoot: join(dir, "cache"), mvn }),
      /Cannot fetch Kafka \S+: Maven finished but .* has no kafka_2\.13-/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing mvn says how to get it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const error = await ensureKafka({
      cacheRoot: join(dir, "cache"),
      mvn: join(dir, "no-such-mvn"),
    }).catch((e) => e);
    assert.match(
      error.message,
      /^Cannot fetch Kafka \S+: Maven \(.*no-such-mvn\) is not installed/,
    );
    assert.ok(error.cause instanceof Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
