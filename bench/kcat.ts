/**
 * kcat, the client-side ceiling: makes sure it is installed (Debian package
 * `kcat`, installed with apt-get when missing) and runs it as a producer of
 * a file and as a consumer into a file. The producer is idempotent with
 * acks=all, like the workers' producers; everything else is librdkafka's
 * defaults.
 *
 * @example
 * ```ts ignore
 * import { ensureKcat, kcatProduceFile } from "./kcat.ts";
 * const kcat = await ensureKcat(console.error);
 * await kcatProduceFile(kcat, "127.0.0.1:9092", "lines", "/tmp/lines.txt");
 * ```
 * @module
 */

/**
 * Producer settings shared by every kcat producer of the bench.
 *
 * @example
 * ```ts
 * import { KCAT_PRODUCER_ARGS } from "./kcat.ts";
 * console.log(KCAT_PRODUCER_ARGS.join(" ")); // "-X enable.idempotence=true -X acks=all"
 * ```
 */
export const KCAT_PRODUCER_ARGS: readonly string[] = [
  "-X",
  "enable.idempotence=true",
  "-X",
  "acks=all",
];

async function output(command: string, args: string[]): Promise<Deno.CommandOutput> {
  return await new Deno.Command(command, { args, stdin: "null", stdout: "piped", stderr: "piped" })
    .output();
}

/**
 * The kcat executable and its version line; installs the Debian package
 * when it is missing. Rejects with `Cannot install kcat: ...`.
 *
 * @example
 * ```ts ignore
 * import { ensureKcat } from "./kcat.ts";
 * const { path, version } = await ensureKcat((m) => console.error(m));
 * ```
 */
export async function ensureKcat(
  log: (message: string) => void = () => {},
): Promise<{ path: string; version: string }> {
  const version = async () => {
    try {
      const out = await output("kcat", ["-V"]);
      const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
      // "Version 1.7.1 (JSON, ..., librdkafka 2.0.2 builtin.features=...)"
      const line = text.split("\n").find((l) => /^\s*Version\s/i.test(l))?.trim();
      return line?.replace(/ builtin\.features=.*$/, ")") ?? text.trim().split("\n")[0];
    } catch {
      return undefined;
    }
  };
  const found = await version();
  if (found) return { path: "kcat", version: found };
  log("kcat is missing; installing the Debian package kcat...");
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "kcat"]]) {
    let out: Deno.CommandOutput;
    try {
      out = await new Deno.Command("apt-get", {
        args,
        env: { DEBIAN_FRONTEND: "noninteractive" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
    } catch (err) {
      throw new Error(`Cannot install kcat: apt-get did not run: ${(err as Error).message}`, {
        cause: err,
      });
    }
    if (!out.success) {
      throw new Error(
        `Cannot install kcat: apt-get ${args.join(" ")} failed: ${
          new TextDecoder().decode(out.stderr).trim()
        }`,
      );
    }
  }
  const installed = await version();
  if (!installed) throw new Error("Cannot install kcat: kcat -V still fails after apt-get install");
  return { path: "kcat", version: installed };
}

/**
 * Produces every line of `file` to `topic` and resolves when kcat exits
 * (all delivered). Rejects with `Cannot produce ... with kcat: ...`.
 *
 * @example
 * ```ts ignore
 * import { kcatProduceFile } from "./kcat.ts";
 * await kcatProduceFile("kcat", "127.0.0.1:9092", "lines", "/tmp/lines.txt");
 * ```
 */
export async function kcatProduceFile(
  kcat: string,
  bootstrap: string,
  topic: string,
  file: string,
): Promise<void> {
  const out = await output(kcat, [
    "-P",
    "-b",
    bootstrap,
    "-t",
    topic,
    "-p",
    "0",
    ...KCAT_PRODUCER_ARGS,
    "-l",
    file,
  ]);
  if (!out.success) {
    throw new Error(
      `Cannot produce ${file} to ${topic} with kcat: ${
        new TextDecoder().decode(out.stderr).trim()
      }`,
    );
  }
}

/**
 * Consumes `topic` from the beginning to its end into `file` (one value per
 * line; kcat writes the file itself) and resolves when kcat exits.
 *
 * @example
 * ```ts ignore
 * import { kcatConsumeToFile } from "./kcat.ts";
 * await kcatConsumeToFile("kcat", "127.0.0.1:9092", "lines", "/tmp/out.txt");
 * ```
 */
export async function kcatConsumeToFile(
  kcat: string,
  bootstrap: string,
  topic: string,
  file: string,
): Promise<void> {
  const out = await new Deno.Command("sh", {
    args: [
      "-c",
      `exec "$KCAT" -C -b "$BOOTSTRAP" -t "$TOPIC" -o beginning -e -q -f '%s\\n' > "$OUT"`,
    ],
    env: { KCAT: kcat, BOOTSTRAP: bootstrap, TOPIC: topic, OUT: file },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `Cannot consume ${topic} into ${file} with kcat: ${
        new TextDecoder().decode(out.stderr).trim()
      }`,
    );
  }
}

/**
 * Starts a kcat producer reading lines from its standard input (for the
 * latency run): write lines to `child.stdin`, close it to end.
 *
 * @example
 * ```ts ignore
 * import { kcatLineProducer } from "./kcat.ts";
 * const child = kcatLineProducer("kcat", "127.0.0.1:9092", "lines");
 * const writer = child.stdin.getWriter();
 * await writer.write(new TextEncoder().encode("hello\n"));
 * await writer.close();
 * await child.status;
 * ```
 */
export function kcatLineProducer(
  kcat: string,
  bootstrap: string,
  topic: string,
): Deno.ChildProcess {
  return new Deno.Command(kcat, {
    args: ["-P", "-b", bootstrap, "-t", topic, "-p", "0", ...KCAT_PRODUCER_ARGS],
    stdin: "piped",
    stdout: "null",
    stderr: "null",
  }).spawn();
}
