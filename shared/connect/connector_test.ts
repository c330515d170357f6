import assert from "node:assert/strict";
import { ConfigDef } from "./config_def.ts";
import type { Connector, ConnectorClass } from "./connector.ts";
import { ConnectError } from "./errors.ts";
import type { SourceRecord } from "./record.ts";
import { SourceConnector } from "./source_connector.ts";
import { SourceTask } from "./source_task.ts";
import { MemoryConnectorContext } from "./test_contexts.ts";
import { fileInAllowedDirs } from "./validators.ts";

class NullTask extends SourceTask {
  version() {
    return "1.0";
  }
  start() {}
  poll(): Promise<SourceRecord[] | null> {
    return Promise.resolve(null);
  }
  stop() {}
}

const DEF = new ConfigDef()
  .define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" })
  .define({
    name: "file",
    type: "STRING",
    default: null,
    importance: "HIGH",
    documentation: "File",
    validator: fileInAllowedDirs(),
  });

class TestConnector extends SourceConnector {
  version() {
    return "1.0";
  }
  config() {
    return DEF;
  }
  start() {}
  taskClass() {
    return NullTask;
  }
  taskConfigs() {
    return [{}];
  }
  stop() {}
  reconfigure() {
    this.context.requestTaskReconfiguration();
  }
}

Deno.test("validate defaults to the ConfigDef's validation, every error at once", () => {
  const results = new TestConnector().validate({ file: "/etc/passwd" });
  assert.deepEqual(results.flatMap((r) => r.errorMessages), [
    'Missing required configuration "topic" which has no default value.',
    "Invalid value /etc/passwd for configuration file: file access is not allowed: the worker allows no directory",
  ]);
});

Deno.test("validate uses the given environment, else the context's", () => {
  const connector = new TestConnector();
  const props = { topic: "t", file: "/srv/data/in.txt" };
  assert.deepEqual(
    connector.validate(props, { allowedFileDirs: ["/srv/data"] }).flatMap((r) => r.errorMessages),
    [],
  );
  connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/srv/data"] }));
  assert.deepEqual(connector.validate(props).flatMap((r) => r.errorMessages), []);
});

Deno.test("the context is available after initialize, and an error before", () => {
  const connector = new TestConnector();
  assert.throws(() => connector.reconfigure(), (err: unknown) =>
    err instanceof ConnectError &&
    err.message === "Cannot use the connector context: initialize() has not been called");
  const context = new MemoryConnectorContext();
  connector.initialize(context);
  connector.reconfigure();
  assert.equal(context.reconfigurationRequests, 1);
});

Deno.test("ConnectorClass accepts concrete connector classes", () => {
  const cls: ConnectorClass = TestConnector;
  const connector: Connector = new cls();
  assert.equal(connector.type, "source");
});
