import assert from "node:assert/strict";
import { JsonFloat } from "./json_node.ts";
import { JsonParseError, parseJson, parseJsonEnvelope } from "./json_parser.ts";

Deno.test("numbers keep what JSON.parse would lose", () => {
  assert.deepEqual(
    parseJson("[1, -0, 007, 9007199254740993, -9223372036854775808, 1.50, 1e2, -0.0]"),
    [
      1,
      0,
      7,
      9007199254740993n,
      -9223372036854775808n,
      new JsonFloat("1.50"),
      new JsonFloat("1e2"),
      new JsonFloat("-0.0"),
    ],
  );
  assert.ok(Object.is(parseJson("-0"), 0));
  assert.equal(parseJson("123456789012345"), 123456789012345);
  assert.equal(parseJson("0001234567890123456"), 1234567890123456);
});

Deno.test("objects are Maps in written order; a repeated key keeps its place and last value", () => {
  const node = parseJson(
    '{"b": 1, "a": {"x": [true, false, null]}, "b": 2, "__proto__": 3, "1": 4}',
  );
  assert.ok(node instanceof Map);
  assert.deepEqual([...node.keys()], ["b", "a", "__proto__", "1"]);
  assert.equal(node.get("b"), 2);
  assert.equal(node.get("__proto__"), 3);
  assert.deepEqual((node.get("a") as Map<string, unknown>).get("x"), [true, false, null]);
});

Deno.test("strings decode escapes like JSON.parse", () => {
  assert.equal(
    parseJson('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\ud800"'),
    'a"b\\c/d\b\f\n\r\té😀\ud800',
  );
  assert.equal(parseJson('"plain é 😀 \u2028"'), "plain é 😀 \u2028");
});

Deno.test("only the first value is read", () => {
  assert.deepEqual(parseJson('{"a":1} x'), new Map([["a", 1]]));
  assert.deepEqual(parseJson("[1]]"), [1]);
  assert.equal(parseJson("1 2"), 1);
  assert.equal(parseJson('"a" "b"'), "a");
  assert.equal(parseJson(""), undefined);
  assert.equal(parseJson(" \n\t\r "), undefined);
});

Deno.test("invalid JSON throws JsonParseError", () => {
  const bad = [
    "{",
    "[1,]",
    "[1 2]",
    '{"a" 1}',
    '{"a":}',
    "{'a':1}",
    "NaN",
    "+1",
    "[.5]",
    "[5.]",
    "1e",
    "-",
    "tru",
    "truex",
    "nul",
    '"\\x"',
    '"\\u12"',
    '"a\u0001b"',
    '"unterminated',
    '"\\',
    "/* c */ 1",
    "1,2",
    "1]",
    "[01x]",
    "{1:2}",
  ];
  for (const text of bad) assert.throws(() => parseJson(text), JsonParseError, text);
  assert.throws(() => parseJson('{"a":}'), {
    message: "Cannot parse JSON: unexpected character '}' (code 125) at offset 5",
  });
});

Deno.test("Jackson's limits: depth 1000, numbers of 1000 characters", () => {
  assert.ok(Array.isArray(parseJson("[".repeat(1000) + "]".repeat(1000))));
  assert.throws(() => parseJson("[".repeat(1001) + "]".repeat(1001)), /nesting deeper than 1000/);
  assert.equal(typeof parseJson("1" + "0".repeat(999)), "bigint");
  assert.throws(() => parseJson("1" + "0".repeat(1000)), /number longer than 1000/);
});

Deno.test("parseJsonEnvelope returns the schema's text and the payload", () => {
  const text = '{ "payload" : [1, 2.5] , "schema" : { "type" : "array" } }';
  const envelope = parseJsonEnvelope(text);
  assert.equal(envelope.isEnvelope, true);
  assert.equal(envelope.schemaText, '{ "type" : "array" }');
  assert.deepEqual(envelope.payload, [1, new JsonFloat("2.5")]);
  assert.equal(parseJsonEnvelope('{"schema":null,"payload":null}').schemaText, "null");
  assert.equal(parseJsonEnvelope('{"schema":1,"payload":1,"schema":2}').schemaText, "2");
});

Deno.test("parseJsonEnvelope recognises non-envelopes", () => {
  for (
    const text of [
      '{"a":1}',
      '{"schema":null}',
      '{"schema":1,"payload":2,"x":3}',
      "[1]",
      '"s"',
      "",
      "{}",
    ]
  ) {
    assert.equal(parseJsonEnvelope(text).isEnvelope, false, text);
  }
  assert.throws(() => parseJsonEnvelope('{"schema":{"type":},"payload":1}'), JsonParseError);
  assert.throws(() => parseJsonEnvelope("[1,]"), JsonParseError);
  assert.throws(() => parseJsonEnvelope("1x"), JsonParseError);
});

Deno.test("a known schema text is skipped without scanning", () => {
  const schema = '{"type":"string","optional":false}';
  const envelope = parseJsonEnvelope(`{"schema":${schema},"payload":"x"}`, schema);
  assert.equal(envelope.schemaText, schema);
  assert.equal(envelope.payload, "x");
  // A different schema is scanned as usual.
  const other = parseJsonEnvelope('{"schema":{"type":"int32"},"payload":1}', schema);
  assert.equal(other.schemaText, '{"type":"int32"}');
});
