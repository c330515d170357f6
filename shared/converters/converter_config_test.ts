import assert from "node:assert/strict";
import { ConfigError } from "../connect/errors.ts";
import { ConverterConfigReader, converterType } from "./converter_config.ts";

Deno.test("booleans: true/false in any case, trimmed", () => {
  const r = new ConverterConfigReader({ a: " TRUE ", b: "False", c: "yes" });
  assert.equal(r.boolean("a", false), true);
  assert.equal(r.boolean("b", true), false);
  assert.equal(r.boolean("missing", true), true);
  assert.equal(r.boolean("c", true), true);
  assert.throws(() => r.done("configure X"), (err: Error) => {
    assert.ok(err instanceof ConfigError);
    assert.deepEqual(err.messages, [
      "Invalid value yes for configuration c: Expected value to be either true or false",
    ]);
    assert.equal(
      err.message,
      "Cannot configure X: it contains the following 1 error(s):\nInvalid value yes for configuration c: Expected value to be either true or false",
    );
    return true;
  });
});

Deno.test("ints and choices, every error at once", () => {
  const r = new ConverterConfigReader({
    n: "12",
    big: "3000000000",
    bad: "1.5",
    f: "numeric",
    g: "hex",
  });
  assert.equal(r.int("n", 0), 12);
  assert.equal(r.int("big", 7), 7);
  assert.equal(r.int("bad", 7), 7);
  assert.equal(r.choice("f", ["NUMERIC", "BASE64"], "BASE64"), "NUMERIC");
  assert.equal(r.choice("g", ["NUMERIC", "BASE64"], "BASE64"), "BASE64");
  assert.equal(r.choice("none", ["NUMERIC", "BASE64"], "BASE64"), "BASE64");
  assert.throws(() => r.done("configure X"), (err: ConfigError) => {
    assert.deepEqual(err.errors.map((e) => e.name), ["big", "bad", "g"]);
    assert.equal(
      err.errors[0].message,
      "Invalid value 3000000000 for configuration big: Not a number of type INT",
    );
    assert.equal(
      err.errors[2].message,
      "Invalid value hex for configuration g: String must be one of (case insensitive): NUMERIC, BASE64",
    );
    return true;
  });
});

Deno.test("no error, no throw; strings are trimmed", () => {
  const r = new ConverterConfigReader({ s: "  x " });
  assert.equal(r.string("s"), "x");
  assert.equal(r.string("missing"), undefined);
  r.done("configure X");
  assert.equal(converterType(true), "key");
  assert.equal(converterType(false), "value");
});
