import assert from "node:assert/strict";
import { fetchMetadata } from "./probe.ts";
import { pickFreePorts } from "./ports.ts";

function frame(payload: number[]): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  new DataView(out.buffer).setInt32(0, payload.length);
  out.set(payload, 4);
  return out;
}

function i16(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}

function i32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

function str(s: string): number[] {
  const b = new TextEncoder().encode(s);
  return [...i16(b.length), ...b];
}

async function readFrame(conn: Deno.Conn): Promise<Uint8Array | null> {
  const size = new Uint8Array(4);
  let got = 0;
  while (got < 4) {
    const n = await conn.read(size.subarray(got));
    if (n === null) return null;
    got += n;
  }
  const body = new Uint8Array(new DataView(size.buffer).getInt32(0));
  got = 0;
  while (got < body.length) {
    const n = await conn.read(body.subarray(got));
    if (n === null) return null;
    got += n;
  }
  return body;
}

/** A one-connection fake broker answering ApiVersions and Metadata. */
function fakeBroker(port: number, metadataVersions = [0, 12]) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  const done = (async () => {
    const conn = await listener.accept();
    try {
      for (;;) {
        const request = await readFrame(conn);
        if (request === null) break;
        const view = new DataView(request.buffer);
        const apiKey = view.getInt16(0);
        const correlationId = view.getInt32(4);
        if (apiKey === 18) {
          await conn.write(frame([
            ...i32(correlationId),
            ...i16(0),
            ...i32(2),
            ...i16(3),
            ...i16(metadataVersions[0]),
            ...i16(metadataVersions[1]),
            ...i16(18),
            ...i16(0),
            ...i16(4),
          ]));
        } else if (apiKey === 3) {
          await conn.write(frame([
            ...i32(correlationId),
            ...i32(0),
            ...i32(1),
            ...i32(1),
            ...str("127.0.0.1"),
            ...i32(port),
            ...i16(-1),
            ...str("fake-cluster-id-000000"),
            ...i32(1),
            ...i32(0),
          ]));
        }
      }
    } finally {
      conn.close();
      listener.close();
    }
  })();
  return done;
}

Deno.test("fetchMetadata talks ApiVersions then Metadata to a broker", async () => {
  const [port] = pickFreePorts(1);
  const server = fakeBroker(port);
  const metadata = await fetchMetadata("127.0.0.1", port, 2_000);
  assert.equal(metadata.clusterId, "fake-cluster-id-000000");
  assert.deepEqual(metadata.brokers, [{ nodeId: 1, host: "127.0.0.1", port, rack: null }]);
  assert.equal(metadata.controllerId, 1);
  await server;
});

Deno.test("fetchMetadata refuses a broker without Metadata v4", async () => {
  const [port] = pickFreePorts(1);
  const server = fakeBroker(port, [9, 13]);
  await assert.rejects(
    fetchMetadata("127.0.0.1", port, 2_000),
    /^Error: Cannot query Kafka at 127\.0\.0\.1:\d+: broker does not serve Metadata v4$/,
  );
  await server;
});

Deno.test("fetchMetadata reports a closed port as Cannot query", async () => {
  const [port] = pickFreePorts(1);
  const error = await fetchMetadata("127.0.0.1", port, 2_000).catch((e) => e);
  assert.match(error.message, new RegExp(`^Cannot query Kafka at 127\\.0\\.0\\.1:${port}: `));
  assert.ok(error.cause);
});

Deno.test("fetchMetadata times out on a silent server", async () => {
  const [port] = pickFreePorts(1);
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  const accepted = listener.accept();
  const started = Date.now();
  await assert.rejects(fetchMetadata("127.0.0.1", port, 300), /no answer within 300 ms/);
  assert.ok(Date.now() - started < 2_000);
  (await accepted).close();
  listener.close();
});
