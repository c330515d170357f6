/**
 * JsonConverter behaviour beyond the Kafka Connect goldens
 * (`json_converter_golden_test.ts`): configuration, the fast paths and
 * caches, JavaScript-specific values, and Decimal output checked against
 * `testdata/java_numbers_golden.json` (Kafka Connect's own output for 300
 * random decimals; see `testdata/ConverterGoldens.java`).
 */
import assert from "node:assert/strict";
import { ConfigError, DataError } from "../connect/errors.ts";
import { BigDecimal, Decimal } from "../connect/logical_types.ts";
import type { Schema } from "../connect/schema.ts";
import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
import { Struct } from "../connect/struct.ts";
import { valuesEqual } from "../connect/values.ts";
import { ENVELOPE_ERROR_MESSAGE, JsonConverter } from "./json_converter.ts";
import numbers from "./testdata/java_numbers_golden.json" with { type: "json" };

const encoder = new TextEncoder();
const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes!);

function converter(config: Record<string, string> = {}): JsonConverter {
  const c = new JsonConverter();
  c.configure(config, false);
  return c;
}

Deno.test("the envelope of the quickstart and of a struct", () => {
  const c = converter();
  assert.equal(
    text(c.fromConnectData("t", Schemas.STRING, "foo")),
    '{"schema":{"type":"string","optional":false},"payload":"foo"}',
  );
  const user = SchemaBuilder.struct().name("User").field("id", Schemas.INT32)
    .field("name", Schemas.OPTIONAL_STRING).build();
  assert.equal(
    text(c.fromConnectData("t", user, new Struct(user).put("id", 1).put("name", "a"))),
    '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},' +
      '{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"User"},"payload":{"id":1,"name":"a"}}',
  );
  assert.equal(c.fromConnectData("t", null, null), null);
  assert.deepEqual(c.toConnectData("t", null), { schema: null, value: null });
});

Deno.test("an unconfigured converter uses the defaults", () => {
  assert.equal(
    text(new JsonConverter().fromConnectData("t", Schemas.INT8, 1)),
    '{"schema":{"type":"int8","optional":false},"payload":1}',
  );
});

Deno.test("invalid configuration lists every error", () => {
  assert.throws(
    () =>
      converter({
        "schemas.enable": "yes",
        "decimal.format": "HEX",
        "schemas.cache.size": "x",
        "floating.format": "jdk8",
      }),
    (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.errors.length, 4);
      assert.match(
        err.message,
        /^Cannot configure JsonConverter: it contains the following 4 error\(s\):/,
      );
      return true;
    },
  );
  assert.throws(() => converter({ "schema.content": '{"type":"nope"}' }), {
    name: "DataError",
    message: "Cannot configure JsonConverter: invalid schema.content (Unknown schema type: nope)",
  });
});

Deno.test("the string fast path writes what the general path would", () => {
  const c = converter();
  const schemas = [
    Schemas.STRING,
    Schemas.OPTIONAL_STRING,
    SchemaBuilder.string().name("n").version(2).doc("d").parameter("p", "v").defaultValue("x")
      .build(),
  ];
  const values = ["", "plain", 'q"uote', "ctl\u0001", "😀", "a\ud800"];
  for (const schema of schemas) {
    for (const value of values) {
      const expected = `{"schema":${c.schemaToJson(schema)},"payload":${
        JSON.stringify(value).replace(/\\u([0-9a-f]{4})/g, (_, h) => "\\u" + h.toUpperCase())
          .replace(/😀/, "\\uD83D\\uDE00")
      }}`;
      assert.equal(text(c.fromConnectData("t", schema, value)), expected);
    }
  }
  // Alternating schemas must not mix up the cached prefix.
  assert.equal(
    text(c.fromConnectData("t", Schemas.STRING, "a")),
    '{"schema":{"type":"string","optional":false},"payload":"a"}',
  );
  assert.equal(
    text(c.fromConnectData("t", Schemas.OPTIONAL_STRING, "a")),
    '{"schema":{"type":"string","optional":true},"payload":"a"}',
  );
  assert.equal(
    text(c.fromConnectData("t", Schemas.STRING, "a")),
    '{"schema":{"type":"string","optional":false},"payload":"a"}',
  );
  // A logical-type name on a string schema is not a plain string.
  const named = SchemaBuilder.string().name("org.apache.kafka.connect.data.Date").build();
  assert.throws(() => c.fromConnectData("t", named, "2024-01-01"), {
    message: "Invalid type for Date, expected Date but was string",
  });
});

Deno.test("reconfiguring drops cached prefixes", () => {
  const c = converter();
  c.fromConnectData("t", Schemas.STRING, "a");
  c.configure({ "schemas.enable": "false" }, false);
  assert.equal(text(c.fromConnectData("t", Schemas.STRING, "a")), '"a"');
  c.configure({ "floating.format": "shortest" }, true);
  assert.equal(
    text(c.fromConnectData("t", Schemas.FLOAT64, 1e23)),
    '{"schema":{"type":"double","optional":false},"payload":1.0E23}',
  );
});

Deno.test("headers are ignored", () => {
  const c = converter();
  const bytes = c.fromConnectData("t", Schemas.INT32, 1, [{ key: "h", schema: null, value: "x" }]);
  assert.equal(text(bytes), '{"schema":{"type":"int32","optional":false},"payload":1}');
});

Deno.test("JavaScript values: maps, int64, floats, bytes", () => {
  const c = converter({ "schemas.enable": "false" });
  const write = (schema: Schema | null, value: unknown) =>
    text(c.fromConnectData("t", schema, value));
  const map = SchemaBuilder.map(Schemas.OPTIONAL_STRING, Schemas.INT32).build();
  assert.equal(write(map, { b: 1, a: 2 }), '{"b":1,"a":2}');
  assert.equal(write(map, new Map([[null, 1], ["x", 2], ["null", 3]])), '{"null":3,"x":2}');
  assert.equal(
    write(SchemaBuilder.map(Schemas.INT64, Schemas.STRING).build(), new Map([[1n, "a"]])),
    '[[1,"a"]]',
  );
  assert.equal(write(null, new Map<unknown, unknown>([["a", 1], [2, "b"]])), '[["a",1],[2,"b"]]');
  assert.equal(
    write(null, { nested: { list: [1, 2.5, null, "x"] } }),
    '{"nested":{"list":[1,2.5,null,"x"]}}',
  );
  assert.equal(write(Schemas.INT64, 2 ** 60), "1152921504606846976");
  assert.equal(write(Schemas.INT64, -(2n ** 63n)), "-9223372036854775808");
  assert.equal(write(null, 2n ** 62n), "4611686018427387904");
  assert.equal(write(null, 1e300), "1.0E300");
  assert.equal(write(Schemas.FLOAT64, NaN), '"NaN"');
  assert.equal(write(Schemas.FLOAT32, 0.1), "0.1");
  assert.equal(write(Schemas.FLOAT32, 1 / 3), "0.33333334");
  assert.equal(write(Schemas.BYTES, new Uint8Array([0, 255])), '"AP8="');
  assert.equal(write(SchemaBuilder.array(Schemas.BOOLEAN).build(), [true, false]), "[true,false]");
});

Deno.test("values the schema rejects", () => {
  const c = converter();
  const cases: [Schema | null, unknown, string][] = [
    [Schemas.INT8, 300, "Invalid type for INT8: number"],
    [Schemas.INT32, 1.5, "Invalid type for INT32: number"],
    [Schemas.INT64, 2n ** 63n, "Invalid type for INT64: bigint"],
    [Schemas.FLOAT64, 1n, "Invalid type for FLOAT64: bigint"],
    [Schemas.BOOLEAN, 1, "Invalid type for BOOLEAN: number"],
    [Schemas.BYTES, [1], "Invalid type for bytes type: Array"],
    [SchemaBuilder.array(Schemas.INT32).build(), new Set([1]), "Invalid type for ARRAY: Set"],
    [SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build(), [], "Invalid type for MAP: Array"],
    [
      SchemaBuilder.map(Schemas.STRING, Schemas.INT32).build(),
      new Map([[1, 1]]),
      "Invalid type for STRING: number",
    ],
    [SchemaBuilder.struct().build(), {}, "Invalid type for STRUCT: object"],
    [null, new Date(0), "Value of type Date does not have corresponding schema type."],
    [null, Symbol("s"), "Value of type symbol does not have corresponding schema type."],
    [null, 2n ** 64n, "Value of type bigint does not have corresponding schema type."],
    [Decimal.schema(2), 1.5, "Invalid type for Decimal, expected BigDecimal but was number"],
    [
      Schemas.STRING,
      null,
      "Conversion error: null value for field that is required and has no default value",
    ],
  ];
  for (const [schema, value, message] of cases) {
    assert.throws(() => c.fromConnectData("t", schema, value), (err: Error) => {
      assert.ok(err instanceof DataError);
      assert.equal(err.message, message);
      return true;
    });
  }
});

Deno.test("a struct must have the schema it is written with", () => {
  const c = converter();
  const a = SchemaBuilder.struct().field("x", Schemas.INT32).build();
  const same = SchemaBuilder.struct().field("x", Schemas.INT32).build();
  const other = SchemaBuilder.struct().field("x", Schemas.INT64).build();
  assert.equal(
    text(c.fromConnectData("t", a, new Struct(same).put("x", 1))).endsWith('"payload":{"x":1}}'),
    true,
  );
  assert.throws(() => c.fromConnectData("t", a, new Struct(other).put("x", 1)), {
    message: "Mismatching schema.",
  });
  assert.throws(() => c.fromConnectData("t", null, new Struct(a).put("x", 1)), {
    message: "Mismatching schema.",
  });
});

Deno.test("Decimal as Kafka Connect writes it, BASE64 and NUMERIC", () => {
  const base64 = converter({ "schemas.enable": "false" });
  const numeric = converter({ "schemas.enable": "false", "decimal.format": "NUMERIC" });
  assert.equal(numbers.decimals.length, 300);
  for (
    const [unscaled, scale, numericText, base64Text] of numbers.decimals as [
      string,
      number,
      string,
      string,
    ][]
  ) {
    const value = new BigDecimal(BigInt(unscaled), scale);
    const schema = Decimal.schema(scale);
    assert.equal(
      text(numeric.fromConnectData("t", schema, value)),
      numericText,
      `${unscaled}e-${scale}`,
    );
    assert.equal(
      text(base64.fromConnectData("t", schema, value)),
      base64Text,
      `${unscaled}e-${scale}`,
    );
    assert.equal(value.toString(), numericText);
  }
});

Deno.test("floating.format picks JDK 17's or JDK 19+'s digits", () => {
  const jdk17 = converter({ "schemas.enable": "false" });
  const shortest = converter({ "schemas.enable": "false", "floating.format": "SHORTEST" });
  assert.equal(
    text(jdk17.fromConnectData("t", Schemas.FLOAT64, 2 ** 60)),
    "1.15292150460684698E18",
  );
  assert.equal(
    text(shortest.fromConnectData("t", Schemas.FLOAT64, 2 ** 60)),
    "1.152921504606847E18",
  );
  assert.equal(text(jdk17.fromConnectData("t", null, 0.5)), "0.5");
});

Deno.test("reading a string envelope takes the fast path and returns the shared schemas", () => {
  const c = converter();
  for (const [schema, value] of [[Schemas.STRING, "x"], [Schemas.OPTIONAL_STRING, "y"]] as const) {
    const read = c.toConnectData("t", c.fromConnectData("t", schema, value));
    assert.equal(read.schema, schema);
    assert.equal(read.value, value);
  }
  const spaced = c.toConnectData(
    "t",
    encoder.encode('{"schema":{"type":"string","optional":false},"payload": "x" }'),
  );
  assert.deepEqual(spaced, { schema: Schemas.STRING, value: "x" });
  assert.throws(
    () =>
      c.toConnectData(
        "t",
        encoder.encode('{"schema":{"type":"string","optional":false},"payload":null}'),
      ),
    {
      message: "Invalid null value for required STRING field",
    },
  );
  assert.throws(
    () =>
      c.toConnectData(
        "t",
        encoder.encode('{"schema":{"type":"string","optional":false},"payload":"a","x":1}'),
      ),
    { message: ENVELOPE_ERROR_MESSAGE },
  );
});

Deno.test("a string envelope's payload reads exactly, escaped or not, and bad bytes fail", () => {
  const c = converter();
  const prefix = '{"schema":{"type":"string","optional":false},"payload":';
  const read = (payload: Uint8Array) =>
    c.toConnectData("t", new Uint8Array([...encoder.encode(prefix), ...payload, 0x7d]));
  for (const value of ["", "plain", "héllo 日本 😀", 'q"uote', "back\\slash", "tab\t", "\ufffd"]) {
    assert.equal(read(encoder.encode(JSON.stringify(value))).value, value);
  }
  // Raw control characters and a bare quote inside are not JSON: the general path reports them.
  for (const bad of ['"a\u0001b"', '"a"b"', '"abc']) {
    assert.throws(() => read(encoder.encode(bad)), DataError, bad);
  }
  assert.throws(() => read(new Uint8Array([0x22, 0x61, 0xff, 0x62, 0x22])), DataError);
  assert.throws(() => read(new Uint8Array([0x22, 0xc3, 0x22])), DataError);
});

Deno.test("schemas read are cached by their text", () => {
  const c = converter();
  const schema = SchemaBuilder.struct().field("a", Schemas.INT32).build();
  const bytes = c.fromConnectData("t", schema, new Struct(schema).put("a", 1));
  const first = c.toConnectData("t", bytes).schema;
  assert.equal(c.toConnectData("t", bytes).schema, first);
  // A cache of one still reads correctly when schemas alternate.
  const small = converter({ "schemas.cache.size": "1" });
  const other = c.fromConnectData("t", Schemas.INT64, 5);
  for (let i = 0; i < 3; i++) {
    assert.equal((small.toConnectData("t", bytes).value as Struct).get("a"), 1);
    assert.equal(small.toConnectData("t", other).value, 5);
  }
  const none = converter({ "schemas.cache.size": "0" });
  assert.equal(none.toConnectData("t", other).value, 5);
});

Deno.test("bad UTF-8 fails only where Jackson would read it", () => {
  const c = converter({ "schemas.enable": "false" });
  const tail = new Uint8Array([...encoder.encode('{"a":1} '), 0xff]);
  assert.deepEqual(c.toConnectData("t", tail).value, new Map([["a", 1]]));
  assert.throws(() => c.toConnectData("t", new Uint8Array([0x22, 0xff, 0x22])), (err: Error) => {
    assert.equal(
      err.message,
      "Converting byte[] to Kafka Connect data failed due to serialization error: ",
    );
    assert.match((err.cause as Error).message, /invalid UTF-8/);
    return true;
  });
  const envelope = converter();
  const bytes = new Uint8Array([...encoder.encode('{"schema":null,"payload":1}'), 0xc3]);
  assert.equal(envelope.toConnectData("t", bytes).value, 1);
});

Deno.test("schemaToJson and schemaFromJson", () => {
  const c = converter();
  const schema = SchemaBuilder.array(Schemas.OPTIONAL_FLOAT32).name("xs").build();
  const json = c.schemaToJson(schema);
  assert.equal(
    json,
    '{"type":"array","items":{"type":"float","optional":true},"optional":false,"name":"xs"}',
  );
  assert.deepEqual(c.schemaFromJson(json), schema);
  assert.equal(c.schemaFromJson("null"), null);
  assert.throws(() => c.schemaFromJson("{"), (err: Error) => {
    assert.ok(err instanceof DataError);
    assert.match(err.message, /^Cannot read schema: Cannot parse JSON: /);
    return true;
  });
  assert.throws(() => c.schemaFromJson('{"type":"x"}'), { message: "Unknown schema type: x" });
});

Deno.test("written bytes stay intact while the pool moves on", () => {
  const c = converter();
  const written = Array.from(
    { length: 5000 },
    (_, i) => c.fromConnectData("t", Schemas.STRING, `v${i}`)!,
  );
  written.forEach((bytes, i) => assert.equal(c.toConnectData("t", bytes).value, `v${i}`));
});

Deno.test("reading takes the same values whichever internal path is used", () => {
  // The first read of a schema goes through the exact parser; later reads of
  // the same schema text may use JSON.parse. Both must agree, on values
  // chosen to stress numbers (big int64, precise doubles, exponents).
  let seed = 99;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  const schema = SchemaBuilder.struct().name("Row")
    .field("i8", Schemas.INT8).field("i32", Schemas.INT32).field("i64", Schemas.INT64)
    .field("f64", Schemas.FLOAT64).field("s", Schemas.OPTIONAL_STRING).field("b", Schemas.BOOLEAN)
    .field("xs", SchemaBuilder.array(Schemas.INT64))
    .field("inner", SchemaBuilder.struct().field("d", Schemas.OPTIONAL_FLOAT64).optional())
    .build();
  const innerSchema = schema.fields![7].schema;
  const writer = converter();
  const doubles = [0, 0.1, 1 / 3, 1e21, 1e-7, 12.34, -5e-324, 2 ** 53 + 2, 123456789.125];
  const int64s = [
    0,
    1,
    -1,
    2 ** 53 - 1,
    9007199254740993n,
    -(2n ** 63n),
    2n ** 63n - 1n,
    123456789012345,
  ];
  for (let n = 0; n < 300; n++) {
    const row = new Struct(schema)
      .put("i8", (next() % 256) - 128)
      .put("i32", next() | 0)
      .put("i64", int64s[next() % int64s.length])
      .put("f64", (next() % 2 ? 1 : -1) * doubles[1 + next() % (doubles.length - 1)])
      .put("s", next() % 3 === 0 ? null : `s${next()}\u0001"\\😀`)
      .put("b", next() % 2 === 0)
      .put("xs", Array.from({ length: next() % 4 }, () => int64s[next() % int64s.length]))
      .put(
        "inner",
        next() % 2 ? null : new Struct(innerSchema).put("d", doubles[next() % doubles.length]),
      );
    const bytes = writer.fromConnectData("t", schema, row)!;
    const reader = converter();
    const first = reader.toConnectData("t", bytes);
    const second = reader.toConnectData("t", bytes);
    assert.ok(valuesEqual(first.value, row), `row ${n}: ${text(bytes)}`);
    assert.ok(valuesEqual(second.value, row), `row ${n} (second read): ${text(bytes)}`);
  }
});

Deno.test("-0.0 reads as 0, as through Java's BigDecimal, on both paths", () => {
  const c = converter();
  const schema = SchemaBuilder.struct().field("d", Schemas.FLOAT64).build();
  const written = c.fromConnectData("t", schema, new Struct(schema).put("d", -0))!;
  assert.ok(text(written).endsWith('"payload":{"d":-0.0}}'));
  for (let i = 0; i < 2; i++) {
    assert.ok(Object.is((c.toConnectData("t", written).value as Struct).get("d"), 0));
  }
});

Deno.test("lenient reads agree on both paths too", () => {
  const c = converter();
  const messages = [
    '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false},"payload":{"a":1.9}}',
    '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false},"payload":{"a":"x"}}',
    '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false},"payload":{"a":3000000000}}',
    '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false},"payload":{"a":0.99999999999999999}}',
    '{"schema":{"type":"array","items":{"type":"int64","optional":false},"optional":false},"payload":{"b":2,"a":1}}',
    '{"schema":{"type":"array","items":{"type":"int64","optional":false},"optional":false},"payload":{"2":2,"1":1}}',
  ];
  const expected = [1, 0, -1294967296, 0, [2, 1], [2, 1]];
  messages.forEach((message, i) => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const value = c.toConnectData("t", encoder.encode(message)).value;
      const actual = value instanceof Struct ? value.get("a") : value;
      assert.deepEqual(actual, expected[i], `${message} (read ${attempt + 1})`);
    }
  });
});

Deno.test("schema.content reads bare payloads with a fixed schema", () => {
  const c = converter({
    "schema.content": '{"type":"struct","fields":[{"field":"n","type":"int64"}]}',
  });
  for (let i = 0; i < 2; i++) {
    const read = c.toConnectData("t", encoder.encode('{"n":9007199254740993}'));
    assert.equal((read.value as Struct).get("n"), 9007199254740993n);
    assert.equal(read.schema?.fields?.[0].name, "n");
  }
  const disabled = converter({ "schemas.enable": "false", "schema.content": '{"type":"int32"}' });
  assert.deepEqual(disabled.toConnectData("t", encoder.encode("5")), { schema: null, value: 5 });
});
