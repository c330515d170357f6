import assert from "node:assert/strict";
import { parseBenchOptions } from "./bench_options.ts";

Deno.test("defaults are the full run", () => {
  const o = parseBenchOptions([], {});
  assert.equal(o.quick, false);
  assert.equal(o.runs, 3);
  assert.equal(o.lines, 1_000_000);
  assert.equal(o.largeLines, 1_000_000);
  assert.equal(o.latencySeconds, 30);
  assert.equal(o.latencyRate, 1000);
  assert.deepEqual([...o.parts], ["source", "sink", "latency", "startup", "failover"]);
  assert.deepEqual([...o.skip], []);
  assert.equal(o.out, undefined);
});

Deno.test("--quick and BENCH_QUICK shorten the run", () => {
  for (
    const o of [parseBenchOptions(["--quick"], {}), parseBenchOptions([], { BENCH_QUICK: "1" })]
  ) {
    assert.equal(o.quick, true);
    assert.equal(o.runs, 1);
    assert.equal(o.lines, 100_000);
    assert.equal(o.latencySeconds, 5);
  }
  assert.equal(parseBenchOptions([], { BENCH_QUICK: "0" }).quick, false);
});

Deno.test("flags win over the environment", () => {
  const o = parseBenchOptions(["--runs=5", "--lines", "1_000", "--only", "source,latency"], {
    BENCH_RUNS: "2",
    BENCH_SKIP: "kcat",
    BENCH_OUT: "/tmp/x.json",
  });
  assert.equal(o.runs, 5);
  assert.equal(o.lines, 1000);
  assert.deepEqual([...o.parts], ["source", "latency"]);
  assert.deepEqual([...o.skip], ["kcat"]);
  assert.equal(o.out, "/tmp/x.json");
});

Deno.test("bad options are refused", () => {
  assert.throws(() => parseBenchOptions(["--colour", "red"], {}), /unknown flag --colour/);
  assert.throws(() => parseBenchOptions(["--runs", "0"], {}), /--runs must be an integer/);
  assert.throws(() => parseBenchOptions(["--runs"], {}), /--runs needs a value/);
  assert.throws(() => parseBenchOptions(["--only", "speed"], {}), /--only takes source/);
  assert.throws(() => parseBenchOptions(["fast"], {}), /unexpected argument "fast"/);
});
