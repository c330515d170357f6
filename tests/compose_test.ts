/**
 * compose.yaml is valid for Docker Compose and runs only official images:
 * apache/kafka, and both workers built on denoland/deno, each checked on
 * `/health`. No Docker engine is needed: `docker compose config` (or the
 * standalone `docker-compose config`) only parses and validates the file.
 */
import assert from "node:assert/strict";

const root = new URL("../", import.meta.url);

async function composeCommand(): Promise<string[] | null> {
  for (const cmd of [["docker", "compose"], ["docker-compose"]]) {
    try {
      const out = await new Deno.Command(cmd[0], {
        args: [...cmd.slice(1), "version"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (out.success) return cmd;
    } catch {
      // not installed: try the next one
    }
  }
  return null;
}

Deno.test("docker compose config accepts compose.yaml", async () => {
  const cmd = await composeCommand();
  assert.ok(
    cmd,
    "Cannot validate compose.yaml: neither `docker compose` nor `docker-compose` is installed",
  );
  const out = await new Deno.Command(cmd[0], {
    args: [...cmd.slice(1), "-f", "compose.yaml", "config"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  for (const service of ["kafka", "source-worker", "sink-worker"]) {
    assert.match(text, new RegExp(`^  ${service}:`, "m"), `service ${service} is missing`);
  }
});

Deno.test("compose.yaml uses official images and health checks on /health", async () => {
  const compose = await Deno.readTextFile(new URL("compose.yaml", root));
  const images = [...compose.matchAll(/^\s+image:\s*(\S+)/gm)].map((m) => m[1]);
  assert.deepEqual(images.map((i) => i.split(":")[0]), ["apache/kafka"]);
  const dockerfile = await Deno.readTextFile(new URL("Dockerfile", root));
  const from = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1].split(":")[0]);
  assert.deepEqual(from, ["denoland/deno"]);
  assert.match(compose, /127\.0\.0\.1:8083\/health/);
  assert.match(compose, /127\.0\.0\.1:8084\/health/);
});
