import assert from "node:assert/strict";
import { summarize } from "./metrics.ts";

Deno.test("summarize: medians, ratios and wins for a higher-is-better row", () => {
  const s = summarize({
    id: "src",
    label: "source",
    unit: "records/s",
    better: "higher",
    samples: { tributary: [400, 420, 410], kafka_connect: [200, 210, 190], kcat: [900, 1000, 800] },
  });
  assert.deepEqual(s.medians, { tributary: 410, kafka_connect: 200, kcat: 900 });
  assert.equal(s.ratios.kafka_connect, 2.05);
  assert.equal(s.ratios.kcat, 410 / 900);
  assert.deepEqual(s.wins, { kafka_connect: true, kcat: false });
  assert.equal(s.runs, 3);
});

Deno.test("summarize: lower is better, missing peers and runs", () => {
  const s = summarize({
    id: "lat",
    label: "p99",
    unit: "ms",
    better: "lower",
    samples: { tributary: [5, 7], kafka_connect: [900, 1000, 950] },
  });
  assert.equal(s.medians.tributary, 6);
  assert.equal(s.wins.kafka_connect, true);
  assert.equal(s.ratios.kcat, undefined);
  assert.equal(s.runs, 2);
});

Deno.test("summarize: equal figures are not a win; no Tributary means no ratio", () => {
  const tie = summarize({
    id: "t",
    label: "t",
    unit: "ms",
    better: "lower",
    samples: { tributary: [1], kafka_connect: [1] },
  });
  assert.equal(tie.wins.kafka_connect, false);
  const none = summarize({
    id: "n",
    label: "n",
    unit: "ms",
    better: "lower",
    samples: { kafka_connect: [1] },
  });
  assert.deepEqual(none.ratios, {});
  assert.equal(none.runs, 1);
});
