/**
 * Just enough of the Kafka wire protocol to ask a broker whether it is up:
 * ApiVersions v0 and Metadata v4 requests, and decoders for their responses.
 * Pure functions over bytes; {@link ./probe.ts} does the I/O.
 *
 * Frames are `int32 size` + payload. Request header v1: `int16 api_key,
 * int16 api_version, int32 correlation_id, nullable string client_id`.
 * Response header v0: `int32 correlation_id`.
 *
 * @module
 */

/**
 * API key of ApiVersions.
 *
 * @example
 * ```ts
 * const served = response.apis.some((api) => api.apiKey === API_VERSIONS_KEY);
 * ```
 */
export const API_VERSIONS_KEY = 18;
/**
 * API key of Metadata.
 *
 * @example
 * ```ts
 * const metadataApi = response.apis.find((api) => api.apiKey === METADATA_KEY);
 * ```
 */
export const METADATA_KEY = 3;
/**
 * Metadata version encoded by {@link encodeMetadataRequest}: non-flexible, still served by Kafka 4.
 *
 * @example
 * ```ts
 * const ok = metadataApi.minVersion <= METADATA_VERSION && METADATA_VERSION <= metadataApi.maxVersion;
 * ```
 */
export const METADATA_VERSION = 4;

/**
 * One API a broker supports, from an ApiVersions response.
 *
 * @example
 * ```ts
 * const range: ApiVersionRange | undefined = decodeApiVersionsResponse(payload).apis[0];
 * ```
 */
export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

/**
 * Decoded ApiVersions v0 response.
 *
 * @example
 * ```ts
 * const response: ApiVersionsResponse = decodeApiVersionsResponse(payload);
 * console.log(response.errorCode);
 * ```
 */
export interface ApiVersionsResponse {
  correlationId: number;
  errorCode: number;
  apis: ApiVersionRange[];
}

/**
 * A broker listed in a Metadata response.
 *
 * @example
 * ```ts
 * const brokers: MetadataBroker[] = decodeMetadataResponse(payload).brokers;
 * console.log(brokers.map((b) => `${b.host}:${b.port}`));
 * ```
 */
export interface MetadataBroker {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

/**
 * Decoded head of a Metadata v4 response (topics are not decoded).
 *
 * @example
 * ```ts
 * const metadata: MetadataResponse = await fetchMetadata("127.0.0.1", 9092);
 * console.log(metadata.clusterId);
 * ```
 */
export interface MetadataResponse {
  correlationId: number;
  brokers: MetadataBroker[];
  clusterId: string | null;
  controllerId: number;
}

const CLIENT_ID = "tributary-kafka-probe";

function requestFrame(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  body: Uint8Array,
): Uint8Array {
  const clientId = new TextEncoder().encode(CLIENT_ID);
  const size = 2 + 2 + 4 + 2 + clientId.length + body.length;
  const frame = new Uint8Array(4 + size);
  const view = new DataView(frame.buffer);
  view.setInt32(0, size);
  view.setInt16(4, apiKey);
  view.setInt16(6, apiVersion);
  view.setInt32(8, correlationId);
  view.setInt16(12, clientId.length);
  frame.set(clientId, 14);
  frame.set(body, 14 + clientId.length);
  return frame;
}

/**
 * Encodes a size-prefixed ApiVersions v0 request (empty body).
 *
 * @example
 * ```ts
 * const frame = encodeApiVersionsRequest(7);
 * await conn.write(frame);
 * ```
 */
export function encodeApiVersionsRequest(correlationId: number): Uint8Array {
  return requestFrame(API_VERSIONS_KEY, 0, correlationId, new Uint8Array(0));
}

/**
 * Encodes a size-prefixed Metadata v4 request for no topics, so the answer
 * only lists brokers, the cluster id and the controller.
 *
 * @example
 * ```ts
 * const frame = encodeMetadataRequest(8);
 * await conn.write(frame);
 * ```
 */
export function encodeMetadataRequest(correlationId: number): Uint8Array {
  // topics: empty array (int32 0), allow_auto_topic_creation: false.
  const body = new Uint8Array([0, 0, 0, 0, 0]);
  return requestFrame(METADATA_KEY, METADATA_VERSION, correlationId, body);
}

/** Sequential big-endian reader that throws on truncated input. */
class Reader {
  #view: DataView;
  #offset = 0;

  constructor(bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  #need(count: number): void {
    if (this.#offset + count > this.#view.byteLength) {
      throw new Error(
        `Cannot decode Kafka response: truncated at byte ${this.#offset} (needed ${count} more)`,
      );
    }
  }

  int16(): number {
    this.#need(2);
    const value = this.#view.getInt16(this.#offset);
    this.#offset += 2;
    return value;
  }

  int32(): number {
    this.#need(4);
    const value = this.#view.getInt32(this.#offset);
    this.#offset += 4;
    return value;
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    this.#need(length);
    const start = this.#view.byteOffset + this.#offset;
    const text = new TextDecoder().decode(
      new Uint8Array(this.#view.buffer, start, length),
    );
    this.#offset += length;
    return text;
  }

  string(): string {
    const text = this.nullableString();
    if (text === null) {
      throw new Error("Cannot decode Kafka response: unexpected null string");
    }
    return text;
  }

  arrayLength(): number {
    const length = this.int32();
    if (length < 0 || length > 100_000) {
      throw new Error(`Cannot decode Kafka response: bad array length ${length}`);
    }
    return length;
  }
}

/**
 * Decodes an ApiVersions v0 response payload (the bytes after the size prefix).
 *
 * @example
 * ```ts
 * const response = decodeApiVersionsResponse(payload);
 * if (response.errorCode !== 0) throw new Error("broker refused ApiVersions");
 * ```
 */
export function decodeApiVersionsResponse(payload: Uint8Array): ApiVersionsResponse {
  const reader = new Reader(payload);
  const correlationId = reader.int32();
  const errorCode = reader.int16();
  const count = reader.arrayLength();
  const apis: ApiVersionRange[] = [];
  for (let i = 0; i < count; i++) {
    apis.push({ apiKey: reader.int16(), minVersion: reader.int16(), maxVersion: reader.int16() });
  }
  return { correlationId, errorCode, apis };
}

/**
 * Decodes the head of a Metadata v4 response payload: throttle time, brokers,
 * cluster id and controller id. The topic list after them is not read.
 *
 * @example
 * ```ts
 * const { brokers, clusterId } = decodeMetadataResponse(payload);
 * console.log(clusterId, brokers.map((b) => `${b.host}:${b.port}`));
 * ```
 */
export function decodeMetadataResponse(payload: Uint8Array): MetadataResponse {
  const reader = new Reader(payload);
  const correlationId = reader.int32();
  reader.int32(); // throttle_time_ms
  const count = reader.arrayLength();
  const brokers: MetadataBroker[] = [];
  for (let i = 0; i < count; i++) {
    brokers.push({
      nodeId: reader.int32(),
      host: reader.string(),
      port: reader.int32(),
      rack: reader.nullableString(),
    });
  }
  const clusterId = reader.nullableString();
  const controllerId = reader.int32();
  return { correlationId, brokers, clusterId, controllerId };
}
