/**
 * What every bench run needs: the broker, an admin client, the temporary
 * directory, kcat, unique names, and bookkeeping of what to clean up.
 *
 * @example
 * ```ts ignore
 * import type { BenchContext } from "./bench_context.ts";
 * function topicFor(ctx: BenchContext) { return ctx.name("source"); }
 * ```
 * @module
 */
import type { KafkaAdmin } from "../shared/kafka/mod.ts";

/**
 * Shared state of one bench run.
 *
 * @example
 * ```ts ignore
 * import type { BenchContext } from "./bench_context.ts";
 * async function newTopic(ctx: BenchContext) {
 *   const topic = ctx.name("t");
 *   await ctx.admin.createTopic({ name: topic, partitions: 1, replicationFactor: 1 });
 *   return topic;
 * }
 * ```
 */
export interface BenchContext {
  readonly bootstrap: string;
  readonly admin: KafkaAdmin;
  /** Temporary directory of this bench (removed at the end). */
  readonly dir: string;
  /** Unique id of this bench run, part of every name it creates. */
  readonly id: string;
  readonly kcat: string;
  /** A new unique name `bench-<id>-<prefix>-<n>`. */
  name(prefix: string): string;
  /** Progress output. */
  log(message: string): void;
}

/**
 * The topic settings of every bench topic: one partition (one task),
 * replication 1, broker defaults otherwise. Same for every system.
 *
 * @example
 * ```ts
 * import { BENCH_TOPIC } from "./bench_context.ts";
 * console.log(BENCH_TOPIC.partitions); // 1
 * ```
 */
export const BENCH_TOPIC = { partitions: 1, replicationFactor: 1 } as const;

/**
 * Creates a bench topic and returns its name.
 *
 * @example
 * ```ts ignore
 * import { createBenchTopic } from "./bench_context.ts";
 * const topic = await createBenchTopic(ctx, "source");
 * ```
 */
export async function createBenchTopic(ctx: BenchContext, prefix: string): Promise<string> {
  const name = ctx.name(prefix);
  await ctx.admin.createTopic({ name, ...BENCH_TOPIC });
  return name;
}

/**
 * Deletes bench topics, logging (not throwing) a failure.
 *
 * @example
 * ```ts ignore
 * import { deleteBenchTopics } from "./bench_context.ts";
 * await deleteBenchTopics(ctx, ["bench-x-source-1"]);
 * ```
 */
export async function deleteBenchTopics(ctx: BenchContext, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  try {
    await ctx.admin.deleteTopics(topics);
  } catch (err) {
    ctx.log(`warning: cannot delete topics ${topics.join(", ")}: ${(err as Error).message}`);
  }
}
