import assert from "node:assert/strict";
import { parseBooleanQuery, parseTaskId } from "./request_params.ts";
import { RestError } from "./rest_error.ts";

Deno.test("parseTaskId converts as Java's Integer.valueOf", () => {
  const cases: [string, number][] = [
    ["0", 0],
    ["-0", 0],
    ["+3", 3],
    ["007", 7],
    ["-1", -1],
    ["2147483647", 2147483647],
    ["-2147483648", -2147483648],
  ];
  for (const [raw, id] of cases) assert.equal(parseTaskId(raw), id, raw);
  assert.ok(Object.is(parseTaskId("-0"), 0));
});

Deno.test("parseTaskId answers Jersey's 404 for anything else", () => {
  for (
    const raw of ["", " 1", "1 ", "1.0", "1e3", "0x10", "2147483648", "-2147483649", "one", "+"]
  ) {
    assert.throws(
      () => parseTaskId(raw),
      (err) =>
        err instanceof RestError && err.status === 404 && err.message === "HTTP 404 Not Found",
      raw,
    );
  }
});

Deno.test("parseBooleanQuery follows @DefaultValue and Boolean.valueOf", () => {
  assert.equal(parseBooleanQuery(undefined, true), true);
  assert.equal(parseBooleanQuery(undefined, false), false);
  assert.equal(parseBooleanQuery("", true), true);
  assert.equal(parseBooleanQuery("  ", false), false);
  assert.equal(parseBooleanQuery("true", false), true);
  assert.equal(parseBooleanQuery("TrUe", false), true);
  assert.equal(parseBooleanQuery("false", true), false);
  assert.equal(parseBooleanQuery("1", true), false);
  assert.equal(parseBooleanQuery("yes", true), false);
});
