/**
 * The single place that loads `@platformatic/kafka`. It is loaded with a
 * dynamic import under an env guard (see `env_guard.ts`) so the library's
 * `debug` dependency does not demand the unrestricted `--allow-env`.
 *
 * Other seam files import library *types* only (`import type`), and take the
 * runtime values from `plt` here.
 *
 * @example
 * ```ts ignore
 * import { plt } from "./platformatic_loader.ts";
 * const admin = new plt.Admin({ clientId: "a", bootstrapBrokers: ["127.0.0.1:9092"] });
 * await admin.close();
 * ```
 * @module
 */
import process from "node:process";
import { withEnvGuard } from "./env_guard.ts";
import { describeError, KafkaClientError } from "./errors.ts";

/** The library's module namespace. */
export type Platformatic = typeof import("@platformatic/kafka");

/**
 * The loaded library.
 *
 * @example
 * ```ts ignore
 * import { plt } from "./platformatic_loader.ts";
 * console.log(typeof plt.Producer); // "function"
 * ```
 */
export const plt: Platformatic = await loadPlatformatic();

async function loadPlatformatic(): Promise<Platformatic> {
  try {
    return await withEnvGuard(
      process as unknown as { env: Record<string, string | undefined> },
      () => import("@platformatic/kafka"),
    );
  } catch (error) {
    // Typically NotCapable: the library reads a .wasm file of its
    // @platformatic/wasm-utils dependency from Deno's npm cache at load time.
    throw new KafkaClientError(
      "load the Kafka client library",
      `${describeError(error)} (the process needs read access to Deno's npm cache, ` +
        "e.g. --allow-read=$(deno info --json | jq -r .npmCache))",
      { cause: error },
    );
  }
}
