import assert from "node:assert/strict";
import { ConfigDef } from "./config_def.ts";
import { Connector } from "./connector.ts";
import type { SourceRecord } from "./record.ts";
import { SourceConnector } from "./source_connector.ts";
import { SourceTask } from "./source_task.ts";

class T extends SourceTask {
  version() {
    return "1";
  }
  start() {}
  poll(): Promise<SourceRecord[] | null> {
    return Promise.resolve(null);
  }
  stop() {}
}

class S extends SourceConnector {
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
  taskConfigs() {
    return [{}];
  }
  stop() {}
}

Deno.test("a source connector is a Connector of type source", () => {
  const s = new S();
  assert.ok(s instanceof Connector);
  assert.equal(s.type, "source");
  assert.equal(
    Object.getOwnPropertyDescriptor(SourceConnector.prototype, "type")?.get?.call(null),
    "source",
  );
});

Deno.test("optional hooks have Kafka's defaults", async () => {
  const s = new S();
  assert.equal(s.exactlyOnceSupport({}), null);
  assert.equal(await s.alterOffsets({}, [{ partition: { f: "a" }, offset: null }]), false);
});
