import assert from "node:assert/strict";
import {
  ConfigDef,
  configErrors,
  configInfos,
  configKeyInfo,
  configValueToString,
  parseConfigValue,
} from "./config_def.ts";
import { ConfigError, ConnectError } from "./errors.ts";
import { Password } from "./password.ts";
import { atLeast, oneOf } from "./validators.ts";

const SOURCE_DEF = new ConfigDef()
  .define({
    name: "file",
    type: "STRING",
    default: null,
    importance: "HIGH",
    documentation: "Source filename.",
  })
  .define({
    name: "topic",
    type: "STRING",
    importance: "HIGH",
    documentation: "The topic to publish data to",
  })
  .define({
    name: "batch.size",
    type: "INT",
    default: 2000,
    importance: "LOW",
    documentation:
      "The maximum number of records the source task can read from the file each time it is polled",
    validator: atLeast(1),
  });

Deno.test("validate reports every error for every key at once, in Kafka's words", () => {
  const results = SOURCE_DEF.validate({ "batch.size": "x" });
  assert.deepEqual(results.map((r) => [r.name, r.errorMessages]), [
    ["file", []],
    ["topic", ['Missing required configuration "topic" which has no default value.']],
    ["batch.size", ["Invalid value x for configuration batch.size: Not a number of type INT"]],
  ]);
});

Deno.test("validate fills defaults and parses values", () => {
  const results = SOURCE_DEF.validate({ topic: " t ", "batch.size": "10", other: "ignored" });
  assert.deepEqual(results.map((r) => [r.name, r.value]), [
    ["file", null],
    ["topic", "t"],
    ["batch.size", 10],
  ]);
  assert.ok(results.every((r) => r.visible && r.errorMessages.length === 0));
});

Deno.test("validator failures are reported with the value and the reason", () => {
  const [, , batch] = SOURCE_DEF.validate({ topic: "t", "batch.size": "0" });
  assert.deepEqual(batch.errorMessages, [
    "Invalid value 0 for configuration batch.size: Value must be at least 1",
  ]);
});

Deno.test("a validator that throws becomes an error on its key", () => {
  const def = new ConfigDef().define({
    name: "x",
    type: "STRING",
    default: "a",
    importance: "LOW",
    documentation: "x",
    validator: {
      description: "",
      validate: () => {
        throw new Error("boom");
      },
    },
  });
  assert.deepEqual(def.validate({})[0].errorMessages, [
    "Invalid value a for configuration x: boom",
  ]);
});

Deno.test("parse returns the typed configuration", () => {
  const config = SOURCE_DEF.parse({ topic: "lines" });
  assert.deepEqual({ ...config }, { file: null, topic: "lines", "batch.size": 2000 });
  assert.ok(Object.isFrozen(config));
  // Types: these lines only compile if parse is typed.
  const topic: string = config.topic;
  const file: string | null = config.file;
  const batch: number = config["batch.size"];
  assert.equal(typeof topic + typeof file + typeof batch, "stringobjectnumber");
});

Deno.test("parse throws a ConfigError listing every error", () => {
  const err = thrown(() => SOURCE_DEF.parse({ "batch.size": "-1" }));
  assert.ok(err instanceof ConfigError);
  assert.deepEqual(err.errors, [
    {
      name: "topic",
      message: 'Missing required configuration "topic" which has no default value.',
    },
    {
      name: "batch.size",
      message: "Invalid value -1 for configuration batch.size: Value must be at least 1",
    },
  ]);
  assert.equal(
    err.message,
    "Cannot parse configuration: it contains the following 2 error(s):\n" +
      'Missing required configuration "topic" which has no default value.\n' +
      "Invalid value -1 for configuration batch.size: Value must be at least 1",
  );
});

Deno.test("parseConfigValue parses every type as Kafka does", () => {
  const ok = (raw: string, type: Parameters<typeof parseConfigValue>[1]) => {
    const r = parseConfigValue(raw, type);
    assert.ok(r.ok, `${raw} as ${type}`);
    return r.value;
  };
  const bad = (raw: string, type: Parameters<typeof parseConfigValue>[1]) => {
    const r = parseConfigValue(raw, type);
    assert.ok(!r.ok, `${raw} as ${type} must fail`);
    return r.reason;
  };
  assert.equal(ok(" s ", "STRING"), "s");
  assert.equal(ok("a.B", "CLASS"), "a.B");
  assert.equal(ok("TRUE", "BOOLEAN"), true);
  assert.equal(ok("false", "BOOLEAN"), false);
  assert.equal(bad("yes", "BOOLEAN"), "Expected value to be either true or false");
  assert.equal(ok("+42", "INT"), 42);
  assert.equal(ok("-2147483648", "INT"), -2147483648);
  assert.equal(bad("2147483648", "INT"), "Not a number of type INT");
  assert.equal(bad("1.5", "INT"), "Not a number of type INT");
  assert.equal(bad("", "INT"), "Not a number of type INT");
  assert.equal(ok("9007199254740991", "LONG"), 9007199254740991);
  assert.equal(bad("x", "LONG"), "Not a number of type LONG");
  assert.equal(bad("9223372036854775808", "LONG"), "Not a number of type LONG");
  assert.match(bad("9223372036854775807", "LONG"), /within/);
  assert.equal(ok("1e3", "DOUBLE"), 1000);
  assert.equal(ok(".5", "DOUBLE"), 0.5);
  assert.equal(bad("abc", "DOUBLE"), "Not a number of type DOUBLE");
  assert.deepEqual(ok(" a , b,c ", "LIST"), ["a", "b", "c"]);
  assert.deepEqual(ok("  ", "LIST"), []);
  const password = ok(" secret ", "PASSWORD");
  assert.ok(password instanceof Password);
  assert.equal(password.value(), "secret");
});

Deno.test("non-string props (numbers from JSON) are coerced; null is absent", () => {
  const props = { topic: "t", "batch.size": 5 } as unknown as Record<string, string>;
  assert.equal(SOURCE_DEF.parse(props)["batch.size"], 5);
  const withNull = { topic: null } as unknown as Record<string, string>;
  assert.deepEqual(SOURCE_DEF.validate(withNull)[1].errorMessages, [
    'Missing required configuration "topic" which has no default value.',
  ]);
});

Deno.test("passwords never appear in messages or REST values", () => {
  const def = new ConfigDef().define({
    name: "password",
    type: "PASSWORD",
    default: "changeme",
    importance: "HIGH",
    documentation: "The password",
    validator: { description: "", validate: () => "too weak" },
  });
  const results = def.validate({ password: "hunter2" });
  assert.deepEqual(results[0].errorMessages, [
    "Invalid value [hidden] for configuration password: too weak",
  ]);
  const infos = configInfos("X", def, results);
  assert.equal(infos.configs[0].value.value, "[hidden]");
  assert.equal(infos.configs[0].definition.default_value, "[hidden]");
  assert.ok(!JSON.stringify(infos).includes("hunter2"));
  assert.ok(!JSON.stringify(infos).includes("changeme"));
});

Deno.test("define rejects duplicates and defaults of the wrong type", () => {
  assert.throws(
    () =>
      SOURCE_DEF.define({ name: "topic", type: "STRING", importance: "LOW", documentation: "d" }),
    (err: unknown) =>
      err instanceof ConnectError &&
      err.message === "Cannot define configuration topic: it is defined twice",
  );
  const wrong = { name: "n", type: "INT", default: "5", importance: "LOW", documentation: "d" };
  assert.throws(
    () => new ConfigDef().define(wrong as unknown as Parameters<ConfigDef["define"]>[0]),
    (err: unknown) =>
      err instanceof ConnectError && err.message.startsWith("Cannot define configuration n:") &&
      err.cause instanceof Error,
  );
  assert.throws(() =>
    new ConfigDef().define({
      name: "n",
      type: "INT",
      default: 2 ** 31,
      importance: "LOW",
      documentation: "d",
    })
  );
});

Deno.test("define is immutable: each call returns a new spec", () => {
  const a = new ConfigDef();
  const b = a.define({
    name: "x",
    type: "BOOLEAN",
    default: false,
    importance: "LOW",
    documentation: "x",
  });
  assert.deepEqual(a.names(), []);
  assert.deepEqual(b.names(), ["x"]);
});

Deno.test("configKeyInfos has Kafka Connect's ConfigKeyInfo shape", () => {
  const def = SOURCE_DEF.define({
    name: "mode",
    type: "STRING",
    default: "a",
    importance: "MEDIUM",
    documentation: "Mode",
    validator: oneOf(["a", "b"]),
    group: "Advanced",
    orderInGroup: 2,
    width: "SHORT",
    displayName: "The mode",
    dependents: ["batch.size"],
  });
  const infos = def.configKeyInfos();
  assert.deepEqual(infos[1], {
    name: "topic",
    type: "STRING",
    required: true,
    default_value: null,
    importance: "HIGH",
    documentation: "The topic to publish data to",
    group: null,
    order: -1,
    width: "NONE",
    display_name: "topic",
    dependents: [],
  });
  assert.deepEqual(infos[2].default_value, "2000");
  assert.deepEqual(infos[3], {
    name: "mode",
    type: "STRING",
    required: false,
    default_value: "a",
    importance: "MEDIUM",
    documentation: "Mode",
    group: "Advanced",
    order: 2,
    width: "SHORT",
    display_name: "The mode",
    dependents: ["batch.size"],
  });
  assert.equal(infos[0].default_value, null);
  assert.deepEqual(configKeyInfo(def.get("mode")!), infos[3]);
});

Deno.test("configInfos builds the validate response with the error count", () => {
  const def = SOURCE_DEF.define({
    name: "mode",
    type: "STRING",
    default: "a",
    importance: "LOW",
    documentation: "Mode",
    validator: oneOf(["a", "b"]),
    group: "Advanced",
  });
  const infos = configInfos("org.example.X", def, def.validate({ "batch.size": "0", mode: "c" }));
  assert.equal(infos.name, "org.example.X");
  assert.equal(infos.error_count, 3);
  assert.deepEqual(infos.groups, ["Advanced"]);
  assert.equal(infos.configs.length, 4);
  assert.deepEqual(infos.configs[3].value, {
    name: "mode",
    value: "c",
    recommended_values: ["a", "b"],
    errors: ["Invalid value c for configuration mode: String must be one of: a, b"],
    visible: true,
  });
  assert.deepEqual(infos.configs[0].value, {
    name: "file",
    value: null,
    recommended_values: [],
    errors: [],
    visible: true,
  });
  // JSON-serialisable as is.
  assert.deepEqual(JSON.parse(JSON.stringify(infos)), infos);
});

Deno.test("configInfos includes results for keys the spec does not define", () => {
  const infos = configInfos("X", new ConfigDef(), [
    { name: "extra", value: "v", recommendedValues: [], errorMessages: ["bad"], visible: true },
  ]);
  assert.equal(infos.error_count, 1);
  assert.equal(infos.configs[0].definition.name, "extra");
  assert.equal(infos.configs[0].definition.type, "STRING");
});

Deno.test("rules see parsed values and add errors to keys", () => {
  const def = new ConfigDef()
    .define({ name: "min", type: "INT", default: 0, importance: "LOW", documentation: "min" })
    .define({ name: "max", type: "INT", default: 10, importance: "LOW", documentation: "max" })
    .rule((ctx) => {
      if ((ctx.value("min") as number) > (ctx.value("max") as number)) {
        ctx.addError("max", "max must not be less than min");
      }
      if (ctx.isSet("min") && ctx.props.min.trim() === "") ctx.addError("min", "unreachable");
    })
    .rule(() => {
      throw new Error("broken rule");
    });
  const results = def.validate({ min: "5", max: "1" });
  assert.deepEqual(results.find((r) => r.name === "max")?.errorMessages, [
    "max must not be less than min",
  ]);
  assert.deepEqual(results.find((r) => r.name === "")?.errorMessages, [
    "Cannot validate configuration: a rule failed: broken rule",
  ]);
  assert.throws(() => def.parse({}), ConfigError);
});

Deno.test("merge keeps both specs' keys and rules; the second wins a clash", () => {
  const a = new ConfigDef()
    .define({ name: "x", type: "INT", default: 1, importance: "LOW", documentation: "a.x" })
    .define({ name: "y", type: "INT", default: 2, importance: "LOW", documentation: "a.y" })
    .rule((ctx) => ctx.addError("x", "rule a"));
  const b = new ConfigDef()
    .define({ name: "y", type: "STRING", default: "s", importance: "HIGH", documentation: "b.y" })
    .rule((ctx) => ctx.addError("y", "rule b"));
  const merged = a.merge(b);
  assert.deepEqual(merged.names(), ["x", "y"]);
  assert.equal(merged.get("y")?.documentation, "b.y");
  assert.deepEqual(merged.validate({}).map((r) => r.errorMessages), [["rule a"], ["rule b"]]);
});

Deno.test("groups are listed in the order keys first use them", () => {
  const def = new ConfigDef()
    .define({
      name: "a",
      type: "STRING",
      default: "",
      importance: "LOW",
      documentation: "a",
      group: "G2",
    })
    .define({ name: "b", type: "STRING", default: "", importance: "LOW", documentation: "b" })
    .define({
      name: "c",
      type: "STRING",
      default: "",
      importance: "LOW",
      documentation: "c",
      group: "G1",
    })
    .define({
      name: "d",
      type: "STRING",
      default: "",
      importance: "LOW",
      documentation: "d",
      group: "G2",
    });
  assert.deepEqual(def.groups(), ["G2", "G1"]);
});

Deno.test("configValueToString formats values as Kafka does", () => {
  assert.equal(configValueToString(null, "STRING"), null);
  assert.equal(configValueToString(["a", "b"], "LIST"), "a,b");
  assert.equal(configValueToString(2, "DOUBLE"), "2.0");
  assert.equal(configValueToString(2.5, "DOUBLE"), "2.5");
  assert.equal(configValueToString(true, "BOOLEAN"), "true");
  assert.equal(configValueToString(new Password("p"), "PASSWORD"), "[hidden]");
});

Deno.test("configErrors flattens validation results into ConfigError entries", () => {
  assert.deepEqual(configErrors(SOURCE_DEF.validate({ topic: "t" })), []);
  assert.deepEqual(configErrors(SOURCE_DEF.validate({})), [
    {
      name: "topic",
      message: 'Missing required configuration "topic" which has no default value.',
    },
  ]);
});

Deno.test("every type's default is normalised: lists frozen, passwords wrapped", () => {
  const def = new ConfigDef()
    .define({ name: "l", type: "LIST", default: ["a"], importance: "LOW", documentation: "l" })
    .define({ name: "p", type: "PASSWORD", default: "s", importance: "LOW", documentation: "p" })
    .define({ name: "d", type: "DOUBLE", default: 0.5, importance: "LOW", documentation: "d" })
    .define({ name: "g", type: "LONG", default: 5, importance: "LOW", documentation: "g" })
    .define({ name: "c", type: "CLASS", default: "a.B", importance: "LOW", documentation: "c" })
    .define({ name: "b", type: "BOOLEAN", default: true, importance: "LOW", documentation: "b" });
  const config = def.parse({});
  assert.deepEqual(config.l, ["a"]);
  assert.ok(Object.isFrozen(config.l));
  assert.ok(config.p instanceof Password);
  assert.equal(config.p.value(), "s");
  assert.equal(config.d, 0.5);
  assert.equal(config.g, 5);
  assert.equal(config.c, "a.B");
  assert.equal(config.b, true);
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail("expected an error");
}
