import assert from "node:assert/strict";
import { ConfigDef } from "../connect/config_def.ts";
import { ConnectError } from "../connect/errors.ts";
import type { SinkRecord, SourceRecord } from "../connect/record.ts";
import { SinkConnector } from "../connect/sink_connector.ts";
import { SinkTask } from "../connect/sink_task.ts";
import { SourceConnector } from "../connect/source_connector.ts";
import { SourceTask } from "../connect/source_task.ts";
import { createLogger } from "./log.ts";
import {
  AmbiguousPluginError,
  connectorTypeOf,
  discoverPluginModules,
  isConnectorClass,
  PluginRegistry,
  UnknownPluginError,
} from "./plugins.ts";

class NullSourceTask extends SourceTask {
  version() {
    return "1";
  }
  start() {}
  poll(): Promise<SourceRecord[] | null> {
    return Promise.resolve(null);
  }
  stop() {}
}

class NullSinkTask extends SinkTask {
  version() {
    return "1";
  }
  start() {}
  put(_records: readonly SinkRecord[]) {}
  stop() {}
}

class FileStreamSourceConnector extends SourceConnector {
  static readonly className: string = "org.apache.kafka.connect.file.FileStreamSourceConnector";
  version() {
    return "3.9.0";
  }
  config() {
    return new ConfigDef();
  }
  start() {}
  taskClass() {
    return NullSourceTask;
  }
  taskConfigs() {
    return [{}];
  }
  stop() {}
}

class FileStreamSinkConnector extends SinkConnector {
  static readonly className: string = "org.apache.kafka.connect.file.FileStreamSinkConnector";
  version() {
    return "3.9.0";
  }
  config() {
    return new ConfigDef();
  }
  start() {}
  taskClass() {
    return NullSinkTask;
  }
  taskConfigs() {
    return [{}];
  }
  stop() {}
}

/** Same simple name as another plugin's, to make an alias ambiguous. */
class OtherFileStreamSinkConnector extends FileStreamSinkConnector {
  static override readonly className = "com.other.FileStreamSinkConnector";
}

/** No className: known by its JavaScript name. */
class PlainSource extends FileStreamSourceConnector {
  static override readonly className = "";
}

const SDK_URL = new URL("../connect/mod.ts", import.meta.url).href;

function silentLogger(lines: string[] = []) {
  return createLogger("plugins", { sink: (l) => lines.push(l) });
}

async function withPluginDir(
  files: Record<string, string>,
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "tributary-plugins-" }));
  try {
    for (const [name, text] of Object.entries(files)) {
      const file = `${dir}/${name}`;
      await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
      await Deno.writeTextFile(file, text);
    }
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const sourcePlugin = (className: string, sdk = SDK_URL) => `
import { ConfigDef, SourceConnector, SourceTask } from ${JSON.stringify(sdk)};
class Task extends SourceTask {
  version() { return "2.0"; }
  start() {}
  poll() { return Promise.resolve(null); }
  stop() {}
}
export class ${className.split(".").pop()} extends SourceConnector {
  static className = ${JSON.stringify(className)};
  version() { return "2.0"; }
  config() { return new ConfigDef(); }
  start() {}
  taskClass() { return Task; }
  taskConfigs() { return [{}]; }
  stop() {}
}
export const notAClass = 42;
export function helper() {}
`;

Deno.test("list() reports class, type and version, sorted by class", () => {
  const registry = new PluginRegistry([FileStreamSourceConnector, FileStreamSinkConnector]);
  assert.deepEqual(registry.list(), [
    {
      class: "org.apache.kafka.connect.file.FileStreamSinkConnector",
      type: "sink",
      version: "3.9.0",
    },
    {
      class: "org.apache.kafka.connect.file.FileStreamSourceConnector",
      type: "source",
      version: "3.9.0",
    },
  ]);
  assert.deepEqual(registry.failures, []);
});

Deno.test("resolve accepts the full name, the simple name and the name without Connector", () => {
  const registry = new PluginRegistry([FileStreamSourceConnector, FileStreamSinkConnector]);
  for (
    const name of [
      "org.apache.kafka.connect.file.FileStreamSourceConnector",
      "FileStreamSourceConnector",
      "FileStreamSource",
    ]
  ) {
    assert.equal(registry.resolve(name), FileStreamSourceConnector, name);
  }
  assert.equal(registry.resolve("FileStreamSink"), FileStreamSinkConnector);
  assert.equal(registry.info("FileStreamSink").type, "sink");
  const connector = registry.create("FileStreamSource");
  assert.ok(connector instanceof FileStreamSourceConnector);
});

Deno.test("a class without className is known by its JavaScript name", () => {
  const registry = new PluginRegistry([PlainSource]);
  assert.deepEqual(registry.list().map((p) => p.class), ["PlainSource"]);
  assert.equal(registry.resolve("PlainSource"), PlainSource);
});

Deno.test("unknown names fail listing what is known", () => {
  const registry = new PluginRegistry([FileStreamSourceConnector]);
  const err = thrown(() => registry.resolve("JdbcSource"));
  assert.ok(err instanceof UnknownPluginError);
  assert.ok(err instanceof ConnectError);
  assert.equal(
    err.message,
    "Cannot find connector plugin JdbcSource: known plugins are " +
      "org.apache.kafka.connect.file.FileStreamSourceConnector",
  );
  assert.deepEqual(err.known, ["org.apache.kafka.connect.file.FileStreamSourceConnector"]);
  assert.equal(
    (thrown(() => new PluginRegistry().resolve("X")) as Error).message,
    "Cannot find connector plugin X: no connector plugins are installed",
  );
  // Case matters, as in Kafka Connect.
  assert.ok(thrown(() => registry.resolve("filestreamsource")) instanceof UnknownPluginError);
});

Deno.test("ambiguous aliases fail listing the candidates; full names still work", () => {
  const registry = new PluginRegistry([FileStreamSinkConnector, OtherFileStreamSinkConnector]);
  for (const alias of ["FileStreamSink", "FileStreamSinkConnector"]) {
    const err = thrown(() => registry.resolve(alias));
    assert.ok(err instanceof AmbiguousPluginError);
    assert.deepEqual(err.candidates, [
      "com.other.FileStreamSinkConnector",
      "org.apache.kafka.connect.file.FileStreamSinkConnector",
    ]);
    assert.match(err.message, /^Cannot resolve connector plugin FileStreamSink/);
  }
  assert.equal(
    registry.resolve("com.other.FileStreamSinkConnector"),
    OtherFileStreamSinkConnector,
  );
});

Deno.test("names from requests are only looked up, never imported", async () => {
  await withPluginDir({ "evil.ts": "globalThis.__evilImported = true;" }, async (dir) => {
    const registry = new PluginRegistry([FileStreamSourceConnector]);
    for (const name of [`file://${dir}/evil.ts`, `${dir}/evil.ts`, "./evil.ts", "npm:left-pad"]) {
      assert.ok(thrown(() => registry.resolve(name)) instanceof UnknownPluginError);
    }
    await Promise.resolve();
    assert.equal((globalThis as Record<string, unknown>).__evilImported, undefined);
  });
});

Deno.test("bad built-ins are reported, not registered", () => {
  class Throws extends FileStreamSourceConnector {
    static override readonly className = "x.Throws";
    constructor() {
      super();
      throw new Error("no");
    }
  }
  class NoType {
    version() {
      return "1";
    }
    config() {}
    start() {}
    stop() {}
    taskClass() {}
    taskConfigs() {}
  }
  const registry = new PluginRegistry([Throws, NoType, class NotAConnector {}, 5]);
  assert.deepEqual(registry.list(), []);
  assert.deepEqual(registry.failures.map((f) => [f.path, f.error.message]), [
    ["builtin", "Cannot register connector plugin x.Throws: instantiating it failed: no"],
    [
      "builtin",
      "Cannot register connector plugin NoType: it is neither a source nor a sink connector " +
      "(extend SourceConnector or SinkConnector)",
    ],
    ["builtin", "Cannot register connector plugin NotAConnector: it is not a connector class"],
    ["builtin", "Cannot register connector plugin 5: it is not a connector class"],
  ]);
  assert.ok(registry.failures[0].error.cause instanceof Error);
});

Deno.test("a second class with a registered name is reported; the same class twice is not", () => {
  class Impostor extends FileStreamSourceConnector {}
  const registry = new PluginRegistry([
    FileStreamSourceConnector,
    FileStreamSourceConnector,
    Impostor,
  ]);
  assert.equal(registry.list().length, 1);
  assert.equal(registry.resolve("FileStreamSource"), FileStreamSourceConnector);
  assert.deepEqual(registry.failures.map((f) => f.error.message), [
    "Cannot register connector plugin org.apache.kafka.connect.file.FileStreamSourceConnector: " +
    "a plugin with that class name is already registered",
  ]);
});

Deno.test("isConnectorClass is duck-typed and excludes the abstract bases", () => {
  assert.equal(isConnectorClass(FileStreamSourceConnector), true);
  assert.equal(isConnectorClass(SourceConnector), false);
  assert.equal(isConnectorClass(SinkConnector), false);
  assert.equal(isConnectorClass(class {}), false);
  assert.equal(isConnectorClass(() => {}), false);
  assert.equal(isConnectorClass(null), false);
  assert.equal(isConnectorClass({ version() {} }), false);
  assert.equal(connectorTypeOf(new FileStreamSinkConnector()), "sink");
  assert.equal(connectorTypeOf(null), null);
});

Deno.test("discoverPluginModules finds modules recursively, skipping tests and hidden dirs", async () => {
  await withPluginDir({
    "a/connector.ts": "",
    "a/connector_test.ts": "",
    "a/connector.test.ts": "",
    "a/types.d.ts": "",
    "b/nested/deep.js": "",
    "b/mod.mjs": "",
    "c/README.md": "",
    ".hidden/x.ts": "",
    "node_modules/y.ts": "",
    "top.ts": "",
  }, async (dir) => {
    const modules = await discoverPluginModules(dir);
    assert.deepEqual(modules.map((m) => m.slice(dir.length + 1)), [
      "a/connector.ts",
      "b/mod.mjs",
      "b/nested/deep.js",
      "top.ts",
    ]);
    assert.deepEqual(await discoverPluginModules(`${dir}/top.ts`), [`${dir}/top.ts`]);
    await Deno.symlink(dir, `${dir}/a/loop`);
    assert.equal((await discoverPluginModules(dir)).length, 4, "symlink loops end");
  });
});

Deno.test("load() discovers connector classes in plugin.path and reports broken modules", async () => {
  await withPluginDir({
    "my_plugin/my_source_connector.ts": sourcePlugin("com.example.MySourceConnector"),
    "my_plugin/reexport.ts": `export { MySourceConnector } from "./my_source_connector.ts";`,
    "my_plugin/my_source_connector_test.ts": `throw new Error("tests are not loaded");`,
    "broken/broken.ts": `throw new Error("boom at import");`,
    "broken/syntax.ts": `export const = ;`,
    "duck/duck.js": `
      export class DuckSinkConnector {
        static className = "com.duck.DuckSinkConnector";
        get type() { return "sink"; }
        version() { return "0.1"; }
        config() {} start() {} stop() {} taskClass() {} taskConfigs() { return [{}]; }
      }`,
  }, async (dir) => {
    const lines: string[] = [];
    const registry = await PluginRegistry.load({
      builtins: [FileStreamSourceConnector],
      pluginPath: [dir, `${dir}/does-not-exist`],
      logger: silentLogger(lines),
    });
    assert.deepEqual(registry.list(), [
      { class: "com.duck.DuckSinkConnector", type: "sink", version: "0.1" },
      { class: "com.example.MySourceConnector", type: "source", version: "2.0" },
      {
        class: "org.apache.kafka.connect.file.FileStreamSourceConnector",
        type: "source",
        version: "3.9.0",
      },
    ]);
    const plugin = registry.create("MySource");
    assert.ok(plugin instanceof SourceConnector, "same SDK instance: instanceof works");
    assert.equal(plugin.type, "source");
    assert.equal(registry.info("DuckSink").version, "0.1");

    const failures = registry.failures.map((f) => f.path);
    assert.deepEqual(failures, [
      `${dir}/broken/broken.ts`,
      `${dir}/broken/syntax.ts`,
      `${dir}/does-not-exist`,
    ]);
    assert.match(
      registry.failures[0].error.message,
      new RegExp(`^Cannot load plugin module ${dir}/broken/broken.ts: .*boom at import`),
    );
    assert.match(registry.failures[2].error.message, /^Cannot scan plugin directory /);
    assert.ok(registry.failures.every((f) => f.error.cause !== undefined));
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => l.includes("WARN") && l.includes("path=")));
  });
});

Deno.test("a plugin class with the name of a built-in does not replace it", async () => {
  await withPluginDir({
    "p.ts": sourcePlugin("org.apache.kafka.connect.file.FileStreamSourceConnector"),
  }, async (dir) => {
    const registry = await PluginRegistry.load({
      builtins: [FileStreamSourceConnector],
      pluginPath: [dir],
      logger: silentLogger(),
    });
    assert.equal(registry.resolve("FileStreamSource"), FileStreamSourceConnector);
    assert.equal(registry.failures.length, 1);
    assert.equal(registry.failures[0].path, `${dir}/p.ts`);
  });
});

// A plugin outside the repository importing the SDK by its workspace name.
// Runs once shared/deno.json exports "./connect".
let bareSdk = false;
try {
  bareSdk = import.meta.resolve("@tributary/shared/connect") !== "";
} catch {
  bareSdk = false;
}
Deno.test({
  name: "a plugin outside the repository can import @tributary/shared/connect",
  ignore: !bareSdk,
  fn: async () => {
    await withPluginDir({
      "bare/bare_connector.ts": sourcePlugin(
        "com.example.BareSourceConnector",
        "@tributary/shared/connect",
      ),
    }, async (dir) => {
      const registry = await PluginRegistry.load({ pluginPath: [dir], logger: silentLogger() });
      assert.deepEqual(registry.failures, []);
      assert.ok(registry.create("BareSource") instanceof SourceConnector);
    });
  },
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail("expected an error");
}
