import assert from "node:assert/strict";
import { toFetcherConfig } from "./fetch_config.ts";
import { plt } from "./platformatic_loader.ts";
import { type LibConsumer, PartitionFetcher, tpKey } from "./platformatic_fetcher.ts";

Deno.test("tpKey separates topic and partition unambiguously", () => {
  assert.notEqual(tpKey({ topic: "t1", partition: 1 }), tpKey({ topic: "t", partition: 11 }));
});

Deno.test("positions, seek, pause and resume without a broker", async () => {
  const options = { bootstrapServers: ["127.0.0.1:9"], clientId: "f" };
  const lib: LibConsumer = new plt.Consumer({
    ...options,
    bootstrapBrokers: options.bootstrapServers,
    groupId: "g",
  });
  const fetcher = new PartitionFetcher(lib, toFetcherConfig(options, "earliest"));
  try {
    const a = { topic: "t", partition: 0 };
    const b = { topic: "t", partition: 1 };
    await fetcher.assign([{ ...a, offset: 5n }, { ...b, offset: 0n }]);
    assert.deepEqual(fetcher.assignment(), [a, b]);
    assert.equal(fetcher.position(a), 5n);
    fetcher.seek(a, 9n);
    assert.equal(fetcher.position(a), 9n);
    assert.throws(() => fetcher.seek({ topic: "u", partition: 0 }, 1n), /not assigned/);
    assert.throws(() => fetcher.seek(a, -1n), /negative/);
    fetcher.pause([a, b]);
    assert.deepEqual(fetcher.paused(), [a, b]);
    assert.deepEqual(await fetcher.poll(10), []);
    fetcher.resume([a]);
    assert.deepEqual(fetcher.paused(), [b]);
    fetcher.remove([a]);
    assert.deepEqual(fetcher.assignment(), [b]);
  } finally {
    await fetcher.close();
    await lib.close(true);
  }
  assert.deepEqual(await fetcher.poll(10), []);
});
