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

/** One record header: a key and a schema'd value. Keys may repeat. */
export interface Header {
  readonly key: string;
  readonly schema: Schema | null;
  readonly value: unknown;
}

/** What source and sink records share (Kafka Connect's `ConnectRecord`). */
export interface ConnectRecord {
  /** Topic the record goes to (source) or came from (sink). */
  readonly topic: string;
  /** Kafka partition, or null to let the producer's partitioner choose. */
  readonly kafkaPartition: number | null;
  readonly keySchema: Schema | null;
  readonly key: unknown;
  readonly valueSchema: Schema | null;
  readonly value: unknown;
  /** Milliseconds since the epoch, or null for "now" when produced. */
  readonly timestamp: number | null;
  readonly headers: readonly Header[];
}

/**
 * A primitive value allowed in source partitions and offsets (Kafka Connect
 * allows only primitives there, so they serialise to JSON losslessly).
 */
export type OffsetValue = string | number | boolean | null;

/** A source partition or source offset map. */
export type OffsetMap = Readonly<Record<string, OffsetValue>>;

/** A record produced by a `SourceTask`. */
export interface SourceRecord extends ConnectRecord {
  /** Where in the source this record came from, e.g. `{filename}`. */
  readonly sourcePartition: OffsetMap;
  /** The position to resume after this record, e.g. `{position}`. */
  readonly sourceOffset: OffsetMap;
}

/** How a sink record's timestamp was set. */
export type TimestampType = "NoTimestampType" | "CreateTime" | "LogAppendTime";

/** A record handed to a `SinkTask`, with its place in Kafka. */
export interface SinkRecord extends ConnectRecord {
  readonly kafkaPartition: number;
  /** Offset of the record in its partition. */
  readonly kafkaOffset: bigint;
  readonly timestampType: TimestampType;
}
