/**
 * StringConverter against Kafka Connect's: the golden cases in
 * `testdata/string_converter_golden.json` (see `testdata/ConverterGoldens.java`)
 * replayed through the converter, plus the rules JavaScript values need.
 */
import assert from "node:assert/strict";
import { ConfigError } from "../connect/errors.ts";
import { BigDecimal } from "../connect/logical_types.ts";
import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
import { Struct } from "../connect/struct.ts";
import { javaToString, StringConverter } from "./string_converter.ts";
import golden from "./testdata/string_converter_golden.json" with { type: "json" };

type Text = string | number[];
const text = (t: Text) => typeof t === "string" ? t : String.fromCharCode(...t);

Deno.test("writes and reads each encoding as Kafka Connect", () => {
  for (
    const c of golden.cases as {
      encoding: string | null;
      text?: Text;
      bytes?: string;
      readBytes?: string;
      read: Text;
    }[]
  ) {
    const converter = new StringConverter();
    converter.configure(c.encoding === null ? {} : { "converter.encoding": c.encoding }, false);
    if (c.text !== undefined) {
      const bytes = converter.fromConnectData("t", Schemas.STRING, text(c.text));
      assert.equal(bytes!.toBase64(), c.bytes, `${c.encoding} ${JSON.stringify(c.text)}`);
    }
    const read = converter.toConnectData("t", Uint8Array.fromBase64(c.bytes ?? c.readBytes!));
    assert.deepEqual(read, { schema: Schemas.OPTIONAL_STRING, value: text(c.read) });
  }
});

Deno.test("null is null both ways; the schema is ignored", () => {
  const converter = new StringConverter();
  converter.configure({}, true);
  assert.equal(converter.fromConnectData("t", Schemas.STRING, null), null);
  assert.equal(converter.fromConnectData("t", null, undefined), null);
  assert.deepEqual(converter.toConnectData("t", null), {
    schema: Schemas.OPTIONAL_STRING,
    value: null,
  });
  const bytes = converter.fromConnectData("t", Schemas.INT32, "not an int");
  assert.equal(new TextDecoder().decode(bytes!), "not an int");
});

Deno.test("an unknown encoding is a configuration error", () => {
  assert.throws(
    () => new StringConverter().configure({ "converter.encoding": "EBCDIC" }, false),
    (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.match(
        err.message,
        /^Cannot configure StringConverter: .*\nInvalid value EBCDIC for configuration converter\.encoding: unsupported encoding \(supported: UTF-8, /,
      );
      return true;
    },
  );
});

Deno.test("values are written as Java's toString would", () => {
  const point = SchemaBuilder.struct().field("x", Schemas.INT32).field("y", Schemas.OPTIONAL_INT32)
    .build();
  assert.equal(javaToString(1, Schemas.FLOAT64), "1.0");
  assert.equal(javaToString(Math.fround(0.1), Schemas.FLOAT32), "0.1");
  assert.equal(javaToString(1, Schemas.INT32), "1");
  assert.equal(javaToString(1.5, null), "1.5");
  assert.equal(javaToString(1e21, null), "1.0E21");
  assert.equal(javaToString(2n ** 70n, null), "1180591620717411303424");
  assert.equal(javaToString(true, null), "true");
  assert.equal(javaToString(new Struct(point).put("x", 1), point), "Struct{x=1}");
  assert.equal(javaToString([1, "a", [2]], null), "[1, a, [2]]");
  assert.equal(
    javaToString(new Map<unknown, unknown>([["k", 1], [2, null]]), null),
    "{k=1, 2=null}",
  );
  assert.equal(javaToString({ a: 1 }, null), "{a=1}");
  assert.equal(javaToString(BigDecimal.parse("1E-7"), null), "1E-7");
  assert.equal(javaToString(new Uint8Array([1, 2]), null), "[1, 2]");
  assert.equal(javaToString(new Date(0), null), "1970-01-01T00:00:00.000Z");
  assert.equal(
    javaToString(
      SchemaBuilder.array(Schemas.FLOAT64).build() && [1, 2],
      SchemaBuilder.array(Schemas.FLOAT64).build(),
    ),
    "[1.0, 2.0]",
  );
});

Deno.test("UTF-8 output may share a slab; each result is its own", () => {
  const converter = new StringConverter();
  converter.configure({}, false);
  const all = Array.from(
    { length: 3000 },
    (_, i) => converter.fromConnectData("t", null, `v${i}`)!,
  );
  all.forEach((bytes, i) => assert.equal(new TextDecoder().decode(bytes), `v${i}`));
  assert.equal(new TextDecoder().decode(converter.fromConnectData("t", null, "a\ud800")!), "a?");
});
