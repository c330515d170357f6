/**
 * Records that flow through connectors: `SourceRecord` (produced by source
 * tasks) and `SinkRecord` (handed to sink tasks), with Kafka Connect's
 * headers.
 *
 * @example
 * ```ts
 * import type { SourceRecord } from "./record.ts";
 * import { Schemas } from "./schema_builder.ts";
 * const record: SourceRecord = {
 *   sourcePartition: { filename: "/tmp/in.txt" },
 *   sourceOffset: { position: 4 },
 *   topic: "lines",
 *   kafkaPartition: null,
 *   keySchema: null,
 *   key: null,
 *   valueSchema: Schemas.STRING,
 *   value: "foo",
 *   timestamp: Date.now(),
 *   headers: [],
 * };
 * ```
 * @module
 */
import type { Schema } from "./schema.ts";

/**
 * One record header: a key and a schema'd value. Keys may repeat.
 *
 * @example
 * ```ts
 * import type { Header } from "./record.ts";
 * import { Schemas } from "./schema_builder.ts";
 * const header: Header = { key: "trace-id", schema: Schemas.STRING, value: "abc123" };
 * ```
 */
export interface Header {
  /** The header's key. */
  readonly key: string;
  /** Schema of `value`, or null when it has none. */
  readonly schema: Schema | null;
  /** The header's value. */
  readonly value: unknown;
}

/**
 * What source and sink records share (Kafka Connect's `ConnectRecord`).
 *
 * @example
 * ```ts
 * import type { ConnectRecord } from "./record.ts";
 * function describe(r: ConnectRecord): string {
 *   return `${r.topic}: ${String(r.value)}`;
 * }
 * ```
 */
export interface ConnectRecord {
  /** Topic the record goes to (source) or came from (sink). */
  readonly topic: string;
  /** Kafka partition, or null to let the producer's partitioner choose. */
  readonly kafkaPartition: number | null;
  /** Schema of `key`, or null when it has none. */
  readonly keySchema: Schema | null;
  /** The record's key. */
  readonly key: unknown;
  /** Schema of `value`, or null when it has none. */
  readonly valueSchema: Schema | null;
  /** The record's value; null with a null schema is a tombstone. */
  readonly value: unknown;
  /** Milliseconds since the epoch, or null for "now" when produced. */
  readonly timestamp: number | null;
  /** The record's headers, in order. */
  readonly headers: readonly Header[];
}

/**
 * A primitive value allowed in source partitions and offsets (Kafka Connect
 * allows only primitives there, so they serialise to JSON losslessly).
 *
 * @example
 * ```ts
 * import type { OffsetValue } from "./record.ts";
 * const position: OffsetValue = 30;
 * ```
 */
export type OffsetValue = string | number | boolean | null;

/**
 * A source partition or source offset map.
 *
 * @example
 * ```ts
 * import type { OffsetMap } from "./record.ts";
 * const partition: OffsetMap = { filename: "/tmp/in.txt" };
 * const offset: OffsetMap = { position: 30 };
 * ```
 */
export type OffsetMap = Readonly<Record<string, OffsetValue>>;

/**
 * A record produced by a `SourceTask`.
 *
 * @example
 * ```ts
 * import type { SourceRecord } from "./record.ts";
 * import { Schemas } from "./schema_builder.ts";
 * const line: SourceRecord = {
 *   sourcePartition: { filename: "in.txt" },
 *   sourceOffset: { position: 4 },
 *   topic: "lines",
 *   kafkaPartition: null,
 *   keySchema: null,
 *   key: null,
 *   valueSchema: Schemas.STRING,
 *   value: "foo",
 *   timestamp: null,
 *   headers: [],
 * };
 * ```
 */
export interface SourceRecord extends ConnectRecord {
  /** Where in the source this record came from, e.g. `{filename}`. */
  readonly sourcePartition: OffsetMap;
  /** The position to resume after this record, e.g. `{position}`. */
  readonly sourceOffset: OffsetMap;
}

/**
 * How a sink record's timestamp was set.
 *
 * @example
 * ```ts
 * import type { TimestampType } from "./record.ts";
 * const type: TimestampType = "CreateTime";
 * ```
 */
export type TimestampType = "NoTimestampType" | "CreateTime" | "LogAppendTime";

/**
 * A record handed to a `SinkTask`, with its place in Kafka.
 *
 * @example
 * ```ts
 * import type { SinkRecord } from "./record.ts";
 * import { Schemas } from "./schema_builder.ts";
 * const record: SinkRecord = {
 *   topic: "lines",
 *   kafkaPartition: 0,
 *   kafkaOffset: 42n,
 *   keySchema: null,
 *   key: null,
 *   valueSchema: Schemas.OPTIONAL_STRING,
 *   value: "foo",
 *   timestamp: 1700000000000,
 *   timestampType: "CreateTime",
 *   headers: [],
 * };
 * ```
 */
export interface SinkRecord extends ConnectRecord {
  /** The Kafka partition the record was read from. */
  readonly kafkaPartition: number;
  /** Offset of the record in its partition. */
  readonly kafkaOffset: bigint;
  /** How `timestamp` was set. */
  readonly timestampType: TimestampType;
}
