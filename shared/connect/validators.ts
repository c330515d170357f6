/**
 * Ready-made validators for `ConfigDef` keys, after Kafka's
 * `ConfigDef.NonEmptyString`, `Range`, `ValidString`, `ValidList` and friends,
 * with Kafka's messages. Every validator accepts `null` (a key that defaults
 * to null is "unset", not invalid); make the key required to demand a value.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { between, oneOf } from "./validators.ts";
 * const def = new ConfigDef()
 *   .define({ name: "level", type: "STRING", default: "info", importance: "LOW", documentation: "Log level", validator: oneOf(["debug", "info"]) })
 *   .define({ name: "retries", type: "INT", default: 3, importance: "LOW", documentation: "Retries", validator: between(0, 10) });
 * console.log(def.validate({ level: "loud", retries: "11" }).flatMap((v) => v.errorMessages));
 * // [ "Invalid value loud for configuration level: String must be one of: debug, info",
 * //   "Invalid value 11 for configuration retries: Value must be no more than 10" ]
 * ```
 * @module
 */
import type { ValidationContext, Validator } from "./config_def.ts";
import { isPathAllowed, notAllowedReason } from "./file_access.ts";

/**
 * A custom validator from a function returning `undefined` (valid) or the
 * reason the value is invalid.
 *
 * @param description the valid values in words, for docs.
 * @param check receives the parsed value (never null: null is accepted) and the context.
 *
 * @example
 * ```ts
 * import { validator } from "./validators.ts";
 * const even = validator("an even number", (value) =>
 *   (value as number) % 2 === 0 ? undefined : "Value must be even");
 * console.log(even.validate(3, { name: "n", props: {}, env: { allowedFileDirs: [] } })); // "Value must be even"
 * ```
 */
export function validator(
  description: string,
  check: (value: unknown, context: ValidationContext) => string | undefined,
): Validator {
  return {
    description,
    validate: (value, context) => value === null ? undefined : check(value, context),
  };
}

/**
 * The value must be a non-empty string (Kafka's `NonEmptyString`). Values
 * are trimmed when parsed, so blanks are empty too.
 *
 * @example
 * ```ts
 * import { nonEmptyString } from "./validators.ts";
 * const ctx = { name: "topic", props: {}, env: { allowedFileDirs: [] } };
 * console.log(nonEmptyString().validate("", ctx)); // "String must be non-empty"
 * ```
 */
export function nonEmptyString(): Validator {
  return validator(
    "non-empty string",
    (value) =>
      typeof value === "string" && value.length === 0 ? "String must be non-empty" : undefined,
  );
}

/**
 * The number must be at least `min` (Kafka's `Range.atLeast`).
 *
 * @example
 * ```ts
 * import { atLeast } from "./validators.ts";
 * const ctx = { name: "tasks.max", props: {}, env: { allowedFileDirs: [] } };
 * console.log(atLeast(1).validate(0, ctx)); // "Value must be at least 1"
 * console.log(atLeast(1).description); // "[1,...]"
 * ```
 */
export function atLeast(min: number): Validator {
  return range(min, undefined);
}

/**
 * The number must be within `[min, max]` (Kafka's `Range.between`).
 *
 * @example
 * ```ts
 * import { between } from "./validators.ts";
 * const ctx = { name: "batch.size", props: {}, env: { allowedFileDirs: [] } };
 * console.log(between(1, 100).validate(101, ctx)); // "Value must be no more than 100"
 * console.log(between(1, 100).description); // "[1,...,100]"
 * ```
 */
export function between(min: number, max: number): Validator {
  return range(min, max);
}

function range(min: number | undefined, max: number | undefined): Validator {
  const description = max === undefined ? `[${min},...]` : `[${min},...,${max}]`;
  return validator(description, (value) => {
    if (typeof value !== "number") return "Value must be a number";
    if (min !== undefined && value < min) return `Value must be at least ${min}`;
    if (max !== undefined && value > max) return `Value must be no more than ${max}`;
    return undefined;
  });
}

/**
 * The string must be one of `values` (Kafka's `ValidString.in`, or
 * `CaseInsensitiveValidString.in` with `caseInsensitive`). Offers the values
 * as recommended values.
 *
 * @example
 * ```ts
 * import { oneOf } from "./validators.ts";
 * const ctx = { name: "errors.tolerance", props: {}, env: { allowedFileDirs: [] } };
 * console.log(oneOf(["none", "all"]).validate("some", ctx)); // "String must be one of: none, all"
 * console.log(oneOf(["none", "all"], { caseInsensitive: true }).validate("ALL", ctx)); // undefined
 * ```
 */
export function oneOf(
  values: readonly string[],
  options: { caseInsensitive?: boolean } = {},
): Validator {
  const insensitive = options.caseInsensitive ?? false;
  const allowed = new Set(insensitive ? values.map((v) => v.toLowerCase()) : values);
  const reason = insensitive
    ? `String must be one of (case insensitive): ${values.join(", ")}`
    : `String must be one of: ${values.join(", ")}`;
  return {
    description: `[${values.join(", ")}]`,
    recommendedValues: Object.freeze([...values]),
    validate: (value) => {
      if (value === null) return undefined;
      const s = String(value);
      return allowed.has(insensitive ? s.toLowerCase() : s) ? undefined : reason;
    },
  };
}

/**
 * Every item of a `LIST` must be one of `values` (Kafka's `ValidList.in`).
 *
 * @example
 * ```ts
 * import { validList } from "./validators.ts";
 * const ctx = { name: "types", props: {}, env: { allowedFileDirs: [] } };
 * console.log(validList(["a", "b"]).validate(["a", "c"], ctx)); // "String must be one of: a, b"
 * ```
 */
export function validList(values: readonly string[]): Validator {
  const allowed = new Set(values);
  return {
    description: `[${values.join(", ")}]`,
    recommendedValues: Object.freeze([...values]),
    validate: (value) => {
      if (value === null) return undefined;
      if (!Array.isArray(value)) return "Value must be a list";
      return value.every((item) => allowed.has(String(item)))
        ? undefined
        : `String must be one of: ${values.join(", ")}`;
    },
  };
}

/**
 * A `LIST` must have at least one item.
 *
 * @example
 * ```ts
 * import { nonEmptyList } from "./validators.ts";
 * const ctx = { name: "topics", props: {}, env: { allowedFileDirs: [] } };
 * console.log(nonEmptyList().validate([], ctx)); // "List must be non-empty"
 * ```
 */
export function nonEmptyList(): Validator {
  return validator(
    "non-empty list",
    (value) => Array.isArray(value) && value.length === 0 ? "List must be non-empty" : undefined,
  );
}

/**
 * The whole string must match a regular expression.
 *
 * @example
 * ```ts
 * import { matches } from "./validators.ts";
 * const ctx = { name: "table", props: {}, env: { allowedFileDirs: [] } };
 * console.log(matches(/^[a-z_]+$/).validate("Orders!", ctx));
 * // "String must match the regular expression ^[a-z_]+$"
 * ```
 */
export function matches(pattern: RegExp): Validator {
  const anchored = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ""));
  return validator(
    `string matching ${pattern.source}`,
    (value) =>
      anchored.test(String(value))
        ? undefined
        : `String must match the regular expression ${pattern.source}`,
  );
}

/**
 * The string must be a valid (JavaScript) regular expression, e.g. for
 * `topics.regex`. Kafka's message is `Invalid regex: <reason>`.
 *
 * @example
 * ```ts
 * import { validRegex } from "./validators.ts";
 * const ctx = { name: "topics.regex", props: {}, env: { allowedFileDirs: [] } };
 * console.log(validRegex().validate("orders-.*", ctx)); // undefined
 * console.log(validRegex().validate("(", ctx)?.startsWith("Invalid regex: ")); // true
 * ```
 */
export function validRegex(): Validator {
  return validator("valid regex", (value) => {
    try {
      new RegExp(String(value));
      return undefined;
    } catch (err) {
      return `Invalid regex: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
}

/**
 * The path must be inside one of the directories the worker allows
 * (`env.allowedFileDirs`, see `isPathAllowed`). Put it on every key that
 * names a file to read or write.
 *
 * @example
 * ```ts
 * import { ConfigDef } from "./config_def.ts";
 * import { fileInAllowedDirs } from "./validators.ts";
 * const def = new ConfigDef().define({
 *   name: "file", type: "STRING", importance: "HIGH",
 *   documentation: "The file to read", validator: fileInAllowedDirs(),
 * });
 * const [file] = def.validate({ file: "/etc/passwd" }, { allowedFileDirs: ["/data"] });
 * console.log(file.errorMessages);
 * // [ "Invalid value /etc/passwd for configuration file: it is not inside an allowed directory (allowed: /data)" ]
 * ```
 */
export function fileInAllowedDirs(): Validator {
  return validator("a path inside a directory the worker allows", (value, context) => {
    const dirs = context.env.allowedFileDirs;
    return isPathAllowed(String(value), dirs) ? undefined : notAllowedReason(dirs);
  });
}

/**
 * All of `validators` must pass; reports the first failure (Kafka's
 * `CompositeValidator`).
 *
 * @example
 * ```ts
 * import { allOf, matches, nonEmptyString } from "./validators.ts";
 * const v = allOf(nonEmptyString(), matches(/[a-z]+/));
 * const ctx = { name: "n", props: {}, env: { allowedFileDirs: [] } };
 * console.log(v.validate("", ctx)); // "String must be non-empty"
 * ```
 */
export function allOf(...validators: Validator[]): Validator {
  return {
    description: validators.map((v) => v.description).filter((d) => d !== "").join(", "),
    validate: (value, context) => {
      for (const v of validators) {
        const reason = v.validate(value, context);
        if (reason !== undefined) return reason;
      }
      return undefined;
    },
  };
}
