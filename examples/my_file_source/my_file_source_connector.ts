/**
 * `MyFileSourceConnector`: the connector you would write by hand in a Kafka
 * Connect tutorial. It streams the lines of one file into a topic, one
 * string record per line. Copy this directory to start your own plugin.
 *
 * To run it, put this directory (or a copy) in a directory listed in the
 * worker's `plugin.path`, and make sure the file is inside one of the
 * worker's allowed file directories. Then:
 *
 * ```sh
 * curl -X POST -H 'Content-Type: application/json' localhost:8083/connectors -d '{
 *   "name": "my-file-source",
 *   "config": {"connector.class": "MyFileSource", "file": "/tmp/kafka.txt", "topic": "test"}
 * }'
 * ```
 *
 * @example
 * ```ts
 * import { MyFileSourceConnector } from "./my_file_source_connector.ts";
 * const connector = new MyFileSourceConnector();
 * console.log(connector.version()); // "1.0"
 * console.log(connector.config().names()); // [ "file", "topic" ]
 * ```
 * @module
 */
// Inside this repository the SDK is imported by path. In a plugin outside
// it, write `import { ... } from "@tributary/shared/connect";` instead.
import {
  ConfigDef,
  fileInAllowedDirs,
  nonEmptyString,
  SourceConnector,
} from "../../shared/connect/mod.ts";
import { MyFileSourceTask } from "./my_file_source_task.ts";

/**
 * The configuration spec: which keys the connector accepts, their defaults
 * and docs. The worker validates configs against it and serves it at
 * `GET /connector-plugins/MyFileSource/config`.
 *
 * @example
 * ```ts
 * import { MY_FILE_SOURCE_CONFIG } from "./my_file_source_connector.ts";
 * const config = MY_FILE_SOURCE_CONFIG.parse({ file: "/data/in.txt" }, { allowedFileDirs: ["/data"] });
 * console.log(config.file, config.topic); // "/data/in.txt" "test"
 * ```
 */
export const MY_FILE_SOURCE_CONFIG = new ConfigDef()
  .define({
    name: "file",
    type: "STRING",
    default: "/tmp/kafka.txt",
    importance: "HIGH",
    documentation: "path and name of the file to read",
    // Rejects a file outside the directories the worker allows.
    validator: fileInAllowedDirs(),
  })
  .define({
    name: "topic",
    type: "STRING",
    default: "test",
    importance: "HIGH",
    documentation: "topic to send to",
    validator: nonEmptyString(),
  });

/**
 * Streams the lines of one file into a topic. The connector itself only
 * checks the configuration and tells the worker what its task should do;
 * {@linkcode MyFileSourceTask} reads the file.
 *
 * @example
 * ```ts
 * import { MyFileSourceConnector } from "./my_file_source_connector.ts";
 * import { MemoryConnectorContext } from "../../shared/connect/test_contexts.ts";
 * const connector = new MyFileSourceConnector();
 * connector.initialize(new MemoryConnectorContext({ allowedFileDirs: ["/tmp"] }));
 * connector.start({ file: "/tmp/kafka.txt", topic: "lines" });
 * console.log(connector.taskConfigs(1)); // [ { file: "/tmp/kafka.txt", topic: "lines" } ]
 * connector.stop();
 * ```
 */
export class MyFileSourceConnector extends SourceConnector {
  /** The full class name users put in `connector.class` (or `MyFileSource`). */
  static readonly className = "com.example.MyFileSourceConnector";

  #taskConfig: Record<string, string> = {};

  version(): string {
    return "1.0";
  }

  config(): typeof MY_FILE_SOURCE_CONFIG {
    return MY_FILE_SOURCE_CONFIG;
  }

  start(props: Readonly<Record<string, string>>): void {
    // parse() throws a ConfigError listing every problem; the context tells
    // it which directories the worker allows.
    const config = MY_FILE_SOURCE_CONFIG.parse(props, this.context);
    this.#taskConfig = { file: config.file, topic: config.topic };
  }

  taskClass(): typeof MyFileSourceTask {
    return MyFileSourceTask;
  }

  taskConfigs(maxTasks: number): Record<string, string>[] {
    // Every task gets the same config. Keep tasks.max at 1 (the default):
    // one file is one stream, and a second task would send every line again.
    return Array.from({ length: maxTasks }, () => ({ ...this.#taskConfig }));
  }

  stop(): void {
    // Nothing to release: the connector holds no resources.
  }
}
