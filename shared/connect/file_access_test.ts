import assert from "node:assert/strict";
import * as path from "node:path";
import { ConnectError } from "./errors.ts";
import {
  assertPathAllowed,
  isPathAllowed,
  notAllowedReason,
  resolveRealPath,
} from "./file_access.ts";

async function withDirs(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.realPath(await Deno.makeTempDir());
  try {
    await Deno.mkdir(`${root}/allowed/sub`, { recursive: true });
    await Deno.mkdir(`${root}/secret`);
    await Deno.writeTextFile(`${root}/secret/key.txt`, "s");
    await Deno.writeTextFile(`${root}/allowed/in.txt`, "x");
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("paths inside an allowed directory are allowed, existing or not", () =>
  withDirs((root) => {
    const dirs = [`${root}/allowed`];
    assert.equal(isPathAllowed(`${root}/allowed/in.txt`, dirs), true);
    assert.equal(isPathAllowed(`${root}/allowed/new.txt`, dirs), true);
    assert.equal(isPathAllowed(`${root}/allowed/sub/deeper/new.txt`, dirs), true);
    assert.equal(isPathAllowed(`${root}/allowed/./sub/../in.txt`, dirs), true);
    return Promise.resolve();
  }));

Deno.test("paths outside, the directory itself, and look-alike prefixes are rejected", () =>
  withDirs((root) => {
    const dirs = [`${root}/allowed`];
    assert.equal(isPathAllowed(`${root}/secret/key.txt`, dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed`, dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed-other/x`, dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed/../secret/key.txt`, dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed/missing/../../secret/key.txt`, dirs), false);
    assert.equal(isPathAllowed("", dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed/in.txt`, []), false);
    assert.equal(isPathAllowed(`${root}/allowed/in.txt`, [""]), false);
    return Promise.resolve();
  }));

Deno.test("symbolic links are followed: a link out of the directory is rejected", () =>
  withDirs(async (root) => {
    const dirs = [`${root}/allowed`];
    await Deno.symlink(`${root}/secret`, `${root}/allowed/escape`);
    await Deno.symlink(`${root}/secret/key.txt`, `${root}/allowed/key-link.txt`);
    assert.equal(isPathAllowed(`${root}/allowed/escape/key.txt`, dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed/escape/new.txt`, dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed/key-link.txt`, dirs), false);
    // A link whose target is inside is fine; so is an allowed dir reached by a link.
    await Deno.symlink(`${root}/allowed/in.txt`, `${root}/allowed/in-link.txt`);
    assert.equal(isPathAllowed(`${root}/allowed/in-link.txt`, dirs), true);
    await Deno.symlink(`${root}/allowed`, `${root}/allowed-link`);
    assert.equal(isPathAllowed(`${root}/allowed/in.txt`, [`${root}/allowed-link`]), true);
    // `..` after a link is resolved from the link's target, as the OS does.
    await Deno.symlink(`${root}/secret`, `${root}/allowed/sub/up`);
    assert.equal(isPathAllowed(`${root}/allowed/sub/up/../secret/key.txt`, dirs), false);
    assert.equal(isPathAllowed(`${root}/allowed/sub/up/../allowed/x`, dirs), true);
  }));

Deno.test("relative paths resolve against the current directory", () =>
  withDirs((root) => {
    const relative = path.relative(Deno.cwd(), `${root}/allowed/in.txt`);
    assert.equal(isPathAllowed(relative, [`${root}/allowed`]), true);
    assert.equal(resolveRealPath(relative), `${root}/allowed/in.txt`);
    return Promise.resolve();
  }));

Deno.test("resolveRealPath keeps the missing rest of a path as written", () =>
  withDirs((root) => {
    assert.equal(resolveRealPath(`${root}/allowed/a/b/../c.txt`), `${root}/allowed/a/c.txt`);
    assert.equal(resolveRealPath("/"), "/");
    return Promise.resolve();
  }));

Deno.test("assertPathAllowed throws a ConnectError saying why", () =>
  withDirs((root) => {
    assertPathAllowed(`${root}/allowed/in.txt`, [`${root}/allowed`]);
    assert.throws(
      () => assertPathAllowed(`${root}/secret/key.txt`, [`${root}/allowed`]),
      (err: unknown) =>
        err instanceof ConnectError &&
        err.message ===
          `Cannot open file ${root}/secret/key.txt: it is not inside an allowed directory (allowed: ${root}/allowed)`,
    );
    assert.throws(
      () => assertPathAllowed("/x", [], "write /x"),
      { message: "Cannot write /x: file access is not allowed: the worker allows no directory" },
    );
    return Promise.resolve();
  }));

Deno.test("notAllowedReason", () => {
  assert.equal(
    notAllowedReason(["/a", "/b"]),
    "it is not inside an allowed directory (allowed: /a, /b)",
  );
});

Deno.test({
  name: "paths resolve under narrow read permissions (an unreadable ancestor stays as written)",
  permissions: { read: ["/tmp/tributary-narrow-perm"], write: ["/tmp/tributary-narrow-perm"] },
  fn() {
    const dir = "/tmp/tributary-narrow-perm";
    Deno.mkdirSync(dir, { recursive: true });
    assert.equal(isPathAllowed(`${dir}/new-file.txt`, [dir]), true);
    assert.equal(isPathAllowed(`${dir}/../elsewhere.txt`, [dir]), false);
    assert.equal(isPathAllowed("/etc/passwd", [dir]), false);
  },
});
