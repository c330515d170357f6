import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { fileURLToPath } from "node:url";
import { bindingPackages, crc32c, crc32cImplementation } from "./crc32c.ts";
import { plt } from "./platformatic_loader.ts";

const wasm = (bytes: Uint8Array) =>
  plt.crc32c(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

Deno.test("crc32c gives the standard check value", () => {
  assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(0)), 0);
});

Deno.test("crc32c agrees with the library's checksum on any view", () => {
  const buffer = new Uint8Array(70_000);
  let x = 1;
  for (let i = 0; i < buffer.length; i++) buffer[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  for (const [start, length] of [[0, 1], [3, 7], [1, 64], [5, 1000], [7, 65_536], [0, 70_000]]) {
    const view = buffer.subarray(start, start + length);
    assert.equal(crc32c(view), wasm(view), `${crc32cImplementation}, ${start}+${length}`);
  }
});

Deno.test("the binding package names follow napi-rs", () => {
  assert.deepEqual(bindingPackages("linux", "arm64"), [
    "@node-rs/crc32-linux-arm64-gnu",
    "@node-rs/crc32-linux-arm64-musl",
  ]);
  assert.deepEqual(bindingPackages("darwin", "arm64"), [
    "@node-rs/crc32-darwin-arm64",
    "@node-rs/crc32-darwin-universal",
  ]);
  assert.deepEqual(bindingPackages("win32", "x64"), ["@node-rs/crc32-win32-x64-msvc"]);
});

async function implementationUnder(flags: string[]): Promise<string> {
  const script = `import { crc32cImplementation } from "${
    new URL("./crc32c.ts", import.meta.url).href
  }"; console.log(crc32cImplementation);`;
  // `deno run` of a file, not `deno eval` (which grants every permission).
  const file = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(file, script);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--config",
        fileURLToPath(new URL("../../deno.json", import.meta.url)),
        ...flags,
        file,
      ],
      cwd: new URL("../../", import.meta.url),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout).trim();
  } finally {
    await Deno.remove(file);
  }
}

Deno.test("without --allow-ffi for node_modules it uses the wasm, without prompting", async () => {
  assert.equal(await implementationUnder(["--allow-read", "--allow-env"]), "wasm");
  assert.equal(
    await implementationUnder(["--allow-read", "--allow-env", "--allow-ffi=/nonexistent"]),
    "wasm",
  );
});

Deno.test("with --allow-ffi=node_modules it loads the native binding", async () => {
  const native = await implementationUnder([
    "--allow-read",
    "--allow-env",
    "--allow-ffi=node_modules",
  ]);
  // Only where the binding package for this platform is installed.
  const expected = Deno.build.os === "linux" && Deno.build.arch === "x86_64" ? "native" : native;
  assert.equal(native, expected);
});
