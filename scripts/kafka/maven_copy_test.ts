import assert from "node:assert/strict";
import { join } from "node:path";
import { isCopied, sha256Hex } from "./maven_copy.ts";

Deno.test("sha256Hex is the hex SHA-256 of the text", async () => {
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
});

Deno.test("isCopied needs every marker field to agree and the sentinel jar in libs/", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const marker = { version: "1.0", nested: { published: true } };
    assert.equal(await isCopied(dir, marker, "a.jar"), false, "no marker file");
    await Deno.writeTextFile(join(dir, "installed.json"), JSON.stringify(marker));
    assert.equal(await isCopied(dir, marker, "a.jar"), false, "no sentinel");
    await Deno.mkdir(join(dir, "libs"));
    await Deno.writeFile(join(dir, "libs", "a.jar"), new Uint8Array());
    assert.equal(await isCopied(dir, marker, "a.jar"), true);
    assert.equal(await isCopied(dir, { ...marker, version: "2.0" }, "a.jar"), false);
    assert.equal(await isCopied(dir, { ...marker, nested: { published: false } }, "a.jar"), false);
    assert.equal(await isCopied(dir, { ...marker, extra: 1 }, "a.jar"), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
