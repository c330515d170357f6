import assert from "node:assert/strict";
import {
  fileSettingInAllowedDirs,
  fileSettingProblem,
  filesOf,
  parseFileSetting,
  spreadFiles,
} from "./file_list.ts";

Deno.test("one path is a single file, kept as written; anything else is a list", () => {
  assert.deepEqual(parseFileSetting("/data/in.txt"), {
    single: true,
    entries: [{ path: "/data/in.txt", glob: false }],
  });
  assert.deepEqual(parseFileSetting(" /data/a.txt , /data/*.log ,,"), {
    single: false,
    entries: [{ path: "/data/a.txt", glob: false }, { path: "/data/*.log", glob: true }],
  });
  assert.equal(parseFileSetting("/data/*.txt").single, false);
});

Deno.test("every path and every glob's directory must be allowed", () => {
  const dirs = ["/data"];
  assert.equal(fileSettingProblem("/data/in.txt", dirs), undefined);
  assert.equal(
    fileSettingProblem("/etc/passwd", dirs),
    "it is not inside an allowed directory (allowed: /data)",
  );
  assert.equal(fileSettingProblem("/data/a.txt,/data/b/*.log", dirs), undefined);
  assert.equal(fileSettingProblem("/data/*.log", dirs), undefined, "the allowed dir itself");
  assert.equal(
    fileSettingProblem("/data/a.txt,/etc/passwd", dirs),
    "/etc/passwd: it is not inside an allowed directory (allowed: /data)",
  );
  assert.equal(
    fileSettingProblem("/etc/*.conf", dirs),
    "/etc/*.conf: its directory /etc is not inside an allowed directory (allowed: /data)",
  );
  assert.equal(
    fileSettingProblem("/*/passwd", dirs),
    "/*/passwd: its directory / is not inside an allowed directory (allowed: /data)",
  );
  assert.equal(
    fileSettingProblem("/data/*/../../etc/passwd", dirs),
    "/data/*/../../etc/passwd: a glob may not use .. after its first wildcard",
  );
  assert.match(fileSettingProblem("/data/[x.log", dirs)!, /a \[ is not closed/);
  assert.equal(fileSettingProblem(",", dirs), "it lists no file");
  assert.equal(
    fileSettingProblem("/data/a.txt,/data/b.txt", []),
    "/data/a.txt: file access is not allowed: the worker allows no directory",
  );
  const ctx = { name: "file", props: {}, env: { allowedFileDirs: dirs } };
  assert.equal(fileSettingInAllowedDirs().validate("/data/x,/data/y", ctx), undefined);
});

Deno.test("filesOf lists entries in order, glob matches sorted, without duplicates", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "file_list_test_" }));
  try {
    for (const f of ["b.log", "a.log", "c.txt"]) await Deno.writeTextFile(`${dir}/${f}`, "");
    const setting = parseFileSetting(`${dir}/z.txt,${dir}/*.log,${dir}/a.log`);
    assert.deepEqual(filesOf(setting, [dir]), [`${dir}/z.txt`, `${dir}/a.log`, `${dir}/b.log`]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("spreadFiles deals round-robin into at most n non-empty groups", () => {
  assert.deepEqual(spreadFiles(["a", "b", "c", "d", "e"], 3), [["a", "d"], ["b", "e"], ["c"]]);
  assert.deepEqual(spreadFiles(["a", "b"], 5), [["a"], ["b"]]);
  assert.deepEqual(spreadFiles([], 3), []);
  assert.deepEqual(spreadFiles(["a", "b", "c"], 1), [["a", "b", "c"]]);
});
