/**
 * The shared connector conformance suite: the contracts every connector
 * must keep, run against each implementation from its own test file (as
 * Hono runs one shared suite against every runtime adapter).
 *
 * It registers `Deno.test` cases that check: `version()` is a non-empty
 * string; `config()` is a spec whose keys are all documented; `validate({})`
 * reports every required key at once and `validate(validConfig)` nothing;
 * `taskConfigs(n)` returns 1..n string maps; the start/stop lifecycle
 * (twice, as a restart does); and for tasks: source `poll()` returns
 * promptly when its signal is (or becomes) aborted and returns well-formed
 * records; sink `open`/`put`/`flush`/`preCommit`/`close`/`stop` keep their
 * contracts.
 *
 * @example
 * ```ts ignore
 * // my_connector_test.ts
 * import { runConnectorConformance } from "../../shared/connectors/conformance.ts";
 * import { MyFileSourceConnector } from "./my_file_source_connector.ts";
 *
 * runConnectorConformance({
 *   connectorClass: MyFileSourceConnector,
 *   fixture: async () => {
 *     const dir = await Deno.makeTempDir();
 *     await Deno.writeTextFile(`${dir}/in.txt`, "a\nb\n");
 *     return {
 *       config: { file: `${dir}/in.txt`, topic: "lines" },
 *       env: { allowedFileDirs: [dir] },
 *       cleanup: () => Deno.remove(dir, { recursive: true }),
 *     };
 *   },
 * });
 * ```
 * @module
 */
import assert from "node:assert/strict";
import { pluginClassName } from "../connect/class_name.ts";
import type { ConfigValue } from "../connect/config_def.ts";
import type { Connector, ConnectorClass } from "../connect/connector.ts";
import { NO_ENVIRONMENT, type WorkerEnvironment } from "../connect/contexts.ts";
import type { SinkRecord, SourceRecord } from "../connect/record.ts";
import type { SinkTask } from "../connect/sink_task.ts";
import type { SourceTask } from "../connect/source_task.ts";
import {
  MemoryConnectorContext,
  MemorySinkTaskContext,
  MemorySourceTaskContext,
} from "../connect/test_contexts.ts";
import {
  type TopicPartition,
  topicPartitionKey,
  topicPartitionOffsets,
} from "../connect/topic_partition.ts";

/**
 * A valid configuration and what it needs, made fresh for each test.
 *
 * @example
 * ```ts
 * import type { ConformanceFixture } from "./conformance.ts";
 * const fixture: ConformanceFixture = { config: { topic: "t" }, env: { allowedFileDirs: [] } };
 * ```
 */
export interface ConformanceFixture {
  /** A valid connector configuration (the connector's own keys; common keys may be included). */
  readonly config: Readonly<Record<string, string>>;
  /** What the worker allows (default: nothing). */
  readonly env?: WorkerEnvironment;
  /** Undoes what the fixture created (temp files). */
  readonly cleanup?: () => void | Promise<void>;
}

/**
 * Options of {@linkcode runConnectorConformance}. Give either `validConfig`
 * (and `env`) or a `fixture` factory.
 *
 * @example
 * ```ts
 * import type { ConnectorConformanceOptions } from "./conformance.ts";
 * import { MyFileSourceConnector } from "../../examples/my_file_source/my_file_source_connector.ts";
 * const options: ConnectorConformanceOptions = {
 *   connectorClass: MyFileSourceConnector,
 *   validConfig: { file: "/tmp/in.txt", topic: "t" },
 *   env: { allowedFileDirs: ["/tmp"] },
 * };
 * ```
 */
export interface ConnectorConformanceOptions {
  /** The connector class under test. */
  readonly connectorClass: ConnectorClass;
  /** A valid configuration (when no `fixture` is given). */
  readonly validConfig?: Readonly<Record<string, string>>;
  /** What the worker allows, with `validConfig` (default: nothing). */
  readonly env?: WorkerEnvironment;
  /** Makes a fresh valid configuration for each test (preferred when files are involved). */
  readonly fixture?: () => ConformanceFixture | Promise<ConformanceFixture>;
  /** Test name prefix (default: the class name). */
  readonly name?: string;
  /** The largest `maxTasks` to try (default 3). */
  readonly maxTasks?: number;
  /** How fast `poll` must settle once its signal aborts, in ms (default 500). */
  readonly promptMs?: number;
  /** Records handed to a sink task's `put` (default: three string records on `conformance-topic`). */
  readonly sinkRecords?: () => SinkRecord[];
}

/**
 * One conformance check: a test name and its body, which throws an
 * `AssertionError` when the connector breaks the contract.
 *
 * @example
 * ```ts
 * import type { ConformanceCase } from "./conformance.ts";
 * const check: ConformanceCase = { name: "always passes", fn: async () => {} };
 * ```
 */
export interface ConformanceCase {
  readonly name: string;
  readonly fn: () => Promise<void>;
}

/**
 * Registers the conformance tests for one connector class. Call it at the
 * top level of the connector's test file.
 *
 * @example
 * ```ts ignore
 * import { runConnectorConformance } from "./conformance.ts";
 * import { FileStreamSinkConnector } from "./file_stream_sink_connector.ts";
 * runConnectorConformance({
 *   connectorClass: FileStreamSinkConnector,
 *   fixture: async () => {
 *     const dir = await Deno.makeTempDir();
 *     return {
 *       config: { file: `${dir}/out.txt`, topics: "t" },
 *       env: { allowedFileDirs: [dir] },
 *       cleanup: () => Deno.remove(dir, { recursive: true }),
 *     };
 *   },
 * });
 * ```
 */
export function runConnectorConformance(options: ConnectorConformanceOptions): void {
  for (const { name, fn } of connectorConformanceCases(options)) Deno.test(name, fn);
}

/**
 * The conformance checks for one connector class, without registering
 * them: for test runners other than `Deno.test`, or to run one check.
 *
 * @example
 * ```ts
 * import { connectorConformanceCases } from "./conformance.ts";
 * import { MyFileSourceConnector } from "../../examples/my_file_source/my_file_source_connector.ts";
 * const cases = connectorConformanceCases({
 *   connectorClass: MyFileSourceConnector,
 *   validConfig: { file: "/tmp/in.txt", topic: "t" },
 *   env: { allowedFileDirs: ["/tmp"] },
 * });
 * await cases.find((c) => c.name.endsWith("version() is a non-empty string"))!.fn();
 * ```
 */
export function connectorConformanceCases(
  options: ConnectorConformanceOptions,
): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const test = (name: string, fn: () => void | Promise<void>) =>
    cases.push({ name, fn: async () => await fn() });
  const cls = options.connectorClass;
  const prefix = options.name ?? `conformance: ${pluginClassName(cls)}`;
  const maxTasks = options.maxTasks ?? 3;
  const promptMs = options.promptMs ?? 500;
  const makeFixture = async (): Promise<ConformanceFixture> => {
    if (options.fixture !== undefined) return await options.fixture();
    assert.ok(options.validConfig, "runConnectorConformance needs validConfig or fixture");
    return { config: options.validConfig, env: options.env ?? NO_ENVIRONMENT };
  };
  const withFixture =
    (fn: (f: Required<Omit<ConformanceFixture, "cleanup">>) => Promise<void>) => async () => {
      const fixture = await makeFixture();
      try {
        await fn({ config: fixture.config, env: fixture.env ?? NO_ENVIRONMENT });
      } finally {
        await fixture.cleanup?.();
      }
    };
  const started = async (config: Readonly<Record<string, string>>, env: WorkerEnvironment) => {
    const connector = new cls();
    const context = new MemoryConnectorContext({ allowedFileDirs: env.allowedFileDirs });
    connector.initialize(context);
    await connector.start(config);
    return { connector, context };
  };

  test(`${prefix}: version() is a non-empty string`, () => {
    const version = new cls().version();
    assert.equal(typeof version, "string");
    assert.ok(version.trim().length > 0, "version() must not be empty");
  });

  test(`${prefix}: type is source or sink`, () => {
    assert.ok(
      ["source", "sink"].includes(new cls().type),
      "extend SourceConnector or SinkConnector",
    );
  });

  test(`${prefix}: config() is a ConfigDef with documented keys`, () => {
    const def = new cls().config();
    assert.equal(typeof def?.validate, "function", "config() must return a ConfigDef");
    assert.equal(typeof def?.configKeyInfos, "function", "config() must return a ConfigDef");
    const infos = def.configKeyInfos();
    const names = new Set<string>();
    for (const info of infos) {
      assert.ok(info.name.length > 0, "every key has a name");
      assert.ok(!names.has(info.name), `key ${info.name} is defined once`);
      names.add(info.name);
      assert.ok(info.documentation.trim().length > 0, `key ${info.name} must be documented`);
      assert.ok(
        ["STRING", "INT", "LONG", "DOUBLE", "BOOLEAN", "LIST", "CLASS", "PASSWORD"].includes(
          info.type,
        ),
        `key ${info.name} has a known type`,
      );
      assert.ok(["HIGH", "MEDIUM", "LOW"].includes(info.importance), `key ${info.name} importance`);
      if (info.required) {
        assert.equal(info.default_value, null, `required ${info.name} has no default`);
      }
    }
    assert.deepEqual(infos.map((i) => i.name), def.names());
  });

  test(`${prefix}: validate({}) reports every required key at once`, () => {
    const connector = new cls();
    const def = connector.config();
    const results = connector.validate({}, NO_ENVIRONMENT);
    assertConfigValues(results);
    const byName = new Map(results.map((r) => [r.name, r]));
    for (const key of def.keys()) {
      const result = byName.get(key.name);
      assert.ok(result, `validate() returns a result for ${key.name}`);
      const missing = `Missing required configuration "${key.name}" which has no default value.`;
      if (key.required) {
        assert.ok(
          result.errorMessages.includes(missing),
          `validate({}) must report ${key.name} as missing; got ${
            JSON.stringify(result.errorMessages)
          }`,
        );
      } else {
        assert.ok(!result.errorMessages.includes(missing), `${key.name} has a default`);
      }
    }
  });

  test(
    `${prefix}: validate(validConfig) reports no errors`,
    withFixture(({ config, env }) => {
      const results = new cls().validate(config, env);
      assertConfigValues(results);
      const errors = results.flatMap((r) => r.errorMessages);
      assert.deepEqual(errors, [], "a valid configuration validates without errors");
      return Promise.resolve();
    }),
  );

  test(
    `${prefix}: taskConfigs(n) returns 1..n string maps`,
    withFixture(async ({ config, env }) => {
      const { connector } = await started(config, env);
      try {
        for (let n = 1; n <= maxTasks; n++) {
          const configs = await connector.taskConfigs(n);
          assert.ok(Array.isArray(configs), "taskConfigs returns an array");
          assert.ok(
            configs.length >= 1 && configs.length <= n,
            `taskConfigs(${n}) returned ${configs.length} configs`,
          );
          for (const taskConfig of configs) assertStringMap(taskConfig);
        }
      } finally {
        await connector.stop();
      }
    }),
  );

  test(
    `${prefix}: start/stop lifecycle, restartable`,
    withFixture(async ({ config, env }) => {
      for (let round = 0; round < 2; round++) {
        const { connector, context } = await started(config, env);
        const taskClass = connector.taskClass();
        assert.equal(typeof taskClass, "function", "taskClass() returns a class");
        await connector.stop();
        assert.deepEqual(context.raisedErrors, [], "no error raised during start/stop");
      }
    }),
  );

  test(`${prefix}: taskClass() matches the connector type`, async () => {
    const connector = new cls();
    const task = new (connector.taskClass())() as unknown as Record<string, unknown>;
    assert.equal(typeof task.version, "function");
    const version = (task as unknown as { version(): string }).version();
    assert.ok(typeof version === "string" && version.length > 0, "task version is non-empty");
    for (const method of ["initialize", "start", "stop"]) {
      assert.equal(typeof task[method], "function", `task has ${method}()`);
    }
    const taskMethods = connector.type === "source"
      ? ["poll", "commit", "commitRecord"]
      : ["put", "flush", "preCommit", "open", "close"];
    for (const method of taskMethods) {
      assert.equal(typeof task[method], "function", `${connector.type} task has ${method}()`);
    }
    await Promise.resolve();
  });

  const startTask = async (config: Readonly<Record<string, string>>, env: WorkerEnvironment) => {
    const { connector } = await started(config, env);
    const [taskConfig] = await connector.taskConfigs(1);
    await connector.stop();
    assert.ok(taskConfig, "taskConfigs(1) must return a task config");
    return { connector, taskConfig };
  };

  if (new cls().type === "source") {
    const startSourceTask = async (
      config: Readonly<Record<string, string>>,
      env: WorkerEnvironment,
    ) => {
      const { connector, taskConfig } = await startTask(config, env);
      const task = new ((connector as Connector).taskClass())() as SourceTask;
      task.initialize(
        new MemorySourceTaskContext({
          configs: taskConfig,
          allowedFileDirs: env.allowedFileDirs,
        }),
      );
      await task.start(taskConfig);
      return task;
    };

    test(
      `${prefix}: poll() with an aborted signal returns promptly`,
      withFixture(async ({ config, env }) => {
        const task = await startSourceTask(config, env);
        try {
          for (let i = 0; i < 3; i++) {
            const aborted = AbortSignal.abort();
            const result = await settlesWithin(task.poll(aborted), promptMs, "poll(aborted)");
            assertPollResult(result);
          }
        } finally {
          await task.stop();
        }
      }),
    );

    test(
      `${prefix}: poll() returns promptly when its signal aborts, with well-formed records`,
      withFixture(async ({ config, env }) => {
        const task = await startSourceTask(config, env);
        try {
          // Poll until the task has nothing more (at most 20 polls), then
          // abort a pending poll.
          for (let i = 0; i < 20; i++) {
            const controller = new AbortController();
            const timer = setTimeout(() => controller.abort(), 50);
            try {
              const result = await settlesWithin(
                task.poll(controller.signal),
                50 + promptMs,
                "poll() after abort",
              );
              assertPollResult(result);
              if (result === null || result.length === 0) break;
            } finally {
              clearTimeout(timer);
            }
          }
        } finally {
          await task.stop();
        }
      }),
    );
  } else {
    const startSinkTask = async (
      config: Readonly<Record<string, string>>,
      env: WorkerEnvironment,
      assignment: TopicPartition[],
    ) => {
      const { connector, taskConfig } = await startTask(config, env);
      const task = new ((connector as Connector).taskClass())() as SinkTask;
      const context = new MemorySinkTaskContext({
        configs: taskConfig,
        assignment,
        allowedFileDirs: env.allowedFileDirs,
      });
      task.initialize(context);
      await task.start(taskConfig);
      return task;
    };

    test(
      `${prefix}: sink task open/put/flush/preCommit/close/stop`,
      withFixture(async ({ config, env }) => {
        const records = options.sinkRecords?.() ?? defaultSinkRecords();
        const partitions = uniquePartitions(records);
        const task = await startSinkTask(config, env, partitions);
        await task.open(partitions);
        await task.put([]);
        await task.put(records);
        const current = topicPartitionOffsets(partitions.map((tp) => {
          const last = records.filter((r) =>
            r.topic === tp.topic && r.kafkaPartition === tp.partition
          )
            .reduce((max, r) => r.kafkaOffset > max ? r.kafkaOffset : max, -1n);
          return { ...tp, offset: last + 1n };
        }));
        await task.flush(current);
        const committable = await task.preCommit(current);
        assert.ok(committable instanceof Map, "preCommit returns a map of offsets");
        for (const [key, entry] of committable) {
          const given = current.get(key);
          assert.ok(given, `preCommit returned an offset for an unknown partition ${key}`);
          assert.equal(key, topicPartitionKey(entry));
          assert.ok(entry.offset <= given.offset, `preCommit offset for ${key} is not ahead`);
        }
        await task.close(partitions);
        await task.stop();
      }),
    );

    test(
      `${prefix}: sink task stops without any records`,
      withFixture(async ({ config, env }) => {
        const partitions = [{ topic: "conformance-topic", partition: 0 }];
        const task = await startSinkTask(config, env, partitions);
        await task.open(partitions);
        await task.put([]);
        const empty = topicPartitionOffsets([]);
        await task.flush(empty);
        await task.preCommit(empty);
        await task.close(partitions);
        await task.stop();
      }),
    );
  }
  return cases;
}

function assertConfigValues(results: unknown): asserts results is ConfigValue[] {
  assert.ok(Array.isArray(results), "validate() returns an array of ConfigValues");
  for (const r of results as ConfigValue[]) {
    assert.equal(typeof r.name, "string");
    assert.ok(Array.isArray(r.errorMessages), `${r.name}: errorMessages is an array`);
    assert.ok(Array.isArray(r.recommendedValues), `${r.name}: recommendedValues is an array`);
    assert.equal(typeof r.visible, "boolean");
  }
}

function assertStringMap(value: unknown): void {
  assert.ok(value !== null && typeof value === "object" && !Array.isArray(value));
  for (const [k, v] of Object.entries(value as object)) {
    assert.equal(typeof v, "string", `task config value of ${k} must be a string`);
  }
}

function assertPollResult(result: unknown): asserts result is SourceRecord[] | null {
  if (result === null) return;
  assert.ok(Array.isArray(result), "poll() returns an array of records or null");
  for (const record of result as SourceRecord[]) {
    assert.ok(typeof record.topic === "string" && record.topic.length > 0, "record has a topic");
    assertOffsetMap(record.sourcePartition, "sourcePartition");
    assertOffsetMap(record.sourceOffset, "sourceOffset");
    assert.ok(Array.isArray(record.headers), "record headers is an array");
    assert.ok(
      record.kafkaPartition === null || Number.isInteger(record.kafkaPartition),
      "kafkaPartition is null or an integer",
    );
  }
}

function assertOffsetMap(map: unknown, what: string): void {
  assert.ok(map !== null && typeof map === "object" && !Array.isArray(map), `${what} is a map`);
  for (const [k, v] of Object.entries(map as object)) {
    assert.ok(
      v === null || ["string", "number", "boolean"].includes(typeof v),
      `${what}.${k} must be a primitive`,
    );
  }
}

async function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = performance.now();
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new assert.AssertionError({ message: `${what} did not settle within ${ms} ms` }),
            ),
          ms,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
    assert.ok(performance.now() - started <= ms + 50, `${what} settled within ${ms} ms`);
  }
}

function defaultSinkRecords(): SinkRecord[] {
  return ["alpha", "beta", "gamma"].map((value, i) => ({
    topic: "conformance-topic",
    kafkaPartition: 0,
    kafkaOffset: BigInt(i),
    timestampType: "CreateTime",
    keySchema: null,
    key: null,
    valueSchema: { type: "string", optional: false },
    value,
    timestamp: 1_700_000_000_000 + i,
    headers: [],
  }));
}

function uniquePartitions(records: readonly SinkRecord[]): TopicPartition[] {
  const map = new Map<string, TopicPartition>();
  for (const r of records) {
    const tp = { topic: r.topic, partition: r.kafkaPartition };
    map.set(topicPartitionKey(tp), tp);
  }
  return [...map.values()];
}
