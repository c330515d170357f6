import assert from "node:assert/strict";
import {
  API_VERSIONS_KEY,
  decodeApiVersionsResponse,
  decodeMetadataResponse,
  encodeApiVersionsRequest,
  encodeMetadataRequest,
  METADATA_KEY,
  METADATA_VERSION,
} from "./wire.ts";

/** Big-endian byte builder for hand-made responses. */
function bytes(...parts: Array<["i16" | "i32", number] | ["str", string | null]>): Uint8Array {
  const out: number[] = [];
  for (const [kind, value] of parts) {
    if (kind === "i16") out.push(((value as number) >> 8) & 0xff, (value as number) & 0xff);
    else if (kind === "i32") {
      const v = value as number;
      out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    } else if (value === null) out.push(0xff, 0xff);
    else {
      const text = new TextEncoder().encode(value as string);
      out.push((text.length >> 8) & 0xff, text.length & 0xff, ...text);
    }
  }
  return new Uint8Array(out);
}

Deno.test("encodeApiVersionsRequest frames header v1 with an empty body", () => {
  const frame = encodeApiVersionsRequest(7);
  const view = new DataView(frame.buffer);
  assert.equal(view.getInt32(0), frame.length - 4);
  assert.equal(view.getInt16(4), API_VERSIONS_KEY);
  assert.equal(view.getInt16(6), 0);
  assert.equal(view.getInt32(8), 7);
  const clientIdLength = view.getInt16(12);
  assert.equal(
    new TextDecoder().decode(frame.subarray(14, 14 + clientIdLength)),
    "tributary-kafka-probe",
  );
  assert.equal(frame.length, 14 + clientIdLength);
});

Deno.test("encodeMetadataRequest asks v4 for no topics without auto-creation", () => {
  const frame = encodeMetadataRequest(8);
  const view = new DataView(frame.buffer);
  assert.equal(view.getInt32(0), frame.length - 4);
  assert.equal(view.getInt16(4), METADATA_KEY);
  assert.equal(view.getInt16(6), METADATA_VERSION);
  assert.equal(view.getInt32(8), 8);
  assert.deepEqual([...frame.subarray(-5)], [0, 0, 0, 0, 0]);
});

Deno.test("decodeApiVersionsResponse reads error code and ranges", () => {
  const payload = bytes(
    ["i32", 7],
    ["i16", 0],
    ["i32", 2],
    ["i16", 3],
    ["i16", 0],
    ["i16", 12],
    ["i16", 18],
    ["i16", 0],
    ["i16", 4],
  );
  assert.deepEqual(decodeApiVersionsResponse(payload), {
    correlationId: 7,
    errorCode: 0,
    apis: [
      { apiKey: 3, minVersion: 0, maxVersion: 12 },
      { apiKey: 18, minVersion: 0, maxVersion: 4 },
    ],
  });
});

Deno.test("decodeMetadataResponse reads brokers, cluster id and controller", () => {
  const payload = bytes(
    ["i32", 2],
    ["i32", 0],
    ["i32", 2],
    ["i32", 1],
    ["str", "127.0.0.1"],
    ["i32", 9092],
    ["str", null],
    ["i32", 2],
    ["str", "127.0.0.1"],
    ["i32", 9094],
    ["str", "rack-a"],
    ["str", "q7m3yC1kQ2W6bT0Xr1ZpUg"],
    ["i32", 1],
    ["i32", 0], // topics: ignored
  );
  assert.deepEqual(decodeMetadataResponse(payload), {
    correlationId: 2,
    brokers: [
      { nodeId: 1, host: "127.0.0.1", port: 9092, rack: null },
      { nodeId: 2, host: "127.0.0.1", port: 9094, rack: "rack-a" },
    ],
    clusterId: "q7m3yC1kQ2W6bT0Xr1ZpUg",
    controllerId: 1,
  });
});

Deno.test("decoders reject truncated and absurd input", () => {
  assert.throws(
    () => decodeMetadataResponse(bytes(["i32", 2], ["i32", 0], ["i32", 1], ["i32", 1])),
    /^Error: Cannot decode Kafka response: truncated/,
  );
  assert.throws(
    () => decodeApiVersionsResponse(bytes(["i32", 1], ["i16", 0], ["i32", -5])),
    /bad array length -5/,
  );
});
