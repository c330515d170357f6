/**
 * CRC-32C (Castagnoli), the checksum of every record batch the producer
 * writes.
 *
 * It is the native SIMD binding of `@node-rs/crc32` (a dependency of the
 * Kafka client library) when the process may load it, else the library's
 * own WebAssembly. On the bench machine the native binding checksums about
 * 4.7 GB/s; the WebAssembly, with the copy into its memory, about 0.9 GB/s,
 * which made it the largest single cost of producing 1 KB records (a fifth
 * of the source worker's CPU).
 *
 * The library would pick the native binding by itself, but only through a
 * loader that also needs `--allow-sys` (it reads a process report), and its
 * wrapper copies every batch first. This module loads the binding file
 * directly: it needs `--allow-ffi` for the project's `node_modules`
 * (`--allow-ffi=node_modules` from the repository root, as the worker tasks
 * grant it) and read access there. Without both it uses the WebAssembly; it
 * only queries permissions, so it never prompts.
 *
 * @example
 * ```ts
 * import { crc32c, crc32cImplementation } from "./crc32c.ts";
 * console.log(crc32c(new TextEncoder().encode("123456789")).toString(16)); // "e3069283"
 * console.log(["native", "wasm"].includes(crc32cImplementation)); // true
 * ```
 * @module
 */
import { Buffer } from "node:buffer";
import { createRequire } from "node:module";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { plt } from "./platformatic_loader.ts";

/**
 * Which implementation {@linkcode crc32c} uses.
 *
 * @example
 * ```ts
 * import type { Crc32cImplementation } from "./crc32c.ts";
 * const which: Crc32cImplementation = "native";
 * ```
 */
export type Crc32cImplementation = "native" | "wasm";

type Checksum = (bytes: Uint8Array) => number;

/** CRC-32C of "123456789", the standard check value. */
const CHECK_VALUE = 0xe3069283;
const CHECK_INPUT = new TextEncoder().encode("123456789");

/**
 * The names of `@node-rs/crc32`'s binding packages for a platform, most
 * likely first (napi-rs's naming).
 *
 * @example
 * ```ts
 * import { bindingPackages } from "./crc32c.ts";
 * console.log(bindingPackages("linux", "x64")); // [ "@node-rs/crc32-linux-x64-gnu", "@node-rs/crc32-linux-x64-musl" ]
 * ```
 */
export function bindingPackages(platform: string, arch: string): string[] {
  const suffixes = platform === "linux"
    ? [`linux-${arch}-gnu`, `linux-${arch}-musl`]
    : platform === "darwin"
    ? [`darwin-${arch}`, "darwin-universal"]
    : platform === "win32"
    ? [`win32-${arch}-msvc`]
    : [`${platform}-${arch}`];
  return suffixes.map((s) => `@node-rs/crc32-${s}`);
}

function granted(name: "ffi" | "read", path: string): boolean {
  try {
    return Deno.permissions.querySync({ name, path }).state === "granted";
  } catch {
    return false;
  }
}

/** The native checksum, if this process may load it and it answers correctly. */
function loadNative(): Checksum | undefined {
  // With `nodeModulesDir`, packages live in node_modules beside deno.json.
  const nodeModules = fileURLToPath(new URL("../../node_modules/", import.meta.url));
  if (!granted("ffi", nodeModules) || !granted("read", nodeModules)) return undefined;
  try {
    const fromModules = createRequire(`${nodeModules}anchor.js`);
    const library = fromModules.resolve("@platformatic/kafka");
    const fromCrc = createRequire(createRequire(library).resolve("@node-rs/crc32"));
    for (const name of bindingPackages(process.platform, process.arch)) {
      try {
        const binding = fromCrc(name) as { crc32c?: unknown };
        if (typeof binding.crc32c !== "function") continue;
        const checksum = binding.crc32c as Checksum;
        if (checksum(CHECK_INPUT) === CHECK_VALUE) return checksum;
      } catch {
        // Not installed for this platform, or not loadable: try the next.
      }
    }
  } catch {
    // The packages are elsewhere (no node_modules directory): use the wasm.
  }
  return undefined;
}

const native = loadNative();

/**
 * The implementation in use: `"native"` or `"wasm"`.
 *
 * @example
 * ```ts
 * import { crc32cImplementation } from "./crc32c.ts";
 * if (crc32cImplementation === "wasm") console.log("grant --allow-ffi=node_modules for the native one");
 * ```
 */
export const crc32cImplementation: Crc32cImplementation = native ? "native" : "wasm";

/**
 * CRC-32C of `bytes` (any view; nothing is copied on the native path).
 *
 * @example
 * ```ts
 * import { crc32c } from "./crc32c.ts";
 * const bytes = new TextEncoder().encode("xx123456789");
 * console.log(crc32c(bytes.subarray(2)) === 0xe3069283); // true
 * ```
 */
export const crc32c: Checksum = native ??
  ((bytes) => plt.crc32c(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
