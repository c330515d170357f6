import assert from "node:assert/strict";
import { murmur2, partitionForKey } from "./murmur2.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

Deno.test("murmur2 matches the Java client's test vectors", () => {
  // From Kafka's UtilsTest.testMurmur2.
  const cases: [string, number][] = [
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ];
  for (const [input, expected] of cases) assert.equal(murmur2(bytes(input)), expected, input);
});

Deno.test("partitionForKey is toPositive(murmur2) % count", () => {
  assert.equal(partitionForKey(bytes("foobar"), 7), (-790332482 & 0x7fffffff) % 7);
  assert.equal(partitionForKey(bytes(""), 1), 0);
  for (let i = 0; i < 100; i++) {
    const p = partitionForKey(bytes(`k${i}`), 5);
    assert.ok(p >= 0 && p < 5);
  }
});
