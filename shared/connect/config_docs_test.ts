import assert from "node:assert/strict";
import { ConfigDef } from "./config_def.ts";
import { configDocsMarkdown, documentationOrder } from "./config_docs.ts";
import { atLeast, oneOf } from "./validators.ts";

const SOURCE = new ConfigDef()
  .define({
    name: "topic",
    type: "STRING",
    default: "test",
    importance: "HIGH",
    documentation: "topic to send to",
  })
  .define({
    name: "batch.size",
    type: "INT",
    default: 2000,
    importance: "LOW",
    documentation: "Records per poll",
    validator: atLeast(1),
  })
  .define({ name: "file", type: "STRING", importance: "HIGH", documentation: "File to read" });

const GROUPED = new ConfigDef()
  .define({
    name: "b",
    type: "STRING",
    default: "",
    importance: "LOW",
    documentation: "B",
    group: "Conn",
    orderInGroup: 2,
  })
  .define({
    name: "a",
    type: "STRING",
    default: null,
    importance: "LOW",
    documentation: "A",
    group: "Conn",
    orderInGroup: 1,
  })
  .define({
    name: "m",
    type: "LIST",
    default: ["x", "y"],
    importance: "LOW",
    documentation: "M <b>|",
    validator: oneOf(["x", "y|z"]),
  });

Deno.test("docs list every key with type, default, valid values and importance", () => {
  assert.equal(
    configDocsMarkdown(SOURCE, { title: "My connector" }),
    [
      "# My connector",
      "",
      "### `file`",
      "",
      "File to read",
      "",
      "| Type   | Default | Valid values | Importance |",
      "| ------ | ------- | ------------ | ---------- |",
      "| string |         |              | high       |",
      "",
      "### `topic`",
      "",
      "topic to send to",
      "",
      "| Type   | Default | Valid values | Importance |",
      "| ------ | ------- | ------------ | ---------- |",
      "| string | `test`  |              | high       |",
      "",
      "### `batch.size`",
      "",
      "Records per poll",
      "",
      "| Type | Default | Valid values | Importance |",
      "| ---- | ------- | ------------ | ---------- |",
      "| int  | `2000`  | [1,...]      | low        |",
      "",
    ].join("\n"),
  );
});

Deno.test("docs group keys under group headings, ordered in their group", () => {
  assert.deepEqual(documentationOrder(GROUPED).map((k) => k.name), ["m", "a", "b"]);
  const md = configDocsMarkdown(GROUPED, { headingLevel: 2 });
  assert.ok(md.startsWith("## `m`\n\nM &lt;b>|\n"), md);
  assert.ok(md.includes("| list | `x,y`   | [x, y\\|z]    | low        |"), md);
  assert.ok(md.includes("# Conn\n\n## `a`"), md);
  assert.ok(md.includes("| string | null    |"), md);
  assert.ok(md.includes('| string | ""      |'), md);
});

Deno.test("generated docs are already formatted: deno fmt leaves them unchanged", async () => {
  for (const md of [configDocsMarkdown(SOURCE, { title: "T" }), configDocsMarkdown(GROUPED)]) {
    const fmt = new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--ext=md", "-"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = fmt.stdin.getWriter();
    await writer.write(new TextEncoder().encode(md));
    await writer.close();
    const { code, stdout } = await fmt.output();
    assert.equal(code, 0);
    assert.equal(new TextDecoder().decode(stdout), md);
  }
});
