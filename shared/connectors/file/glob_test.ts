import assert from "node:assert/strict";
import { globBase, globTail, isGlob, matchGlob, segmentRegExp } from "./glob.ts";

Deno.test("isGlob, globBase and globTail split a pattern at its first wildcard", () => {
  assert.equal(isGlob("/data/in.txt"), false);
  assert.equal(isGlob("/data/*.txt"), true);
  assert.equal(isGlob("/data/a?.txt"), true);
  assert.equal(isGlob("/data/[ab].txt"), true);
  assert.equal(globBase("/data/logs/*/x.log"), "/data/logs");
  assert.deepEqual(globTail("/data/logs/*/x.log"), ["*", "x.log"]);
  assert.equal(globBase("/data/**/x.log"), "/data");
  assert.equal(globBase(`${Deno.cwd()}/rel/*.txt`), `${Deno.cwd()}/rel`);
  assert.equal(globBase("rel/*.txt"), `${Deno.cwd()}/rel`);
});

Deno.test("segmentRegExp: *, ?, classes, negation, escapes, no leading dot", () => {
  const m = (p: string, name: string) => segmentRegExp(p).test(name);
  assert.ok(m("*.log", "app.log"));
  assert.ok(!m("*.log", ".app.log"), "a wildcard does not match a leading dot");
  assert.ok(m(".*.log", ".app.log"));
  assert.ok(m("a?c", "abc") && !m("a?c", "ac"));
  assert.ok(m("[ab]1", "b1") && !m("[ab]1", "c1"));
  assert.ok(m("[a-c]1", "b1") && !m("[!a-c]1", "b1") && m("[!a-c]1", "d1"));
  assert.ok(m("a\\*b", "a*b") && !m("a\\*b", "axb"));
  assert.ok(m("x.(1)+", "x.(1)+"), "regex characters are literal");
  assert.throws(() => segmentRegExp("[ab"), /Cannot read glob \[ab: a \[ is not closed/);
  assert.throws(() => segmentRegExp("a\\"), /Cannot read glob/);
});

Deno.test("matchGlob finds regular files, sorted, through ** and into subdirectories", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "glob_test_" }));
  try {
    for (const f of ["a.log", "b.log", "c.txt", ".hidden.log", "sub/d.log", "sub/deep/e.log"]) {
      await Deno.mkdir(`${dir}/${f}`.replace(/\/[^/]+$/, ""), { recursive: true });
      await Deno.writeTextFile(`${dir}/${f}`, "");
    }
    await Deno.mkdir(`${dir}/dir.log`);
    await Deno.symlink(`${dir}/c.txt`, `${dir}/link.log`);
    assert.deepEqual(matchGlob(`${dir}/*.log`), [
      `${dir}/a.log`,
      `${dir}/b.log`,
      `${dir}/link.log`,
    ]);
    assert.deepEqual(matchGlob(`${dir}/**/*.log`), [
      `${dir}/a.log`,
      `${dir}/b.log`,
      `${dir}/link.log`,
      `${dir}/sub/d.log`,
      `${dir}/sub/deep/e.log`,
    ]);
    assert.deepEqual(matchGlob(`${dir}/sub/**`), [`${dir}/sub/d.log`, `${dir}/sub/deep/e.log`]);
    assert.deepEqual(matchGlob(`${dir}/*/d.log`), [`${dir}/sub/d.log`]);
    assert.deepEqual(matchGlob(`${dir}/nothing/*.log`), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
