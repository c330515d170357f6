import assert from "node:assert/strict";
import { ConfigDef } from "../connect/config_def.ts";
import type { ConnectorClass } from "../connect/connector.ts";
import { delay } from "../connect/delay.ts";
import type { SinkRecord, SourceRecord } from "../connect/record.ts";
import { SinkConnector } from "../connect/sink_connector.ts";
import { SinkTask, type SinkTaskClass } from "../connect/sink_task.ts";
import { SourceConnector } from "../connect/source_connector.ts";
import { SourceTask, type SourceTaskClass } from "../connect/source_task.ts";
import { type TopicPartitionOffsets, topicPartitionOffsets } from "../connect/topic_partition.ts";
import {
  connectorConformanceCases,
  type ConnectorConformanceOptions,
  runConnectorConformance,
} from "./conformance.ts";

const TOPIC_DEF = new ConfigDef()
  .define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic to write to" })
  .define({ name: "rate", type: "INT", default: 1, importance: "LOW", documentation: "Per poll" });

class CountingTask extends SourceTask {
  #topic = "";
  #n = 0;
  version() {
    return "1.0";
  }
  start(props: Readonly<Record<string, string>>) {
    this.#topic = props.topic;
  }
  async poll(signal?: AbortSignal): Promise<SourceRecord[] | null> {
    if (this.#n >= 3) {
      await delay(1000, signal);
      return null;
    }
    const n = ++this.#n;
    return [{
      sourcePartition: { counter: "c" },
      sourceOffset: { n },
      topic: this.#topic,
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: null,
      value: n,
      timestamp: null,
      headers: [],
    }];
  }
  stop() {}
}

class CountingSourceConnector extends SourceConnector {
  static readonly className: string = "test.CountingSourceConnector";
  #props: Record<string, string> = {};
  version(): string {
    return "1.0";
  }
  config(): ConfigDef<Record<string, unknown>> {
    return TOPIC_DEF;
  }
  start(props: Readonly<Record<string, string>>) {
    TOPIC_DEF.parse(props);
    this.#props = { ...props };
  }
  taskClass(): SourceTaskClass {
    return CountingTask;
  }
  taskConfigs(maxTasks: number): Record<string, string>[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.#props }));
  }
  stop() {}
}

class MemorySinkTask extends SinkTask {
  static written: unknown[] = [];
  #buffer: unknown[] = [];
  version() {
    return "1.0";
  }
  start() {}
  put(records: readonly SinkRecord[]) {
    this.#buffer.push(...records.map((r) => r.value));
  }
  override flush() {
    MemorySinkTask.written.push(...this.#buffer);
    this.#buffer = [];
  }
  stop() {}
}

class MemorySinkConnector extends SinkConnector {
  static readonly className: string = "test.MemorySinkConnector";
  version(): string {
    return "1.0";
  }
  config(): ConfigDef<Record<string, unknown>> {
    return new ConfigDef();
  }
  start() {}
  taskClass(): SinkTaskClass {
    return MemorySinkTask;
  }
  taskConfigs(): Record<string, string>[] {
    return [{}];
  }
  stop() {}
}

// The suite passes on well-behaved connectors of both kinds.
runConnectorConformance({
  connectorClass: CountingSourceConnector,
  validConfig: { topic: "numbers" },
});
runConnectorConformance({ connectorClass: MemorySinkConnector, validConfig: { topics: "t" } });

async function failures(options: ConnectorConformanceOptions): Promise<string[]> {
  const failed: string[] = [];
  for (const c of connectorConformanceCases(options)) {
    try {
      await c.fn();
    } catch (err) {
      assert.ok(err instanceof Error, `${c.name}: ${err}`);
      failed.push(c.name.split(": ").slice(2).join(": "));
    }
  }
  return failed;
}

Deno.test("the suite names its cases after the connector class", () => {
  const names = connectorConformanceCases({
    connectorClass: MemorySinkConnector,
    validConfig: {},
  }).map((c) => c.name);
  assert.ok(names.every((n) => n.startsWith("conformance: test.MemorySinkConnector: ")));
  assert.ok(names.some((n) => n.endsWith("sink task open/put/flush/preCommit/close/stop")));
  const custom = connectorConformanceCases({
    connectorClass: MemorySinkConnector,
    validConfig: {},
    name: "mine",
  });
  assert.ok(custom.every((c) => c.name.startsWith("mine: ")));
});

Deno.test("the suite catches an empty version and undocumented keys", async () => {
  class Bad extends CountingSourceConnector {
    override version() {
      return " ";
    }
    override config() {
      return new ConfigDef().define({
        name: "x",
        type: "STRING",
        default: "",
        importance: "LOW",
        documentation: "",
      });
    }
  }
  assert.deepEqual(await failures({ connectorClass: Bad, validConfig: { topic: "t" } }), [
    "version() is a non-empty string",
    "config() is a ConfigDef with documented keys",
  ]);
});

Deno.test("the suite catches validate() hiding missing required keys", async () => {
  class Bad extends CountingSourceConnector {
    override validate() {
      return [];
    }
  }
  assert.deepEqual(await failures({ connectorClass: Bad, validConfig: { topic: "t" } }), [
    "validate({}) reports every required key at once",
  ]);
});

Deno.test("the suite catches a valid config that does not validate", async () => {
  assert.deepEqual(await failures({ connectorClass: CountingSourceConnector, validConfig: {} }), [
    "validate(validConfig) reports no errors",
    "taskConfigs(n) returns 1..n string maps",
    "start/stop lifecycle, restartable",
    "poll() with an aborted signal returns promptly",
    "poll() returns promptly when its signal aborts, with well-formed records",
  ]);
});

Deno.test("the suite catches too many or too few task configs", async () => {
  class TooMany extends CountingSourceConnector {
    override taskConfigs(maxTasks: number) {
      return super.taskConfigs(maxTasks + 1);
    }
  }
  class None extends CountingSourceConnector {
    override taskConfigs() {
      return [];
    }
  }
  class NotStrings extends CountingSourceConnector {
    override taskConfigs() {
      return [{ n: 1 } as unknown as Record<string, string>];
    }
  }
  assert.deepEqual(await failures({ connectorClass: TooMany, validConfig: { topic: "t" } }), [
    "taskConfigs(n) returns 1..n string maps",
  ]);
  // Without a usable task config, the task checks fail too.
  for (const cls of [None, NotStrings]) {
    assert.deepEqual(await failures({ connectorClass: cls, validConfig: { topic: "t" } }), [
      "taskConfigs(n) returns 1..n string maps",
      "poll() with an aborted signal returns promptly",
      "poll() returns promptly when its signal aborts, with well-formed records",
    ], cls.name);
  }
});

Deno.test("the suite catches a poll that ignores its signal", async () => {
  class SlowTask extends CountingTask {
    override async poll() {
      await delay(800);
      return null;
    }
  }
  class Slow extends CountingSourceConnector {
    override taskClass() {
      return SlowTask;
    }
  }
  const failed = await failures({
    connectorClass: Slow,
    validConfig: { topic: "t" },
    promptMs: 100,
  });
  assert.deepEqual(failed, [
    "poll() with an aborted signal returns promptly",
    "poll() returns promptly when its signal aborts, with well-formed records",
  ]);
  await delay(900); // let the abandoned polls finish
});

Deno.test("the suite catches malformed source records", async () => {
  class BadRecordTask extends CountingTask {
    override poll(): Promise<SourceRecord[] | null> {
      return Promise.resolve([{
        sourcePartition: { nested: { no: 1 } } as unknown as SourceRecord["sourcePartition"],
        sourceOffset: {},
        topic: "",
        kafkaPartition: null,
        keySchema: null,
        key: null,
        valueSchema: null,
        value: 1,
        timestamp: null,
        headers: [],
      }]);
    }
  }
  class Bad extends CountingSourceConnector {
    override taskClass() {
      return BadRecordTask;
    }
  }
  assert.deepEqual(await failures({ connectorClass: Bad, validConfig: { topic: "t" } }), [
    "poll() with an aborted signal returns promptly",
    "poll() returns promptly when its signal aborts, with well-formed records",
  ]);
});

Deno.test("the suite catches a sink preCommit that runs ahead", async () => {
  class AheadTask extends MemorySinkTask {
    override preCommit(current: TopicPartitionOffsets) {
      return Promise.resolve(topicPartitionOffsets(
        [...current.values()].map((o) => ({ ...o, offset: o.offset + 1n })),
      ));
    }
  }
  class Ahead extends MemorySinkConnector {
    override taskClass() {
      return AheadTask;
    }
  }
  assert.deepEqual(await failures({ connectorClass: Ahead, validConfig: {} }), [
    "sink task open/put/flush/preCommit/close/stop",
  ]);
});

Deno.test("the suite uses a fresh fixture per case and cleans it up", async () => {
  let made = 0;
  let cleaned = 0;
  const cls: ConnectorClass = MemorySinkConnector;
  assert.deepEqual(
    await failures({
      connectorClass: cls,
      fixture: () => {
        made++;
        return { config: {}, cleanup: () => void cleaned++ };
      },
      sinkRecords: () => [],
    }),
    [],
  );
  assert.ok(made > 0);
  assert.equal(made, cleaned);
});
