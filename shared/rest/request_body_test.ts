import assert from "node:assert/strict";
import {
  checkConnectorName,
  isJsonObject,
  jsonTypeName,
  NO_OFFSETS_MESSAGE,
  parseConfigPatch,
  parseConnectorConfig,
  parseConnectorOffsets,
  parseCreateConnectorRequest,
  parseJson,
  readJsonBody,
  withConnectorName,
} from "./request_body.ts";
import { RestError } from "./rest_error.ts";

function rejects(fn: () => unknown, status: number, message: string | RegExp): RestError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof RestError, `expected a RestError, got ${caught}`);
  assert.equal(caught.status, status);
  if (typeof message === "string") assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  return caught;
}

function request(body: string, contentType?: string): Request {
  const headers = new Headers();
  if (contentType !== undefined) headers.set("Content-Type", contentType);
  return new Request("http://localhost/x", {
    method: "POST",
    headers,
    body: new TextEncoder().encode(body),
  });
}

Deno.test("jsonTypeName and isJsonObject name JSON types", () => {
  assert.deepEqual(
    [{}, [], "s", 1, true, null].map(jsonTypeName),
    ["object", "array", "string", "number", "boolean", "null"],
  );
  assert.deepEqual([{}, [], null, "x"].map(isJsonObject), [true, false, false, false]);
});

Deno.test("parseJson answers 400 with the action and the parser's reason, with cause", () => {
  const err = rejects(
    () => parseJson('{"a": }', "create connector"),
    400,
    /^Cannot create connector: the request body is not valid JSON: /,
  );
  assert.ok(err.cause instanceof SyntaxError);
  rejects(
    () => parseJson("", "do it"),
    400,
    "Cannot do it: the request body is empty; send a JSON document",
  );
  rejects(() => parseJson(" \n\t", "do it"), 400, /empty/);
  assert.deepEqual(parseJson('[1, {"a": null}]', "x"), [1, { a: null }]);
});

Deno.test("readJsonBody accepts application/json with parameters, or no Content-Type", async () => {
  for (const type of [undefined, "application/json", "Application/JSON; charset=utf-8", " "]) {
    assert.deepEqual(await readJsonBody(request('{"a":1}', type), "x"), { a: 1 }, `${type}`);
  }
});

Deno.test("readJsonBody answers 415 for other content types, as Jersey", async () => {
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"]) {
    await assert.rejects(
      readJsonBody(request('{"a":1}', type), "x"),
      (err) =>
        err instanceof RestError && err.status === 415 &&
        err.message === "HTTP 415 Unsupported Media Type",
    );
  }
});

Deno.test("parseConnectorConfig keeps strings and coerces scalars to their JSON text", () => {
  const body = parseJson(
    '{"s": "v", "i": 10, "d": 2.50, "e": -1E+2, "big": 9007199254740993, "t": true, "f": false}',
    "x",
  );
  assert.deepEqual(parseConnectorConfig(body, "x"), {
    s: "v",
    i: "10",
    d: "2.50",
    e: "-1E+2",
    big: "9007199254740993",
    t: "true",
    f: "false",
  });
  // values not parsed by parseJson fall back to String()
  assert.deepEqual(parseConnectorConfig({ n: 1.5 }, "x"), { n: "1.5" });
});

Deno.test("parseConnectorConfig keeps keys such as __proto__ as plain keys", () => {
  const config = parseConnectorConfig(parseJson('{"__proto__": "x", "a": "b"}', "x"), "x");
  assert.equal(Object.getPrototypeOf(config), Object.prototype);
  assert.deepEqual(Object.keys(config), ["__proto__", "a"]);
  assert.equal(Object.getOwnPropertyDescriptor(config, "__proto__")?.value, "x");
});

Deno.test("parseConnectorConfig rejects non-objects and non-scalar values, naming the key", () => {
  rejects(
    () => parseConnectorConfig([], "set config of connector fs"),
    400,
    "Cannot set config of connector fs: the request body must be a JSON object of config keys " +
      "to string values, not an array",
  );
  rejects(
    () => parseConnectorConfig(undefined, "a", { field: "config" }),
    400,
    'Cannot a: "config" is missing',
  );
  rejects(
    () => parseConnectorConfig({ k: { x: 1 } }, "a"),
    400,
    'Cannot a: config key "k" must have a string value, not an object',
  );
  rejects(
    () => parseConnectorConfig({ k: [] }, "a", { field: "config" }),
    400,
    'Cannot a: config key "config.k" must have a string value, not an array',
  );
  rejects(
    () => parseConnectorConfig({ k: null }, "a"),
    400,
    /"k" must have a string value, not null/,
  );
});

Deno.test("parseConfigPatch keeps nulls and rejects objects", () => {
  assert.deepEqual(parseConfigPatch(parseJson('{"a": null, "b": 2, "c": "x"}', "p"), "p"), {
    a: null,
    b: "2",
    c: "x",
  });
  rejects(
    () => parseConfigPatch({ a: {} }, "p"),
    400,
    'Cannot p: config key "a" must have a string or null value, not an object',
  );
  rejects(() => parseConfigPatch("x", "p"), 400, /request body must be a JSON object/);
});

Deno.test("parseCreateConnectorRequest checks name, config and initial_state", () => {
  assert.deepEqual(parseCreateConnectorRequest({ name: "\tfs ", config: { a: "b" } }), {
    name: "fs",
    config: { a: "b" },
  });
  assert.deepEqual(
    parseCreateConnectorRequest({ name: "fs", config: {}, initial_state: "Stopped" }),
    { name: "fs", config: {}, initialState: "STOPPED" },
  );
  assert.deepEqual(
    parseCreateConnectorRequest({ name: "fs", config: {}, initial_state: null }),
    { name: "fs", config: {} },
  );
  const cases: [unknown, string | RegExp][] = [
    [null, /request body is missing|not null/],
    [[], /not an array/],
    [{ config: {} }, 'Cannot create connector: "name" is missing from the request body'],
    [{ name: true, config: {} }, 'Cannot create connector: "name" must be a string, not a boolean'],
    [{ name: "", config: {} }, 'Cannot create connector: "name" must not be blank'],
    [{ name: "fs" }, 'Cannot create connector: "config" is missing from the request body'],
    [{ name: "fs", config: 1 }, /"config" must be a JSON object .* not a number/],
    [
      { name: "fs", config: {}, initial_state: "GO" },
      /"initial_state" must be one of RUNNING, PAUSED, STOPPED, not "GO"/,
    ],
    [{ name: "fs", config: {}, initial_state: ["RUNNING"] }, /"initial_state" must be one of/],
    [{ name: "fs", config: {}, initialState: "PAUSED" }, /unknown field "initialState"/],
  ];
  for (const [body, message] of cases) {
    rejects(() => parseCreateConnectorRequest(body), 400, message);
  }
});

Deno.test("withConnectorName adds the name or checks it with Kafka Connect's message", () => {
  assert.deepEqual(withConnectorName({ a: "b" }, "fs"), { a: "b", name: "fs" });
  assert.deepEqual(withConnectorName({ name: "fs" }, "fs"), { name: "fs" });
  rejects(
    () => withConnectorName({ name: "x" }, "my fs"),
    400,
    "Connector name configuration (x) doesn't match connector name in the URL (my fs)",
  );
  rejects(() => withConnectorName({ name: "" }, "fs"), 400, /configuration \(\) doesn't match/);
  checkConnectorName(undefined, "fs");
  checkConnectorName(null, "fs");
  checkConnectorName("fs", "fs");
});

Deno.test("parseConnectorOffsets checks the ConnectorOffsets shape", () => {
  assert.deepEqual(
    parseConnectorOffsets(
      {
        offsets: [
          { partition: { filename: "f" }, offset: { position: 1 } },
          { partition: { kafka_topic: "t", kafka_partition: 0 }, offset: null },
          { partition: { filename: "g" } },
        ],
      },
      "a",
    ),
    {
      offsets: [
        { partition: { filename: "f" }, offset: { position: 1 } },
        { partition: { kafka_topic: "t", kafka_partition: 0 }, offset: null },
        { partition: { filename: "g" }, offset: null },
      ],
    },
  );
  for (const body of [{}, { offsets: null }, { offsets: [] }]) {
    rejects(() => parseConnectorOffsets(body, "a"), 400, NO_OFFSETS_MESSAGE);
  }
  const cases: [unknown, string | RegExp][] = [
    ["x", 'Cannot a: the request body must be a JSON object with "offsets", not a string'],
    [{ offsets: 1 }, 'Cannot a: "offsets" must be an array, not a number'],
    [
      { offsets: [null] },
      /"offsets\[0\]" must be a JSON object with "partition" and "offset", not null/,
    ],
    [{ offsets: [{ offset: null }] }, 'Cannot a: "offsets[0].partition" is missing'],
    [
      { offsets: [{ partition: [] }] },
      /"offsets\[0\]\.partition" must be a JSON object, not an array/,
    ],
    [
      { offsets: [{ partition: {}, offset: "1" }] },
      /"offsets\[0\]\.offset" must be a JSON object or null/,
    ],
    [{ offsets: [{ partition: {}, offsets: {} }] }, /unknown field "offsets" in "offsets\[0\]"/],
  ];
  for (const [body, message] of cases) {
    rejects(() => parseConnectorOffsets(body, "a"), 400, message);
  }
});
