import assert from "node:assert/strict";
import { diffAssignments, matchTopics } from "./subscription.ts";

Deno.test("matchTopics matches whole names and skips internal topics", () => {
  assert.deepEqual(matchTopics(["b-1", "a-1", "a-1x", "__a-1", "xa-1"], /a-\d/), ["a-1"]);
  assert.deepEqual(matchTopics(["A-1", "a-2"], /a-\d/i), ["A-1", "a-2"]);
  assert.deepEqual(matchTopics(["x", "y"], /x|y/g), ["x", "y"]);
});

Deno.test("diffAssignments reports revoked and newly assigned partitions", () => {
  const tp = (topic: string, partition: number) => ({ topic, partition });
  assert.deepEqual(diffAssignments([tp("t", 0), tp("t", 1)], [tp("t", 1), tp("u", 0)]), {
    revoked: [tp("t", 0)],
    assigned: [tp("u", 0)],
  });
});
