/**
 * Configuration specs, as Kafka's `ConfigDef`: a connector declares its keys
 * once (type, default, importance, documentation, validator) and gets
 * validation with every error at once, typed parsing, Kafka Connect's REST
 * shapes (`ConfigKeyInfo`, `ConfigInfos`) and generated docs from it.
 *
 * Values arrive as strings (REST configs are string maps) and are typed on
 * parse. A key without a `default` is required.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { atLeast, nonEmptyString } from "./validators.ts";
 *
 * const CONFIG = new ConfigDef()
 *   .define({
 *     name: "topic",
 *     type: "STRING",
 *     importance: "HIGH",
 *     documentation: "The topic to publish data to",
 *     validator: nonEmptyString(),
 *   })
 *   .define({
 *     name: "batch.size",
 *     type: "INT",
 *     default: 2000,
 *     importance: "LOW",
 *     documentation: "The maximum number of records to return from each poll",
 *     validator: atLeast(1),
 *   });
 *
 * const config = CONFIG.parse({ topic: "lines" });
 * console.log(config.topic, config["batch.size"]); // "lines" 2000
 *
 * const errors = CONFIG.validate({ "batch.size": "x" }).flatMap((v) => v.errorMessages);
 * console.log(errors);
 * // [ 'Missing required configuration "topic" which has no default value.',
 * //   "Invalid value x for configuration batch.size: Not a number of type INT" ]
 * ```
 * @module
 */
import { NO_ENVIRONMENT, type WorkerEnvironment } from "./contexts.ts";
import { ConfigError, type ConfigErrorEntry, ConnectError } from "./errors.ts";
import { Password } from "./password.ts";

/**
 * The value types of configuration keys, as Kafka's `ConfigDef.Type`.
 *
 * @example
 * ```ts
 * import type { ConfigType } from "./config_def.ts";
 * const type: ConfigType = "INT";
 * ```
 */
export type ConfigType =
  | "STRING"
  | "INT"
  | "LONG"
  | "DOUBLE"
  | "BOOLEAN"
  | "LIST"
  | "CLASS"
  | "PASSWORD";

/**
 * How much a user should care about a key, as Kafka's `ConfigDef.Importance`.
 *
 * @example
 * ```ts
 * import type { Importance } from "./config_def.ts";
 * const importance: Importance = "HIGH";
 * ```
 */
export type Importance = "HIGH" | "MEDIUM" | "LOW";

/**
 * A UI hint for the width of a key's input, as Kafka's `ConfigDef.Width`.
 *
 * @example
 * ```ts
 * import type { Width } from "./config_def.ts";
 * const width: Width = "SHORT";
 * ```
 */
export type Width = "NONE" | "SHORT" | "MEDIUM" | "LONG";

/**
 * The parsed value of each type: `INT` and `LONG` are integers (`LONG` must
 * be a safe integer, within ±2^53-1), `DOUBLE` a number, `LIST` the
 * comma-separated items trimmed, `CLASS` the class name (or alias) as a
 * string, `PASSWORD` a {@linkcode Password}.
 *
 * @example
 * ```ts
 * import type { ConfigTypeValues } from "./config_def.ts";
 * const topics: ConfigTypeValues["LIST"] = ["a", "b"];
 * ```
 */
export interface ConfigTypeValues {
  STRING: string;
  INT: number;
  LONG: number;
  DOUBLE: number;
  BOOLEAN: boolean;
  LIST: readonly string[];
  CLASS: string;
  PASSWORD: Password;
}

/**
 * What a key's `default` may be for its type (or `null`: "unset, no
 * error"): the typed value; a `PASSWORD` default may be a plain string.
 *
 * @example
 * ```ts
 * import type { ConfigDefault } from "./config_def.ts";
 * const d: ConfigDefault<"LIST"> = ["a", "b"];
 * ```
 */
export type ConfigDefault<T extends ConfigType> = T extends "PASSWORD" ? string | Password
  : ConfigTypeValues[T];

/**
 * What validation knows besides the value: the key, every raw property (for
 * keys that depend on others) and the worker's environment (e.g. the
 * directories files may be in).
 *
 * @example
 * ```ts
 * import type { ValidationContext } from "./config_def.ts";
 * const context: ValidationContext = {
 *   name: "file",
 *   props: { file: "/data/in.txt" },
 *   env: { allowedFileDirs: ["/data"] },
 * };
 * ```
 */
export interface ValidationContext {
  /** The key being validated. */
  readonly name: string;
  /** All properties as given (strings). */
  readonly props: Readonly<Record<string, string>>;
  /** What the worker allows. */
  readonly env: WorkerEnvironment;
}

/**
 * Checks one key's parsed value (Kafka's `ConfigDef.Validator`). Ready-made
 * ones are in `validators.ts`; write your own with `validator(...)` there.
 *
 * @example
 * ```ts
 * import type { Validator } from "./config_def.ts";
 * const even: Validator = {
 *   description: "an even number",
 *   validate: (value) => typeof value === "number" && value % 2 !== 0 ? "Value must be even" : undefined,
 * };
 * ```
 */
export interface Validator {
  /**
   * Returns `undefined` when `value` is valid, else the reason, which
   * becomes `Invalid value <value> for configuration <key>: <reason>`.
   * `value` is the parsed, typed value, or `null` when the key is unset and
   * defaults to null (built-in validators accept null).
   */
  validate(value: unknown, context: ValidationContext): string | undefined;
  /** The valid values in words or Kafka's notation, for docs, e.g. `[1,...]`; may be empty. */
  readonly description: string;
  /** A finite list of valid values to offer in UIs (`recommended_values`), if there is one. */
  readonly recommendedValues?: readonly string[];
}

/**
 * One key, as passed to {@linkcode ConfigDef.define}. Omit `default` to make
 * the key required; `default: null` makes it optional without a value.
 *
 * @example
 * ```ts
 * import type { ConfigKeyDefinition } from "./config_def.ts";
 * const key: ConfigKeyDefinition<"file", "STRING", null> = {
 *   name: "file",
 *   type: "STRING",
 *   default: null,
 *   importance: "HIGH",
 *   documentation: "Source filename. If not specified, the standard input will be used",
 * };
 * ```
 */
export interface ConfigKeyDefinition<
  N extends string = string,
  T extends ConfigType = ConfigType,
  D extends ConfigDefault<T> | null | undefined = ConfigDefault<T> | null | undefined,
> {
  /** The key, e.g. `batch.size`. */
  readonly name: N;
  /** The value type; props are parsed to it. */
  readonly type: T;
  /** The value when the key is absent; omit to make the key required. */
  readonly default?: D;
  /** How much a user should care. */
  readonly importance: Importance;
  /** What the key does, for users (shown in REST and generated docs). */
  readonly documentation: string;
  /** Checks the parsed value. */
  readonly validator?: Validator;
  /** The group the key is shown in, e.g. `Connection`. */
  readonly group?: string;
  /** The key's position in its group. */
  readonly orderInGroup?: number;
  /** Input width hint (default `NONE`). */
  readonly width?: Width;
  /** A human name (default: the key). */
  readonly displayName?: string;
  /** Keys whose validity depends on this one. */
  readonly dependents?: readonly string[];
}

/**
 * A defined key, normalised: what {@linkcode ConfigDef.keys} returns.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * const def = new ConfigDef().define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" });
 * console.log(def.get("topic")?.required); // true
 * ```
 */
export interface ConfigKey {
  readonly name: string;
  readonly type: ConfigType;
  /** True when the key has no default. */
  readonly required: boolean;
  /** The parsed default (`null` when the default is null or the key is required). */
  readonly defaultValue: unknown;
  readonly importance: Importance;
  readonly documentation: string;
  readonly validator: Validator | null;
  readonly group: string | null;
  /** Position in the group, or -1. */
  readonly orderInGroup: number;
  readonly width: Width;
  readonly displayName: string;
  readonly dependents: readonly string[];
}

/**
 * The result of validating one key, as Kafka's `ConfigValue`.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * const def = new ConfigDef().define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" });
 * const [topic] = def.validate({});
 * console.log(topic.errorMessages); // [ 'Missing required configuration "topic" which has no default value.' ]
 * ```
 */
export interface ConfigValue {
  readonly name: string;
  /** The parsed value (the default when absent), or null when unset or invalid. */
  value: unknown;
  /** Values to offer in UIs (from the validator), as strings. */
  recommendedValues: string[];
  /** Every error for this key; empty when valid. */
  errorMessages: string[];
  /** Whether a UI should show the key. */
  visible: boolean;
}

/**
 * What a cross-key rule sees (see {@linkcode ConfigDef.rule}).
 *
 * @example
 * ```ts
 * import type { ConfigRuleContext } from "./config_def.ts";
 * function bothOrNeither(ctx: ConfigRuleContext): void {
 *   if (ctx.isSet("user") !== ctx.isSet("password")) {
 *     ctx.addError("password", "user and password must be set together");
 *   }
 * }
 * ```
 */
export interface ConfigRuleContext {
  /** All properties as given (strings). */
  readonly props: Readonly<Record<string, string>>;
  /** What the worker allows. */
  readonly env: WorkerEnvironment;
  /** The parsed value of a defined key (null when unset or invalid). */
  value(name: string): unknown;
  /** Whether the key is present with a non-blank value. */
  isSet(name: string): boolean;
  /** Reports an error on a key (its full message). */
  addError(name: string, message: string): void;
}

/**
 * A rule over several keys, e.g. "exactly one of `topics` and
 * `topics.regex`". Report problems with `ctx.addError`.
 *
 * @example
 * ```ts
 * import type { ConfigRule } from "./config_def.ts";
 * const rule: ConfigRule = (ctx) => {
 *   if (!ctx.isSet("a") && !ctx.isSet("b")) ctx.addError("a", "Must configure one of a or b");
 * };
 * ```
 */
export type ConfigRule = (ctx: ConfigRuleContext) => void;

/**
 * One key in Kafka Connect's REST shape (`GET /connector-plugins/{p}/config`
 * and the `definition` of each validation result).
 *
 * @example
 * ```ts
 * import type { ConfigKeyInfo } from "./config_def.ts";
 * const info: ConfigKeyInfo = {
 *   name: "topic", type: "STRING", required: true, default_value: null,
 *   importance: "HIGH", documentation: "The topic", group: null, order: -1,
 *   width: "NONE", display_name: "topic", dependents: [],
 * };
 * ```
 */
export interface ConfigKeyInfo {
  name: string;
  type: ConfigType;
  required: boolean;
  default_value: string | null;
  importance: Importance;
  documentation: string;
  group: string | null;
  order: number;
  width: Width;
  display_name: string;
  dependents: string[];
}

/**
 * One key's validation result in Kafka Connect's REST shape.
 *
 * @example
 * ```ts
 * import type { ConfigValueInfo } from "./config_def.ts";
 * const v: ConfigValueInfo = { name: "topic", value: null, recommended_values: [], errors: ["Missing required configuration \"topic\" which has no default value."], visible: true };
 * ```
 */
export interface ConfigValueInfo {
  name: string;
  value: string | null;
  recommended_values: string[];
  errors: string[];
  visible: boolean;
}

/**
 * The response of `PUT /connector-plugins/{p}/config/validate`: every key's
 * definition and validation result, with the total error count.
 *
 * @example
 * ```ts
 * import type { ConfigInfos } from "./config_def.ts";
 * const infos: ConfigInfos = { name: "MyConnector", error_count: 0, groups: [], configs: [] };
 * ```
 */
export interface ConfigInfos {
  name: string;
  error_count: number;
  groups: string[];
  configs: { definition: ConfigKeyInfo; value: ConfigValueInfo }[];
}

/**
 * The parsed type a key adds to a {@linkcode ConfigDef}'s shape: its type's
 * value, or also `null` when its default is `null`.
 *
 * @example
 * ```ts
 * import type { ParsedOf } from "./config_def.ts";
 * const required: ParsedOf<"INT", undefined> = 5;
 * const optional: ParsedOf<"STRING", null> = null;
 * ```
 */
export type ParsedOf<T extends ConfigType, D> = [D] extends [undefined] ? ConfigTypeValues[T]
  : null extends D ? ConfigTypeValues[T] | null
  : ConfigTypeValues[T];

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A configuration spec: the keys a connector (or the worker) accepts.
 * Immutable: {@linkcode ConfigDef.define}, {@linkcode ConfigDef.rule} and
 * {@linkcode ConfigDef.merge} return a new `ConfigDef`, so chain them and
 * keep the result in a constant. The type parameter tracks each key's
 * parsed type, so {@linkcode ConfigDef.parse} is typed.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * const CONFIG = new ConfigDef()
 *   .define({ name: "file", type: "STRING", default: null, importance: "HIGH", documentation: "Source file" })
 *   .define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic to write to" });
 * const parsed = CONFIG.parse({ topic: "t" });
 * const file: string | null = parsed.file;
 * const topic: string = parsed.topic;
 * console.log(file, topic); // null "t"
 * ```
 */
// deno-lint-ignore ban-types
export class ConfigDef<S extends Record<string, unknown> = {}> {
  #keys: ReadonlyMap<string, ConfigKey> = new Map();
  #rules: readonly ConfigRule[] = [];

  /** An empty spec; add keys with {@linkcode ConfigDef.define}. */
  constructor() {}

  static #of<T extends Record<string, unknown>>(
    keys: ReadonlyMap<string, ConfigKey>,
    rules: readonly ConfigRule[],
  ): ConfigDef<T> {
    const def = new ConfigDef<T>();
    def.#keys = keys;
    def.#rules = rules;
    return def;
  }

  /**
   * Adds a key; returns a new spec. Throws a `ConnectError` if the key is
   * already defined or its default does not fit its type.
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * import { between } from "./validators.ts";
   * const def = new ConfigDef().define({
   *   name: "poll.interval.ms",
   *   type: "LONG",
   *   default: 1000,
   *   importance: "MEDIUM",
   *   documentation: "How long to wait for new data, in milliseconds",
   *   validator: between(10, 60_000),
   *   group: "Polling",
   *   orderInGroup: 1,
   *   displayName: "Poll interval (ms)",
   * });
   * console.log(def.parse({})["poll.interval.ms"]); // 1000
   * ```
   */
  define<
    const N extends string,
    T extends ConfigType,
    D extends ConfigDefault<T> | null | undefined = undefined,
  >(key: ConfigKeyDefinition<N, T, D>): ConfigDef<S & { readonly [K in N]: ParsedOf<T, D> }> {
    const keys = this.#keys;
    if (keys.has(key.name)) {
      throw new ConnectError(`Cannot define configuration ${key.name}: it is defined twice`);
    }
    const required = !("default" in key) || key.default === undefined;
    let defaultValue: unknown = null;
    if (!required && key.default !== null) {
      try {
        defaultValue = normaliseDefault(key.name, key.type, key.default);
      } catch (err) {
        throw new ConnectError(
          `Cannot define configuration ${key.name}: its default ${
            String(key.default)
          } is not a valid ${key.type}`,
          { cause: err },
        );
      }
    }
    const normalised: ConfigKey = Object.freeze({
      name: key.name,
      type: key.type,
      required,
      defaultValue,
      importance: key.importance,
      documentation: key.documentation,
      validator: key.validator ?? null,
      group: key.group ?? null,
      orderInGroup: key.orderInGroup ?? -1,
      width: key.width ?? "NONE",
      displayName: key.displayName ?? key.name,
      dependents: Object.freeze([...(key.dependents ?? [])]),
    });
    const next = new Map(keys);
    next.set(key.name, normalised);
    return ConfigDef.#of(next, this.#rules);
  }

  /**
   * Adds a rule over several keys (run after every key is parsed and
   * validated); returns a new spec.
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * const def = new ConfigDef()
   *   .define({ name: "user", type: "STRING", default: null, importance: "HIGH", documentation: "User" })
   *   .define({ name: "password", type: "PASSWORD", default: null, importance: "HIGH", documentation: "Password" })
   *   .rule((ctx) => {
   *     if (ctx.isSet("user") !== ctx.isSet("password")) {
   *       ctx.addError("password", "user and password must be set together");
   *     }
   *   });
   * console.log(def.validate({ user: "me" })[1].errorMessages); // [ "user and password must be set together" ]
   * ```
   */
  rule(rule: ConfigRule): ConfigDef<S> {
    return ConfigDef.#of(this.#keys, [...this.#rules, rule]);
  }

  /**
   * Combines two specs; returns a new one with this spec's keys, then
   * `other`'s. A key defined in both takes `other`'s definition (so a
   * connector may redefine a common key); rules of both apply.
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * const common = new ConfigDef().define({ name: "name", type: "STRING", importance: "HIGH", documentation: "Connector name" });
   * const own = new ConfigDef().define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" });
   * console.log(common.merge(own).names()); // [ "name", "topic" ]
   * ```
   */
  merge<O extends Record<string, unknown>>(other: ConfigDef<O>): ConfigDef<Omit<S, keyof O> & O> {
    const keys = new Map(this.#keys);
    for (const [name, key] of other.#keys) keys.set(name, key);
    return ConfigDef.#of(keys, [...this.#rules, ...other.#rules]);
  }

  /**
   * The defined key names, in definition order.
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * console.log(new ConfigDef().names()); // []
   * ```
   */
  names(): string[] {
    return [...this.#keys.keys()];
  }

  /**
   * The defined keys, in definition order.
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * const def = new ConfigDef().define({ name: "a", type: "INT", default: 1, importance: "LOW", documentation: "A" });
   * console.log(def.keys().map((k) => [k.name, k.defaultValue])); // [ [ "a", 1 ] ]
   * ```
   */
  keys(): ConfigKey[] {
    return [...this.#keys.values()];
  }

  /**
   * One key, or undefined.
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * console.log(new ConfigDef().get("nope")); // undefined
   * ```
   */
  get(name: string): ConfigKey | undefined {
    return this.#keys.get(name);
  }

  /**
   * The group names, in the order keys first use them.
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * const def = new ConfigDef()
   *   .define({ name: "a", type: "STRING", default: "", importance: "LOW", documentation: "A", group: "Connection" })
   *   .define({ name: "b", type: "STRING", default: "", importance: "LOW", documentation: "B", group: "Common" });
   * console.log(def.groups()); // [ "Connection", "Common" ]
   * ```
   */
  groups(): string[] {
    const groups: string[] = [];
    for (const key of this.#keys.values()) {
      if (key.group !== null && !groups.includes(key.group)) groups.push(key.group);
    }
    return groups;
  }

  /**
   * Validates properties and returns one result per defined key (in
   * definition order) with **every** error at once: missing required keys,
   * values that do not parse, validator failures and rule violations.
   * Properties that are not defined are ignored.
   *
   * @param props the raw configuration (strings).
   * @param env what the worker allows (default: nothing, e.g. no files).
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * const def = new ConfigDef()
   *   .define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" })
   *   .define({ name: "batch.size", type: "INT", default: 2000, importance: "LOW", documentation: "Batch size" });
   * const results = def.validate({ "batch.size": "x" });
   * console.log(results.map((r) => r.errorMessages));
   * // [ [ 'Missing required configuration "topic" which has no default value.' ],
   * //   [ "Invalid value x for configuration batch.size: Not a number of type INT" ] ]
   * ```
   */
  validate(
    props: Readonly<Record<string, string>>,
    env: WorkerEnvironment = NO_ENVIRONMENT,
  ): ConfigValue[] {
    const results = new Map<string, ConfigValue>();
    for (const key of this.#keys.values()) {
      results.set(key.name, validateKey(key, props, env));
    }
    const ctx: ConfigRuleContext = {
      props,
      env,
      value: (name) => results.get(name)?.value ?? null,
      isSet: (name) => {
        const raw = rawProp(props, name);
        return raw !== undefined && raw.trim() !== "";
      },
      addError: (name, message) => {
        let result = results.get(name);
        if (result === undefined) {
          result = {
            name,
            value: null,
            recommendedValues: [],
            errorMessages: [],
            visible: true,
          };
          results.set(name, result);
        }
        result.errorMessages.push(message);
      },
    };
    for (const rule of this.#rules) {
      try {
        rule(ctx);
      } catch (err) {
        ctx.addError("", `Cannot validate configuration: a rule failed: ${errorMessage(err)}`);
      }
    }
    return [...results.values()];
  }

  /**
   * Parses properties into the typed configuration (defaults filled in), or
   * throws a {@linkcode ConfigError} listing every error.
   *
   * @param props the raw configuration (strings).
   * @param env what the worker allows (default: nothing, e.g. no files).
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * import { ConfigError } from "./errors.ts";
   * const def = new ConfigDef()
   *   .define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" })
   *   .define({ name: "batch.size", type: "INT", default: 2000, importance: "LOW", documentation: "Batch size" });
   * console.log(def.parse({ topic: "t", "batch.size": "10" })); // { topic: "t", "batch.size": 10 }
   * try {
   *   def.parse({ "batch.size": "x" });
   * } catch (err) {
   *   console.log((err as ConfigError).errors.length); // 2
   * }
   * ```
   */
  parse(
    props: Readonly<Record<string, string>>,
    env: WorkerEnvironment = NO_ENVIRONMENT,
  ): Readonly<S> {
    const results = this.validate(props, env);
    const errors = configErrors(results);
    if (errors.length > 0) throw new ConfigError(errors);
    const parsed: Record<string, unknown> = {};
    for (const result of results) {
      if (this.#keys.has(result.name)) parsed[result.name] = result.value;
    }
    return Object.freeze(parsed) as Readonly<S>;
  }

  /**
   * Every key in Kafka Connect's REST `ConfigKeyInfo` shape, in definition
   * order (what `GET /connector-plugins/{p}/config` returns).
   *
   * @example
   * ```ts
   * import { ConfigDef } from "./config_def.ts";
   * const def = new ConfigDef().define({ name: "topic", type: "STRING", default: "test", importance: "HIGH", documentation: "topic to send to" });
   * console.log(def.configKeyInfos()[0]);
   * // { name: "topic", type: "STRING", required: false, default_value: "test", importance: "HIGH",
   * //   documentation: "topic to send to", group: null, order: -1, width: "NONE",
   * //   display_name: "topic", dependents: [] }
   * ```
   */
  configKeyInfos(): ConfigKeyInfo[] {
    return this.keys().map(configKeyInfo);
  }
}

/**
 * One key in the REST `ConfigKeyInfo` shape.
 *
 * @example
 * ```ts
 * import { ConfigDef, configKeyInfo } from "./config_def.ts";
 * const def = new ConfigDef().define({ name: "tasks.max", type: "INT", default: 1, importance: "HIGH", documentation: "Maximum tasks" });
 * console.log(configKeyInfo(def.get("tasks.max")!).default_value); // "1"
 * ```
 */
export function configKeyInfo(key: ConfigKey): ConfigKeyInfo {
  return {
    name: key.name,
    type: key.type,
    required: key.required,
    default_value: key.required ? null : configValueToString(key.defaultValue, key.type),
    importance: key.importance,
    documentation: key.documentation,
    group: key.group,
    order: key.orderInGroup,
    width: key.width,
    display_name: key.displayName,
    dependents: [...key.dependents],
  };
}

/**
 * Builds the `ConfigInfos` response of `PUT
 * /connector-plugins/{p}/config/validate` from a spec and validation
 * results (e.g. the common configs merged with the connector's, and the
 * results of validating both). Results for keys the spec does not define
 * are included with a `STRING` definition.
 *
 * @param name the connector class name.
 * @param def the spec the results came from.
 * @param values validation results.
 *
 * @example
 * ```ts
 * import { ConfigDef, configInfos } from "./config_def.ts";
 * const def = new ConfigDef().define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" });
 * const infos = configInfos("com.example.MySourceConnector", def, def.validate({}));
 * console.log(infos.error_count); // 1
 * console.log(infos.configs[0].value.errors); // [ 'Missing required configuration "topic" which has no default value.' ]
 * ```
 */
export function configInfos(
  name: string,
  def: ConfigDef<Record<string, unknown>>,
  values: readonly ConfigValue[],
): ConfigInfos {
  let errorCount = 0;
  const configs = values.map((value) => {
    const key = def.get(value.name);
    errorCount += value.errorMessages.length;
    const definition: ConfigKeyInfo = key === undefined
      ? {
        name: value.name,
        type: "STRING",
        required: false,
        default_value: null,
        importance: "LOW",
        documentation: "",
        group: null,
        order: -1,
        width: "NONE",
        display_name: value.name,
        dependents: [],
      }
      : configKeyInfo(key);
    return {
      definition,
      value: {
        name: value.name,
        value: configValueToString(value.value, key?.type ?? "STRING"),
        recommended_values: [...value.recommendedValues],
        errors: [...value.errorMessages],
        visible: value.visible,
      },
    };
  });
  return { name, error_count: errorCount, groups: def.groups(), configs };
}

/**
 * Every error in validation results, as `ConfigError` entries (empty when
 * all is valid).
 *
 * @example
 * ```ts
 * import { ConfigDef, configErrors } from "./config_def.ts";
 * import { ConfigError } from "./errors.ts";
 * const def = new ConfigDef().define({ name: "topic", type: "STRING", importance: "HIGH", documentation: "Topic" });
 * const errors = configErrors(def.validate({}));
 * if (errors.length > 0) console.log(new ConfigError(errors, { action: "create connector fs" }).message);
 * // Cannot create connector fs: it contains the following 1 error(s):
 * // Missing required configuration "topic" which has no default value.
 * ```
 */
export function configErrors(values: readonly ConfigValue[]): ConfigErrorEntry[] {
  return values.flatMap((v) => v.errorMessages.map((message) => ({ name: v.name, message })));
}

/**
 * A typed value as a config string, as Kafka's `ConfigDef.convertToString`:
 * lists comma-joined, passwords `[hidden]`, whole `DOUBLE`s with `.0`,
 * null stays null.
 *
 * @example
 * ```ts
 * import { configValueToString } from "./config_def.ts";
 * console.log(configValueToString(["a", "b"], "LIST")); // "a,b"
 * console.log(configValueToString(1, "DOUBLE")); // "1.0"
 * ```
 */
export function configValueToString(value: unknown, type: ConfigType): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Password || type === "PASSWORD") return Password.HIDDEN;
  if (Array.isArray(value)) return value.map(String).join(",");
  if (type === "DOUBLE" && typeof value === "number" && Number.isInteger(value)) {
    return value.toFixed(1);
  }
  return String(value);
}

/**
 * Parses one raw value to its type, or returns Kafka's reason it does not
 * parse (the text after `Invalid value <v> for configuration <k>: `).
 *
 * @example
 * ```ts
 * import { parseConfigValue } from "./config_def.ts";
 * console.log(parseConfigValue(" 42 ", "INT")); // { ok: true, value: 42 }
 * console.log(parseConfigValue("x", "INT")); // { ok: false, reason: "Not a number of type INT" }
 * console.log(parseConfigValue("a, b", "LIST")); // { ok: true, value: [ "a", "b" ] }
 * ```
 */
export function parseConfigValue(
  raw: string,
  type: ConfigType,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  const trimmed = raw.trim();
  switch (type) {
    case "STRING":
    case "CLASS":
      return { ok: true, value: trimmed };
    case "PASSWORD":
      return { ok: true, value: new Password(trimmed) };
    case "BOOLEAN": {
      const lower = trimmed.toLowerCase();
      if (lower === "true") return { ok: true, value: true };
      if (lower === "false") return { ok: true, value: false };
      return { ok: false, reason: "Expected value to be either true or false" };
    }
    case "INT": {
      const n = INTEGER.test(trimmed) ? Number(trimmed) : NaN;
      if (!Number.isInteger(n) || n < INT_MIN || n > INT_MAX) {
        return { ok: false, reason: "Not a number of type INT" };
      }
      return { ok: true, value: n };
    }
    case "LONG": {
      if (!INTEGER.test(trimmed)) return { ok: false, reason: "Not a number of type LONG" };
      const big = BigInt(trimmed);
      if (big < -(2n ** 63n) || big >= 2n ** 63n) {
        return { ok: false, reason: "Not a number of type LONG" };
      }
      if (big < BigInt(Number.MIN_SAFE_INTEGER) || big > BigInt(Number.MAX_SAFE_INTEGER)) {
        return {
          ok: false,
          reason: `LONG values must be within ±${Number.MAX_SAFE_INTEGER} here`,
        };
      }
      return { ok: true, value: Number(big) };
    }
    case "DOUBLE": {
      if (!DECIMAL.test(trimmed)) return { ok: false, reason: "Not a number of type DOUBLE" };
      return { ok: true, value: Number(trimmed) };
    }
    case "LIST":
      return {
        ok: true,
        value: trimmed === "" ? [] : trimmed.split(",").map((item) => item.trim()),
      };
  }
}

function validateKey(
  key: ConfigKey,
  props: Readonly<Record<string, string>>,
  env: WorkerEnvironment,
): ConfigValue {
  const result: ConfigValue = {
    name: key.name,
    value: null,
    recommendedValues: [...(key.validator?.recommendedValues ?? [])],
    errorMessages: [],
    visible: true,
  };
  const raw = rawProp(props, key.name);
  if (raw === undefined) {
    if (key.required) {
      result.errorMessages.push(
        `Missing required configuration "${key.name}" which has no default value.`,
      );
      return result;
    }
    result.value = key.defaultValue;
  } else {
    const parsed = parseConfigValue(raw, key.type);
    if (!parsed.ok) {
      result.errorMessages.push(invalidValueMessage(key, raw, parsed.reason));
      return result;
    }
    result.value = parsed.value;
  }
  if (key.validator !== null) {
    let reason: string | undefined;
    try {
      reason = key.validator.validate(result.value, { name: key.name, props, env });
    } catch (err) {
      reason = errorMessage(err);
    }
    if (reason !== undefined) {
      result.errorMessages.push(
        invalidValueMessage(key, configValueToString(result.value, key.type), reason),
      );
    }
  }
  return result;
}

function invalidValueMessage(key: ConfigKey, value: string | null, reason: string): string {
  const shown = key.type === "PASSWORD" && value !== null ? Password.HIDDEN : value;
  return `Invalid value ${shown} for configuration ${key.name}: ${reason}`;
}

/** A property as a string; non-string values (numbers from JSON) are coerced, null is absent. */
function rawProp(props: Readonly<Record<string, unknown>>, name: string): string | undefined {
  if (!Object.hasOwn(props, name)) return undefined;
  const value = props[name];
  if (value === null || value === undefined) return undefined;
  return typeof value === "string" ? value : String(value);
}

function normaliseDefault(name: string, type: ConfigType, value: unknown): unknown {
  const fail = (): never => {
    throw new ConnectError(`Cannot use ${String(value)} as default of ${name}: not a ${type}`);
  };
  switch (type) {
    case "STRING":
    case "CLASS":
      return typeof value === "string" ? value : fail();
    case "PASSWORD":
      return value instanceof Password
        ? value
        : typeof value === "string"
        ? new Password(value)
        : fail();
    case "BOOLEAN":
      return typeof value === "boolean" ? value : fail();
    case "INT":
      return Number.isInteger(value) && (value as number) >= INT_MIN &&
          (value as number) <= INT_MAX
        ? value
        : fail();
    case "LONG":
      return Number.isSafeInteger(value) ? value : fail();
    case "DOUBLE":
      return typeof value === "number" ? value : fail();
    case "LIST":
      return Array.isArray(value) && value.every((v) => typeof v === "string")
        ? Object.freeze([...value])
        : fail();
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
