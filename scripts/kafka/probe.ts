/**
 * Asks a Kafka broker over TCP whether it really serves requests: an
 * ApiVersions round trip, then Metadata (brokers, cluster id, controller).
 * Written on `Deno.connect` so it needs no Kafka client library.
 *
 * @module
 */

import { cannot, messageOf } from "./errors.ts";
import {
  API_VERSIONS_KEY,
  decodeApiVersionsResponse,
  decodeMetadataResponse,
  encodeApiVersionsRequest,
  encodeMetadataRequest,
  METADATA_KEY,
  METADATA_VERSION,
  type MetadataResponse,
} from "./wire.ts";

/** Largest response frame the probe accepts (Metadata for no topics is small). */
const MAX_FRAME = 16 * 1024 * 1024;

async function readExactly(conn: Deno.Conn, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const read = await conn.read(buffer.subarray(filled));
    if (read === null) throw new Error("connection closed by the broker");
    filled += read;
  }
  return buffer;
}

async function roundTrip(conn: Deno.Conn, frame: Uint8Array): Promise<Uint8Array> {
  let written = 0;
  while (written < frame.length) written += await conn.write(frame.subarray(written));
  const size = new DataView((await readExactly(conn, 4)).buffer).getInt32(0);
  if (size < 4 || size > MAX_FRAME) throw new Error(`bad response size ${size}`);
  return await readExactly(conn, size);
}

/**
 * Connects to `host:port`, checks ApiVersions, and returns the broker's
 * Metadata answer. Rejects with `Cannot query Kafka at host:port: <reason>`
 * when the port is closed, the broker is not ready, or `timeoutMs` passes.
 *
 * @example
 * ```ts
 * const metadata = await fetchMetadata("127.0.0.1", 9092);
 * console.log(metadata.clusterId, metadata.brokers.length);
 * ```
 */
export async function fetchMetadata(
  host: string,
  port: number,
  timeoutMs = 2_000,
): Promise<MetadataResponse> {
  let conn: Deno.Conn | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new Error(`no answer within ${timeoutMs} ms`));
      try {
        conn?.close();
      } catch {
        // Already closed.
      }
    }, timeoutMs);
  });
  const exchange = async (): Promise<MetadataResponse> => {
    conn = await Deno.connect({ hostname: host, port, transport: "tcp" });
    if (timedOut) throw new Error("timed out");
    const versions = decodeApiVersionsResponse(await roundTrip(conn, encodeApiVersionsRequest(1)));
    if (versions.correlationId !== 1) throw new Error("ApiVersions correlation id mismatch");
    if (versions.errorCode !== 0) throw new Error(`ApiVersions error code ${versions.errorCode}`);
    const metadataApi = versions.apis.find((api) => api.apiKey === METADATA_KEY);
    if (
      !metadataApi || metadataApi.minVersion > METADATA_VERSION ||
      metadataApi.maxVersion < METADATA_VERSION
    ) {
      throw new Error(`broker does not serve Metadata v${METADATA_VERSION}`);
    }
    if (!versions.apis.some((api) => api.apiKey === API_VERSIONS_KEY)) {
      throw new Error("broker does not list ApiVersions");
    }
    const metadata = decodeMetadataResponse(await roundTrip(conn, encodeMetadataRequest(2)));
    if (metadata.correlationId !== 2) throw new Error("Metadata correlation id mismatch");
    return metadata;
  };
  try {
    return await Promise.race([exchange(), timeout]);
  } catch (error) {
    throw cannot(`query Kafka at ${host}:${port}`, messageOf(error), error);
  } finally {
    clearTimeout(timer);
    try {
      conn?.close();
    } catch {
      // Already closed by the timeout.
    }
  }
}
