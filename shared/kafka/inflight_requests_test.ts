import assert from "node:assert/strict";
import { allowInFlightRequests } from "./inflight_requests.ts";
import { plt } from "./platformatic_loader.ts";

Deno.test("allowInFlightRequests raises the library producer's limit", async () => {
  const lib = new plt.Producer({
    clientId: "p",
    bootstrapBrokers: ["127.0.0.1:9"],
    idempotent: true,
  });
  try {
    const key = Object.getOwnPropertySymbols(lib).find((s) =>
      s.description === "plt.kafka.base.options"
    )!;
    const options = (lib as unknown as Record<symbol, { maxInflights: number }>)[key];
    assert.equal(options.maxInflights, 1);
    assert.equal(allowInFlightRequests(lib, 5), true);
    assert.equal(options.maxInflights, 5);
  } finally {
    await lib.close();
  }
});

Deno.test("allowInFlightRequests checks its bound and leaves others alone", () => {
  assert.throws(() => allowInFlightRequests({}, 6), /from 1 to 5, got 6/);
  assert.throws(() => allowInFlightRequests({}, 0), /from 1 to 5/);
  assert.equal(allowInFlightRequests({}, 1), true);
  assert.equal(allowInFlightRequests({}, 3), false);
});
