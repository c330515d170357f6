import assert from "node:assert/strict";
import { ConfigDef } from "../connect/config_def.ts";
import { SourceConnector } from "../connect/source_connector.ts";
import { SourceTask } from "../connect/source_task.ts";
import { ConnectorRunner } from "./connector_runner.ts";
import type { State } from "./herder.ts";
import { createLogger } from "./log.ts";

class Task extends SourceTask {
  version() {
    return "1";
  }
  start() {}
  poll() {
    return Promise.resolve(null);
  }
  stop() {}
}

class Splitter extends SourceConnector {
  files: string[] = [];
  stopped = false;
  failStart = false;
  version() {
    return "1";
  }
  config() {
    return new ConfigDef();
  }
  start(props: Record<string, string>) {
    if (this.failStart) throw new Error("bad start");
    this.files = props.files.split(",");
  }
  taskClass() {
    return Task;
  }
  taskConfigs(maxTasks: number) {
    return this.files.slice(0, Math.max(maxTasks, this.files.length)).map((f) => ({ file: f }));
  }
  stop() {
    this.stopped = true;
  }
  grow(file: string) {
    this.files.push(file);
    this.context.requestTaskReconfiguration();
  }
}

function run(connector: Splitter, config: Record<string, string>) {
  const published: Record<string, string>[][] = [];
  const states: [State, string?][] = [];
  const runner = new ConnectorRunner({
    name: "c",
    connector,
    config,
    env: { allowedFileDirs: [] },
    onTaskConfigs: (configs) => {
      published.push(configs);
      return Promise.resolve();
    },
    onState: (s, trace) => states.push([s, trace]),
    log: createLogger("t", { level: "error", sink: () => {} }),
  });
  return { runner, published, states };
}

Deno.test("a started connector publishes its task configs and regenerates them on request", async () => {
  const connector = new Splitter();
  const { runner, published, states } = run(connector, { files: "a,b", "tasks.max": "3" });
  await runner.start();
  assert.deepEqual(states.map(([s]) => s), ["RUNNING"]);
  assert.deepEqual(published, [[{ file: "a" }, { file: "b" }]]);
  connector.grow("c");
  await runner.regenerateTasks();
  assert.deepEqual(published.at(-1), [{ file: "a" }, { file: "b" }, { file: "c" }]);
  await runner.stop();
  assert.equal(connector.stopped, true);
});

Deno.test("more task configs than tasks.max fail the connector (tasks.max.enforce)", async () => {
  const connector = new Splitter();
  const { runner, published, states } = run(connector, { files: "a,b,c", "tasks.max": "2" });
  await runner.start();
  assert.deepEqual(published, []);
  assert.equal(states.at(-1)?.[0], "FAILED");
  assert.match(states.at(-1)?.[1] ?? "", /returned 3, more than tasks.max=2/);
  assert.equal(runner.failed, true);
  await runner.stop();
});

Deno.test("a connector whose start throws is FAILED with its trace and is not stopped", async () => {
  const connector = new Splitter();
  connector.failStart = true;
  const { runner, states } = run(connector, { files: "a" });
  await runner.start();
  assert.equal(states[0][0], "FAILED");
  assert.match(states[0][1] ?? "", /bad start/);
  await runner.stop();
  assert.equal(connector.stopped, false);
});
