import assert from "node:assert/strict";
import type { ValidationContext } from "./config_def.ts";
import {
  allOf,
  atLeast,
  between,
  fileInAllowedDirs,
  matches,
  nonEmptyList,
  nonEmptyString,
  oneOf,
  validator,
  validList,
  validRegex,
} from "./validators.ts";

const ctx: ValidationContext = { name: "k", props: {}, env: { allowedFileDirs: [] } };

Deno.test("every built-in validator accepts null (unset)", () => {
  for (
    const v of [
      nonEmptyString(),
      atLeast(1),
      between(1, 2),
      oneOf(["a"]),
      validList(["a"]),
      nonEmptyList(),
      matches(/a/),
      validRegex(),
      fileInAllowedDirs(),
      validator("x", () => "always"),
    ]
  ) {
    assert.equal(v.validate(null, ctx), undefined, v.description);
  }
});

Deno.test("nonEmptyString", () => {
  assert.equal(nonEmptyString().validate("", ctx), "String must be non-empty");
  assert.equal(nonEmptyString().validate("x", ctx), undefined);
});

Deno.test("atLeast and between, with Kafka's descriptions", () => {
  assert.equal(atLeast(1).validate(0, ctx), "Value must be at least 1");
  assert.equal(atLeast(1).validate(1, ctx), undefined);
  assert.equal(atLeast(1).description, "[1,...]");
  assert.equal(between(1, 5).validate(6, ctx), "Value must be no more than 5");
  assert.equal(between(1, 5).validate(0, ctx), "Value must be at least 1");
  assert.equal(between(1, 5).validate(5, ctx), undefined);
  assert.equal(between(1, 5).description, "[1,...,5]");
  assert.equal(atLeast(0).validate("3", ctx), "Value must be a number");
});

Deno.test("oneOf, case-sensitive or not, recommends its values", () => {
  const v = oneOf(["none", "all"]);
  assert.equal(v.validate("all", ctx), undefined);
  assert.equal(v.validate("ALL", ctx), "String must be one of: none, all");
  assert.deepEqual(v.recommendedValues, ["none", "all"]);
  assert.equal(v.description, "[none, all]");
  const ci = oneOf(["none", "all"], { caseInsensitive: true });
  assert.equal(ci.validate("ALL", ctx), undefined);
  assert.equal(ci.validate("x", ctx), "String must be one of (case insensitive): none, all");
});

Deno.test("validList checks every item", () => {
  const v = validList(["a", "b"]);
  assert.equal(v.validate(["a", "b"], ctx), undefined);
  assert.equal(v.validate([], ctx), undefined);
  assert.equal(v.validate(["a", "c"], ctx), "String must be one of: a, b");
  assert.equal(v.validate("a", ctx), "Value must be a list");
});

Deno.test("nonEmptyList", () => {
  assert.equal(nonEmptyList().validate([], ctx), "List must be non-empty");
  assert.equal(nonEmptyList().validate(["x"], ctx), undefined);
});

Deno.test("matches anchors the pattern to the whole value", () => {
  const v = matches(/[a-z]+/);
  assert.equal(v.validate("abc", ctx), undefined);
  assert.equal(v.validate("abc1", ctx), "String must match the regular expression [a-z]+");
  assert.equal(matches(/a/g).validate("a", ctx), undefined);
  assert.equal(matches(/a/g).validate("a", ctx), undefined, "no lastIndex state");
});

Deno.test("validRegex", () => {
  assert.equal(validRegex().validate("orders-.*", ctx), undefined);
  assert.match(validRegex().validate("(", ctx) ?? "", /^Invalid regex: /);
});

Deno.test("fileInAllowedDirs uses the environment", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const v = fileInAllowedDirs();
    const env = { allowedFileDirs: [dir] };
    assert.equal(v.validate(`${dir}/a.txt`, { ...ctx, env }), undefined);
    assert.equal(
      v.validate("/etc/passwd", { ...ctx, env }),
      `it is not inside an allowed directory (allowed: ${dir})`,
    );
    assert.equal(
      v.validate(`${dir}/a.txt`, ctx),
      "file access is not allowed: the worker allows no directory",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("validator() builds a custom validator that receives the context", () => {
  const v = validator(
    "even",
    (value, c) => (value as number) % 2 === 0 ? undefined : `${c.name} odd`,
  );
  assert.equal(v.validate(2, ctx), undefined);
  assert.equal(v.validate(3, ctx), "k odd");
  assert.equal(v.description, "even");
});

Deno.test("allOf reports the first failure", () => {
  const v = allOf(nonEmptyString(), matches(/[a-z]+/));
  assert.equal(v.validate("", ctx), "String must be non-empty");
  assert.equal(v.validate("A", ctx), "String must match the regular expression [a-z]+");
  assert.equal(v.validate("a", ctx), undefined);
  assert.equal(v.description, "non-empty string, string matching [a-z]+");
});
