import assert from "node:assert/strict";
import {
  configHash,
  CONTROL_RECORD_VERSION,
  controlKey,
  type ControlRecord,
  ControlRecordError,
  decodeControlRecord,
  decodeName,
  encodeControlRecord,
  encodeName,
  parseControlKey,
} from "./records.ts";

const enc = new TextEncoder();
const json = (value: unknown) => enc.encode(JSON.stringify(value));

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ControlRecordError, `not a ControlRecordError: ${error}`);
    assert.match(error.message, /^Cannot /);
    return error.problem;
  }
  assert.fail("expected a ControlRecordError");
}

Deno.test("names round-trip through the key escape, and only '/', '%' and controls are escaped", () => {
  const names = [
    "fs",
    "a/b",
    "a%2Fb",
    "100%",
    "with space",
    "ünïcødé 名前 🚀",
    "tab\there",
    "del\x7f",
    "/",
    "//",
    "%",
    "connector/x",
    ".",
    "a:b@c",
  ];
  for (const name of names) {
    const encoded = encodeName(name);
    assert.ok(!encoded.includes("/"), encoded);
    assert.ok([...encoded].every((ch) => ch >= " " && ch !== "\x7f"), encoded);
    assert.equal(decodeName(encoded), name);
  }
  assert.equal(encodeName("a/b%c"), "a%2Fb%25c");
  assert.equal(encodeName("tab\there"), "tab%09here");
  assert.equal(encodeName("ünï"), "ünï");
  assert.notEqual(encodeName("a/b"), encodeName("a%2Fb"));
});

Deno.test("only the canonical escape decodes, so a name has exactly one key", () => {
  for (const bad of ["a%2fb", "%41", "a%", "a%2", "a%zz", "a/b", "", "tab\there", "a%20b"]) {
    assert.equal(problemOf(() => decodeName(bad)), "malformed-key", bad);
  }
  assert.equal(problemOf(() => encodeName("")), "malformed-key");
  assert.equal(problemOf(() => encodeName("bad\ud800surrogate")), "malformed-key");
});

Deno.test("keys of every record type, with names containing '/'", () => {
  const cases: [Parameters<typeof controlKey>[0], string][] = [
    [{ type: "connector", name: "a/b" }, "connector/a%2Fb"],
    [{ type: "target-state", name: "x" }, "target-state/x"],
    [{ type: "tasks", name: "x/" }, "tasks/x%2F"],
    [{ type: "member", kind: "source", id: "10.0.0.5:8083" }, "member/source/10.0.0.5:8083"],
    [{ type: "member", kind: "sink", id: "h/1" }, "member/sink/h%2F1"],
    [{ type: "restart", name: "a/b" }, "restart/a%2Fb"],
    [{ type: "restart", name: "a/b", task: 4 }, "restart/a%2Fb/4"],
    [{ type: "status", name: "a/b" }, "status/a%2Fb"],
    [{ type: "status", name: "a/b", task: 0 }, "status/a%2Fb/0"],
    [{ type: "status", name: "1", task: 12 }, "status/1/12"],
  ];
  for (const [key, text] of cases) {
    assert.equal(controlKey(key), text);
    assert.deepEqual(parseControlKey(text), key);
  }
});

Deno.test("bad keys are told apart: unknown type versus malformed shape", () => {
  assert.equal(problemOf(() => parseControlKey("session-key")), "unknown-key");
  assert.equal(problemOf(() => parseControlKey("offsets/x")), "unknown-key");
  for (
    const bad of [
      "connector/a/b",
      "connector/",
      "connector",
      "tasks/a/0",
      "status/a/b/c",
      "status/a/01",
      "status/a/-1",
      "status/a/x",
      "restart/a/1.5",
      "member/source",
      "member/other/w1",
      "member/source/a/b",
      "target-state/a%2f",
    ]
  ) {
    assert.equal(problemOf(() => parseControlKey(bad)), "malformed-key", bad);
  }
  assert.throws(() => controlKey({ type: "status", name: "a", task: -1 }), ControlRecordError);
  assert.throws(() => controlKey({ type: "status", name: "a", task: 1.5 }), ControlRecordError);
});

const samples: ControlRecord[] = [
  {
    type: "connector",
    name: "files/in",
    value: {
      incarnation: "c1",
      type: "source",
      class: "FileStreamSource",
      config: { "connector.class": "FileStreamSource", file: "/tmp/in", topic: "t" },
    },
  },
  { type: "target-state", name: "fs", value: { incarnation: "c1", state: "STOPPED" } },
  {
    type: "tasks",
    name: "fs",
    value: {
      incarnation: "c1",
      generation: 3,
      configHash: "abc",
      configs: [{ "task.class": "T", topic: "t" }, { "task.class": "T", topic: "u" }],
    },
  },
  {
    type: "member",
    kind: "sink",
    id: "h:8084",
    value: {
      kind: "sink",
      url: "http://h:8084",
      startedAt: 1_700_000_000_000,
      incarnation: "w1",
      sessionTimeoutMs: 10_000,
      assigned: { connectors: ["a/b"], tasks: [{ connector: "a/b", task: 2 }] },
      assignedAt: 123_456_789_012_345_678n,
      running: { connectors: [], tasks: [{ connector: "z", task: 0 }] },
    },
  },
  {
    type: "restart",
    name: "fs",
    value: { incarnation: "c1", requestId: "r1", includeTasks: true, onlyFailed: true },
  },
  {
    type: "restart",
    name: "fs",
    task: 1,
    value: { incarnation: "c1", requestId: "r2", includeTasks: false, onlyFailed: false },
  },
  {
    type: "status",
    name: "fs",
    value: { incarnation: "c1", state: "RUNNING", workerId: "h:8083", generation: 0 },
  },
  {
    type: "status",
    name: "fs",
    task: 0,
    value: {
      incarnation: "c1",
      state: "FAILED",
      workerId: "h:8083",
      trace: "Error: boom\n  at x",
      generation: 3,
    },
  },
];

Deno.test("every record type round-trips through encode and decode", () => {
  for (const record of samples) {
    const encoded = encodeControlRecord(record);
    const text = new TextDecoder().decode(encoded.value!);
    assert.equal(JSON.parse(text).v, CONTROL_RECORD_VERSION);
    assert.deepEqual(decodeControlRecord(encoded.key, encoded.value), record);
    const tombstone = encodeControlRecord({ ...record, value: null } as ControlRecord);
    assert.equal(tombstone.value, null);
    assert.deepEqual(decodeControlRecord(tombstone.key, null), { ...record, value: null });
  }
});

Deno.test("the value format is the documented JSON", () => {
  const member = encodeControlRecord(samples[3]);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(member.value!)), {
    v: 1,
    kind: "sink",
    url: "http://h:8084",
    startedAt: 1_700_000_000_000,
    incarnation: "w1",
    sessionTimeoutMs: 10_000,
    assigned: { connectors: ["a/b"], tasks: [{ connector: "a/b", task: 2 }] },
    assignedAt: "123456789012345678",
    running: { connectors: [], tasks: [{ connector: "z", task: 0 }] },
  });
  const status = encodeControlRecord({
    type: "status",
    name: "fs",
    value: { incarnation: "c1", state: "RUNNING", workerId: "w", generation: 0, trace: "" },
  });
  assert.deepEqual(JSON.parse(new TextDecoder().decode(status.value!)), {
    v: 1,
    incarnation: "c1",
    state: "RUNNING",
    workerId: "w",
    generation: 0,
  });
});

Deno.test("garbage values are malformed, newer versions unsupported", () => {
  const key = "target-state/fs";
  const cases: [Uint8Array, string][] = [
    [new Uint8Array([0xff, 0xfe, 0x00]), "malformed-value"],
    [enc.encode("not json"), "malformed-value"],
    [enc.encode("[1,2]"), "malformed-value"],
    [enc.encode("null"), "malformed-value"],
    [json({ incarnation: "c1", state: "PAUSED" }), "malformed-value"],
    [json({ v: "1", incarnation: "c1", state: "PAUSED" }), "malformed-value"],
    [json({ v: 0, incarnation: "c1", state: "PAUSED" }), "malformed-value"],
    [json({ v: 1, incarnation: "c1", state: "SLEEPING" }), "malformed-value"],
    [json({ v: 1, state: "PAUSED" }), "malformed-value"],
    [json({ v: 1, incarnation: "", state: "PAUSED" }), "malformed-value"],
    [json({ v: 2, incarnation: "c1", state: "PAUSED" }), "unsupported-version"],
    [json({ v: 2, anything: "else" }), "unsupported-version"],
  ];
  for (const [bytes, problem] of cases) {
    assert.equal(problemOf(() => decodeControlRecord(key, bytes)), problem);
  }
});

Deno.test("field checks per type, and unknown fields of v1 are ignored", () => {
  const bad: [string, unknown][] = [
    ["connector/x", { v: 1, incarnation: "c", type: "both", class: "C", config: {} }],
    ["connector/x", { v: 1, incarnation: "c", type: "sink", class: "", config: {} }],
    ["connector/x", { v: 1, incarnation: "c", type: "sink", class: "C", config: { a: 1 } }],
    ["connector/x", { v: 1, incarnation: "c", type: "sink", class: "C", config: [] }],
    ["tasks/x", { v: 1, incarnation: "c", generation: -1, configHash: "", configs: [] }],
    ["tasks/x", { v: 1, incarnation: "c", generation: 1, configHash: "", configs: [{ a: null }] }],
    ["tasks/x", { v: 1, incarnation: "c", generation: 1, configHash: "", configs: {} }],
    ["status/x/0", { v: 1, incarnation: "c", state: "DESTROYED", workerId: "w", generation: 0 }],
    ["status/x/0", { v: 1, incarnation: "c", state: "RUNNING", workerId: 5, generation: 0 }],
    ["restart/x", { v: 1, incarnation: "c", requestId: "r", includeTasks: "yes" }],
    ["restart/x", { v: 1, incarnation: "c", requestId: "" }],
  ];
  const member = {
    v: 1,
    kind: "source",
    url: "u",
    startedAt: 1,
    incarnation: "i",
    sessionTimeoutMs: 1000,
    assigned: { connectors: [], tasks: [] },
    assignedAt: "5",
  };
  bad.push(
    ["member/sink/w", member],
    ["member/source/w", { ...member, sessionTimeoutMs: 0 }],
    ["member/source/w", { ...member, assignedAt: 5 }],
    ["member/source/w", { ...member, assignedAt: "05" }],
    ["member/source/w", { ...member, assigned: { connectors: [1], tasks: [] } }],
    ["member/source/w", { ...member, assigned: { tasks: [{ connector: "a", task: -1 }] } }],
    ["member/source/w", { ...member, assigned: undefined }],
  );
  for (const [key, value] of bad) {
    assert.equal(problemOf(() => decodeControlRecord(key, json(value))), "malformed-value", key);
  }

  const decoded = decodeControlRecord("member/source/w", json({ ...member, future: { x: 1 } }));
  assert.equal(decoded.type, "member");
  if (decoded.type === "member") {
    assert.equal(decoded.value?.assignedAt, 5n);
    assert.deepEqual(decoded.value?.running, { connectors: [], tasks: [] });
  }
  const restart = decodeControlRecord(
    "restart/x/1",
    json({ v: 1, incarnation: "c", requestId: "r" }),
  );
  assert.deepEqual(restart.value, {
    incarnation: "c",
    requestId: "r",
    includeTasks: false,
    onlyFailed: false,
  });
});

Deno.test("encoding refuses what no reader could read", () => {
  assert.throws(
    () =>
      encodeControlRecord({
        type: "target-state",
        name: "fs",
        value: { incarnation: "", state: "RUNNING" },
      }),
    (e: unknown) => e instanceof ControlRecordError && e.cause instanceof ControlRecordError,
  );
  assert.throws(
    () => encodeControlRecord({ type: "connector", name: "", value: null }),
    /Cannot encode a control key: the name is empty/,
  );
});

Deno.test("configHash ignores key order and sees every change", () => {
  const a = configHash({ topic: "t", file: "/in", "connector.class": "X" });
  assert.equal(a, configHash({ "connector.class": "X", file: "/in", topic: "t" }));
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.notEqual(a, configHash({ topic: "t", file: "/in2", "connector.class": "X" }));
  assert.notEqual(a, configHash({ topic: "t", file: "/in", "connector.class": "X", x: "" }));
  assert.notEqual(configHash({ "a=": "b" }), configHash({ a: "=b" }));
});
