import assert from "node:assert/strict";
import { ConfigDef } from "./config_def.ts";
import { Connector } from "./connector.ts";
import { SinkConnector } from "./sink_connector.ts";
import { SinkTask } from "./sink_task.ts";

class T extends SinkTask {
  version() {
    return "1";
  }
  start() {}
  put() {}
  stop() {}
}

class S extends SinkConnector {
  version() {
    return "1";
  }
  config() {
    return new ConfigDef();
  }
  start() {}
  taskClass() {
    return T;
  }
  taskConfigs(maxTasks: number) {
    return Array.from({ length: maxTasks }, () => ({}));
  }
  stop() {}
}

Deno.test("a sink connector is a Connector of type sink", () => {
  const s = new S();
  assert.ok(s instanceof Connector);
  assert.equal(s.type, "sink");
  assert.equal(s.taskConfigs(2).length, 2);
});

Deno.test("alterOffsets defaults to false (not checked)", async () => {
  assert.equal(await new S().alterOffsets({}, [{ topic: "t", partition: 0, offset: 1n }]), false);
});
