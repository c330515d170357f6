/**
 * Is a process alive, and is it the one we started? Asks `ps`, so no signal
 * has to be sent to find out. A pid file is only trusted when the process's
 * command line still contains a marker (the node's server.properties path),
 * which guards against pid reuse.
 *
 * @module
 */

/**
 * The command line of `pid` as one space-joined string, or `undefined` when
 * no such process exists. Zombies (exited, not yet reaped) count as gone.
 * Asks `ps` (Deno only lets fully privileged programs read `/proc`).
 *
 * @example
 * ```ts
 * const line = await commandLine(Deno.pid);
 * console.log(line?.includes("deno")); // true
 * ```
 */
export async function commandLine(pid: number): Promise<string | undefined> {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("ps", {
      args: ["-ww", "-p", String(pid), "-o", "stat=", "-o", "args="],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
  } catch (error) {
    throw new Error(`Cannot check process ${pid}: ps did not run (install procps)`, {
      cause: error,
    });
  }
  // ps exits with 1 when the pid does not exist, printing nothing.
  const line = new TextDecoder().decode(output.stdout).trim();
  const match = line.match(/^(\S+)\s+(.*)$/s);
  if (!match || match[1].startsWith("Z")) return undefined;
  return match[2].trim() || undefined;
}

/**
 * Whether `pid` is a live process whose command line contains `marker`
 * (any live process when `marker` is omitted).
 *
 * @example
 * ```ts
 * if (await isAlive(node.pid, node.propertiesFile)) console.log("node is up");
 * ```
 */
export async function isAlive(pid: number, marker?: string): Promise<boolean> {
  const line = await commandLine(pid);
  if (line === undefined) return false;
  return marker === undefined || line.includes(marker);
}

/**
 * Waits until `pid` (with `marker`) is gone or `timeoutMs` passes; resolves
 * to `true` when it is gone.
 *
 * @example
 * ```ts
 * Deno.kill(pid, "SIGTERM");
 * if (!(await waitForExit(pid, marker, 10_000))) Deno.kill(pid, "SIGKILL");
 * ```
 */
export async function waitForExit(
  pid: number,
  marker: string | undefined,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (await isAlive(pid, marker)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
