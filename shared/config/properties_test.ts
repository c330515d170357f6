import assert from "node:assert/strict";
import { parseProperties, PropertiesError } from "./properties.ts";

Deno.test("parseProperties reads Kafka Connect's worker file format", () => {
  const props = parseProperties(
    [
      "# comment",
      "! also a comment",
      "bootstrap.servers=localhost:9092",
      "group.id : connect-cluster",
      "  listeners http://:8083",
      "plugin.path=/a,\\",
      "    /b",
      "empty=",
      "unicode=caf\\u00e9",
      "path=C\\:\\\\dir",
    ].join("\n"),
  );
  assert.deepEqual(Object.fromEntries(props), {
    "bootstrap.servers": "localhost:9092",
    "group.id": "connect-cluster",
    "listeners": "http://:8083",
    "plugin.path": "/a,/b",
    "empty": "",
    "unicode": "café",
    "path": "C:\\dir",
  });
});

Deno.test("parseProperties handles CRLF and a later duplicate wins", () => {
  const props = parseProperties("a=1\r\nb=2\r\na=3\r\n");
  assert.equal(props.get("a"), "3");
  assert.equal(props.get("b"), "2");
});

Deno.test("parseProperties names the line of a malformed escape", () => {
  assert.throws(() => parseProperties("ok=1\nbad=\\u12zz"), (err: unknown) => {
    assert.ok(err instanceof PropertiesError);
    assert.equal(err.line, 2);
    assert.match(err.message, /line 2/);
    return true;
  });
});
