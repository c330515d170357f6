/**
 * Pure helpers of group subscriptions: which topics a pattern selects, and
 * what a new assignment revokes and adds.
 *
 * @example
 * ```ts
 * import { diffAssignments } from "./subscription.ts";
 * const d = diffAssignments([{ topic: "t", partition: 0 }], [{ topic: "t", partition: 1 }]);
 * console.log(d.revoked, d.assigned); // [{ topic: "t", partition: 0 }] [{ topic: "t", partition: 1 }]
 * ```
 * @module
 */
import type { TopicPartition } from "./types.ts";

/**
 * Topics whose whole name matches the pattern (Java's `Pattern.matches`
 * semantics), sorted; internal topics (`__` prefix) never match.
 *
 * @example
 * ```ts
 * import { matchTopics } from "./subscription.ts";
 * console.log(matchTopics(["orders-1", "orders-1-dlq", "__consumer_offsets"], /orders-\d+/)); // ["orders-1"]
 * ```
 */
export function matchTopics(topics: readonly string[], pattern: RegExp): string[] {
  const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ""));
  return topics.filter((topic) => !topic.startsWith("__") && whole.test(topic)).sort();
}

/**
 * What moving from `current` to `next` revokes and assigns.
 *
 * @example
 * ```ts
 * import { diffAssignments } from "./subscription.ts";
 * const same = [{ topic: "t", partition: 0 }];
 * console.log(diffAssignments(same, same)); // { revoked: [], assigned: [] }
 * ```
 */
export function diffAssignments(
  current: readonly TopicPartition[],
  next: readonly TopicPartition[],
): { revoked: TopicPartition[]; assigned: TopicPartition[] } {
  const key = (tp: TopicPartition) => `${tp.topic}\u0000${tp.partition}`;
  const now = new Set(current.map(key));
  const then = new Set(next.map(key));
  return {
    revoked: current.filter((tp) => !then.has(key(tp))).map(({ topic, partition }) => ({
      topic,
      partition,
    })),
    assigned: next.filter((tp) => !now.has(key(tp))).map(({ topic, partition }) => ({
      topic,
      partition,
    })),
  };
}
