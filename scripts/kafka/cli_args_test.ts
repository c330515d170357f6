import assert from "node:assert/strict";
import { DEFAULT_PORT, parseKafkaArgs } from "./cli_args.ts";

Deno.test("no arguments: start one node on the default port", () => {
  assert.deepEqual(parseKafkaArgs([]), {
    command: "start",
    nodes: 1,
    port: DEFAULT_PORT,
    fresh: false,
  });
});

Deno.test("start options are parsed", () => {
  assert.deepEqual(
    parseKafkaArgs([
      "start",
      "--nodes",
      "3",
      "--port",
      "29092",
      "--dir",
      "/tmp/k",
      "--heap",
      "1g",
      "--fresh",
      "--timeout",
      "30",
    ]),
    {
      command: "start",
      nodes: 3,
      port: 29092,
      dir: "/tmp/k",
      heap: "1g",
      fresh: true,
      timeoutSeconds: 30,
    },
  );
  assert.equal(parseKafkaArgs(["--free-ports"]).port, undefined);
});

Deno.test("stop, status and help", () => {
  assert.equal(parseKafkaArgs(["stop"]).command, "stop");
  assert.equal(parseKafkaArgs(["status", "--dir", "x"]).dir, "x");
  assert.equal(parseKafkaArgs(["--help"]).command, "help");
  assert.equal(parseKafkaArgs(["help"]).command, "help");
});

Deno.test("bad arguments read 'Cannot parse the arguments: ...' with the usage", () => {
  const cases: Array<[string[], RegExp]> = [
    [["--nodes", "two"], /--nodes must be a positive whole number/],
    [["--nodes", "0"], /--nodes must be a positive whole number/],
    [["--port", "70000"], /--port must be at most 65535/],
    [["--port", "1", "--free-ports"], /exclude each other/],
    [["restart"], /unknown command "restart"/],
    [["stop", "--nodes", "3"], /--nodes only applies to start/],
    [["--bogus"], /bogus/],
    [["start", "stop"], /expected one command/],
  ];
  for (const [args, reason] of cases) {
    assert.throws(() => parseKafkaArgs(args), (error: Error) => {
      assert.match(error.message, /^Cannot parse the arguments: /);
      assert.match(error.message, reason);
      assert.match(error.message, /Usage: deno task kafka/);
      return true;
    });
  }
});
