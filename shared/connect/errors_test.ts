import assert from "node:assert/strict";
import { ConfigError, ConnectError, DataError, RetriableError } from "./errors.ts";

Deno.test("errors carry their class name and cause", () => {
  const cause = new TypeError("low level");
  for (const E of [ConnectError, RetriableError, DataError]) {
    const err = new E("Cannot do it: because", { cause });
    assert.ok(err instanceof ConnectError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, E.name);
    assert.equal(err.message, "Cannot do it: because");
    assert.equal(err.cause, cause);
  }
});

Deno.test("RetriableError and DataError are distinct", () => {
  assert.ok(!(new RetriableError("x") instanceof DataError));
  assert.ok(!(new DataError("x") instanceof RetriableError));
});

Deno.test("ConfigError lists every error in its message", () => {
  const err = new ConfigError([
    { name: "a", message: "first" },
    { name: "b", message: "second" },
  ]);
  assert.equal(err.name, "ConfigError");
  assert.ok(err instanceof ConnectError);
  assert.equal(
    err.message,
    "Cannot parse configuration: it contains the following 2 error(s):\nfirst\nsecond",
  );
  assert.deepEqual(err.messages, ["first", "second"]);
  assert.ok(Object.isFrozen(err.errors));
  assert.equal(err.cause, undefined);
});

Deno.test("ConfigError takes an action and a cause", () => {
  const cause = new Error("x");
  const err = new ConfigError([{ name: "", message: "m" }], {
    action: "create connector fs",
    cause,
  });
  assert.equal(err.message, "Cannot create connector fs: it contains the following 1 error(s):\nm");
  assert.equal(err.cause, cause);
});
