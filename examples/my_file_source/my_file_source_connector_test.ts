import assert from "node:assert/strict";
import { configDocsMarkdown, ConfigError, configInfos } from "../../shared/connect/mod.ts";
import { MemoryConnectorContext } from "../../shared/connect/test_contexts.ts";
import { runConnectorConformance } from "../../shared/connectors/conformance.ts";
import { PluginRegistry } from "../../shared/runtime/plugins.ts";
import { MY_FILE_SOURCE_CONFIG, MyFileSourceConnector } from "./my_file_source_connector.ts";
import { MyFileSourceTask } from "./my_file_source_task.ts";

// The shared contracts every connector keeps.
runConnectorConformance({
  connectorClass: MyFileSourceConnector,
  fixture: async () => {
    const dir = await Deno.makeTempDir();
    await Deno.writeTextFile(`${dir}/in.txt`, "first\nsecond\n");
    return {
      config: { file: `${dir}/in.txt`, topic: "lines" },
      env: { allowedFileDirs: [dir] },
      cleanup: () => Deno.remove(dir, { recursive: true }),
    };
  },
});

Deno.test("the connector is version 1.0 with file and topic keys", () => {
  const connector = new MyFileSourceConnector();
  assert.equal(connector.version(), "1.0");
  assert.equal(connector.type, "source");
  assert.deepEqual(
    connector.config().configKeyInfos().map((k) => [k.name, k.default_value, k.documentation]),
    [
      ["file", "/tmp/kafka.txt", "path and name of the file to read"],
      ["topic", "test", "topic to send to"],
    ],
  );
  assert.equal(connector.taskClass(), MyFileSourceTask);
});

Deno.test("it registers as com.example.MyFileSourceConnector, alias MyFileSource", () => {
  const registry = new PluginRegistry([MyFileSourceConnector]);
  assert.deepEqual(registry.list(), [
    { class: "com.example.MyFileSourceConnector", type: "source", version: "1.0" },
  ]);
  assert.equal(registry.resolve("MyFileSource"), MyFileSourceConnector);
});

Deno.test("validation rejects a file outside the allowed directories, on the file key", () => {
  const connector = new MyFileSourceConnector();
  const results = connector.validate({ file: "/etc/passwd", topic: "" }, {
    allowedFileDirs: ["/srv/data"],
  });
  const infos = configInfos(MyFileSourceConnector.className, connector.config(), results);
  assert.equal(infos.error_count, 2);
  assert.deepEqual(infos.configs.map((c) => c.value.errors), [
    [
      "Invalid value /etc/passwd for configuration file: it is not inside an allowed directory (allowed: /srv/data)",
    ],
    ["Invalid value  for configuration topic: String must be non-empty"],
  ]);
});

Deno.test("start parses the config with the worker's allowed directories", () => {
  const connector = new MyFileSourceConnector();
  connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/srv/data"] }));
  assert.throws(() => connector.start({ file: "/etc/passwd" }), ConfigError);
  connector.start({ file: "/srv/data/in.txt" });
  assert.deepEqual(connector.taskConfigs(1), [{ file: "/srv/data/in.txt", topic: "test" }]);
  connector.stop();
});

Deno.test("every task gets the same config", () => {
  const connector = new MyFileSourceConnector();
  connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/srv/data"] }));
  connector.start({ file: "/srv/data/in.txt", topic: "lines" });
  const configs = connector.taskConfigs(3);
  assert.equal(configs.length, 3);
  for (const config of configs) {
    assert.deepEqual(config, { file: "/srv/data/in.txt", topic: "lines" });
  }
});

Deno.test("parse gives the typed config with defaults", () => {
  const config = MY_FILE_SOURCE_CONFIG.parse({}, { allowedFileDirs: ["/tmp"] });
  assert.deepEqual({ ...config }, { file: "/tmp/kafka.txt", topic: "test" });
});

Deno.test("the README's configuration section is generated from the spec", async () => {
  const readme = await Deno.readTextFile(new URL("./README.md", import.meta.url));
  const start = "<!-- config-docs:start -->";
  const section = readme.slice(
    readme.indexOf(start) + start.length,
    readme.indexOf("<!-- config-docs:end -->"),
  );
  assert.equal(section.trim(), configDocsMarkdown(MY_FILE_SOURCE_CONFIG).trim());
});
