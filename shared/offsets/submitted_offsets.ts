/**
 * Tracks source offsets between `poll` and the broker's acknowledgement, so
 * an offset becomes committable only once its record and every earlier
 * record of the same source partition is acknowledged (Kafka Connect's
 * `SubmittedRecords`). Tracking is per batch, not per record: a poll's
 * records are sent together and acknowledged together, so each batch keeps
 * only the last offset of each source partition it touched.
 *
 * @example
 * ```ts
 * import { SubmittedOffsets } from "./submitted_offsets.ts";
 * const tracker = new SubmittedOffsets();
 * const first = tracker.submit([{ sourcePartition: { f: "a" }, sourceOffset: { position: 4 } }]);
 * const second = tracker.submit([{ sourcePartition: { f: "a" }, sourceOffset: { position: 8 } }]);
 * second.ack();
 * console.log(tracker.takeCommittable().size); // 0: the first batch is not acknowledged yet
 * first.ack();
 * console.log([...tracker.takeCommittable().values()][0].offset); // { position: 8 }
 * ```
 * @module
 */
import type { OffsetMap } from "../connect/record.ts";

/** What the tracker needs of a source record. */
export interface OffsetSource {
  readonly sourcePartition: OffsetMap;
  readonly sourceOffset: OffsetMap;
}

/** A partition and the offset to store for it. */
export interface PartitionOffset {
  readonly partition: OffsetMap;
  readonly offset: OffsetMap;
}

/** A submitted batch: acknowledge it once the broker has every record. */
export interface SubmittedBatch {
  /** Marks every record of the batch acknowledged. */
  ack(): void;
}

interface Entry {
  offset: OffsetMap;
  acked: boolean;
}

interface PartitionQueue {
  partition: OffsetMap;
  entries: Entry[];
  head: number;
}

/**
 * The key identifying a source partition: its JSON with keys sorted, so
 * equal maps share a key whatever their key order.
 *
 * @example
 * ```ts
 * import { partitionKey } from "./submitted_offsets.ts";
 * console.log(partitionKey({ b: 1, a: "x" })); // '{"a":"x","b":1}'
 * ```
 */
export function partitionKey(partition: OffsetMap): string {
  const keys = Object.keys(partition);
  if (keys.length <= 1) return JSON.stringify(partition);
  keys.sort();
  return JSON.stringify(partition, keys);
}

/** Per-batch offset tracking; see the module doc. */
export class SubmittedOffsets {
  #queues = new Map<string, PartitionQueue>();
  #pending = 0;
  #lastPartition: OffsetMap | null = null;
  #lastKey = "";
  #waiters: (() => void)[] = [];

  /** Number of submitted batches not yet acknowledged. */
  get pending(): number {
    return this.#pending;
  }

  #keyOf(partition: OffsetMap): string {
    // Tasks usually reuse one partition object: skip re-serialising it.
    if (partition !== this.#lastPartition) {
      this.#lastPartition = partition;
      this.#lastKey = partitionKey(partition);
    }
    return this.#lastKey;
  }

  /**
   * Registers a batch, in the order it is sent. Records of one partition
   * must be submitted in the order the task returned them.
   */
  submit(records: readonly OffsetSource[]): SubmittedBatch {
    const last = new Map<string, Entry>();
    for (const record of records) {
      const key = this.#keyOf(record.sourcePartition);
      const entry = last.get(key);
      if (entry) {
        entry.offset = record.sourceOffset;
        continue;
      }
      const fresh: Entry = { offset: record.sourceOffset, acked: false };
      last.set(key, fresh);
      let queue = this.#queues.get(key);
      if (!queue) {
        queue = { partition: record.sourcePartition, entries: [], head: 0 };
        this.#queues.set(key, queue);
      }
      queue.entries.push(fresh);
    }
    this.#pending++;
    let acked = false;
    return {
      ack: () => {
        if (acked) return;
        acked = true;
        for (const entry of last.values()) entry.acked = true;
        this.#pending--;
        if (this.#pending === 0) {
          for (const wake of this.#waiters.splice(0)) wake();
        }
      },
    };
  }

  /**
   * Removes the acknowledged prefix of every partition and returns, per
   * partition key, the newest offset in it: what may be committed now.
   */
  takeCommittable(): Map<string, PartitionOffset> {
    const out = new Map<string, PartitionOffset>();
    for (const [key, queue] of this.#queues) {
      let newest: OffsetMap | null = null;
      while (queue.head < queue.entries.length && queue.entries[queue.head].acked) {
        newest = queue.entries[queue.head].offset;
        queue.head++;
      }
      if (newest !== null) out.set(key, { partition: queue.partition, offset: newest });
      if (queue.head === queue.entries.length) {
        this.#queues.delete(key);
      } else if (queue.head > 1024 && queue.head * 2 > queue.entries.length) {
        queue.entries = queue.entries.slice(queue.head);
        queue.head = 0;
      }
    }
    return out;
  }

  /** Resolves true once every submitted batch is acknowledged, false on timeout. */
  awaitAllAcked(timeoutMs: number): Promise<boolean> {
    if (this.#pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      this.#waiters.push(wake);
    });
  }
}
