/**
 * The few Kafka Connect REST calls the bench makes, against Tributary and
 * Kafka Connect alike (same API): create a connector and wait until it and
 * its tasks run, and delete it.
 *
 * @example
 * ```ts ignore
 * import { createConnector, deleteConnector } from "./connect_rest.ts";
 * await createConnector("http://127.0.0.1:8083", "src", {
 *   "connector.class": "FileStreamSource", file: "/tmp/in.txt", topic: "lines",
 * });
 * await deleteConnector("http://127.0.0.1:8083", "src");
 * ```
 * @module
 */

async function call(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = text === "" ? null : JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json };
}

interface ConnectorStatus {
  connector?: { state?: string; trace?: string };
  tasks?: { id: number; state?: string; trace?: string }[];
}

/** The trace of the connector's or a task's FAILED state, if any is FAILED. */
function failure(status: ConnectorStatus): string | undefined {
  const failed = [status.connector, ...(status.tasks ?? [])].find((x) => x?.state === "FAILED");
  return failed ? failed.trace ?? "(no trace)" : undefined;
}

/**
 * Creates connector `name` and resolves once the connector and at least one
 * task are RUNNING. Rejects with `Cannot create connector <name>: ...` on a
 * refusal, a FAILED state, or after `timeoutMs`.
 *
 * @example
 * ```ts ignore
 * import { createConnector } from "./connect_rest.ts";
 * await createConnector(url, "sink", {
 *   "connector.class": "FileStreamSink", file: "/tmp/out.txt", topics: "lines",
 * });
 * ```
 */
export async function createConnector(
  baseUrl: string,
  name: string,
  config: Record<string, string>,
  timeoutMs = 60_000,
): Promise<void> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new Error(`Cannot create connector ${name} at ${baseUrl}: ${reason}`, { cause });
  };
  let created;
  try {
    created = await call("POST", `${baseUrl}/connectors`, { name, config });
  } catch (err) {
    fail((err as Error).message, err);
  }
  if (created!.status !== 201 && created!.status !== 200) {
    fail(`HTTP ${created!.status}: ${JSON.stringify(created!.json)}`);
  }
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const { status, json } = await call("GET", `${baseUrl}/connectors/${name}/status`);
    if (status === 200) {
      const s = json as ConnectorStatus;
      const trace = failure(s);
      if (trace !== undefined) fail(`it failed: ${trace}`);
      if (
        s.connector?.state === "RUNNING" && (s.tasks?.length ?? 0) > 0 &&
        s.tasks!.every((t) => t.state === "RUNNING")
      ) return;
      last = JSON.stringify(s);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  fail(`not RUNNING after ${timeoutMs} ms (last status ${last || "none"})`);
}

/**
 * Rejects with `Connector <name> at <url> failed: <trace>` when the
 * connector or one of its tasks is FAILED; resolves otherwise (also when the
 * status cannot be read).
 *
 * @example
 * ```ts ignore
 * import { assertNotFailed } from "./connect_rest.ts";
 * await assertNotFailed("http://127.0.0.1:8083", "sink");
 * ```
 */
export async function assertNotFailed(baseUrl: string, name: string): Promise<void> {
  let answer;
  try {
    answer = await call("GET", `${baseUrl}/connectors/${name}/status`);
  } catch {
    return;
  }
  if (answer.status !== 200) return;
  const trace = failure(answer.json as ConnectorStatus);
  if (trace !== undefined) throw new Error(`Connector ${name} at ${baseUrl} failed: ${trace}`);
}

/**
 * Deletes connector `name` (a missing one is fine) and waits until the
 * worker no longer lists it.
 *
 * @example
 * ```ts ignore
 * import { deleteConnector } from "./connect_rest.ts";
 * await deleteConnector("http://127.0.0.1:8083", "src");
 * ```
 */
export async function deleteConnector(baseUrl: string, name: string, timeoutMs = 30_000) {
  const { status, json } = await call("DELETE", `${baseUrl}/connectors/${name}`);
  if (status >= 300 && status !== 404) {
    throw new Error(
      `Cannot delete connector ${name} at ${baseUrl}: HTTP ${status}: ${JSON.stringify(json)}`,
    );
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const listed = await call("GET", `${baseUrl}/connectors`);
    if (Array.isArray(listed.json) && !listed.json.includes(name)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(
    `Cannot delete connector ${name} at ${baseUrl}: still listed after ${timeoutMs} ms`,
  );
}
