import assert from "node:assert/strict";
import { rotatedOrder } from "./run_order.ts";

Deno.test("rotatedOrder puts every system in every position over as many repetitions", () => {
  const systems = ["tributary", "kafka_connect", "kcat"];
  const orders = [1, 2, 3].map((rep) => rotatedOrder(systems, rep));
  assert.deepEqual(orders, [
    ["tributary", "kafka_connect", "kcat"],
    ["kafka_connect", "kcat", "tributary"],
    ["kcat", "tributary", "kafka_connect"],
  ]);
  for (let position = 0; position < 3; position++) {
    assert.deepEqual(new Set(orders.map((o) => o[position])), new Set(systems));
  }
  assert.deepEqual(rotatedOrder(systems, 4), orders[0]);
  assert.deepEqual(rotatedOrder([], 2), []);
});
