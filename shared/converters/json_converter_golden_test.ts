/**
 * JsonConverter against golden files made by Kafka Connect 4.4.0 itself.
 *
 * How the goldens were made: `testdata/ConverterGoldens.java` reads the
 * case list `testdata/json_converter_cases.json`, builds each case's schema
 * and value with Kafka Connect's own `SchemaBuilder`/`Struct`, and runs the
 * real `org.apache.kafka.connect.json.JsonConverter` (connect-json 4.4.0,
 * Jackson 2.21, OpenJDK 17.0.15) from `/tmp/kf/libs`: the bytes it writes,
 * what `toConnectData` reads back from them (or from the case's input), and
 * every error message, go to `testdata/json_converter_golden.json`. See the
 * header of the Java file for the commands. Nothing built from Java is kept.
 *
 * Here every case is replayed through the TypeScript converter: written
 * bytes must be identical, read schemas and values equal, and error
 * messages identical — except where a case names the expected TypeScript
 * outcome (`tsExpectedText`, `tsWriteError`, `tsConfigureError`) because
 * the difference is inherent (a JavaScript number cannot tell `2.0` from
 * `2`; JavaScript type names instead of Java class names).
 */
import assert from "node:assert/strict";
import { ConfigError } from "../connect/errors.ts";
import { BigDecimal } from "../connect/logical_types.ts";
import type { Schema } from "../connect/schema.ts";
import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
import { Struct } from "../connect/struct.ts";
import { JsonConverter } from "./json_converter.ts";
import caseList from "./testdata/json_converter_cases.json" with { type: "json" };
import goldenList from "./testdata/json_converter_golden.json" with { type: "json" };

type Desc = Record<string, unknown>;
interface Case {
  name: string;
  config?: Record<string, string>;
  isKey?: boolean;
  schema?: unknown;
  value?: unknown;
  input?: string;
  inputBase64?: string;
  tsExpectedText?: string;
  tsWriteError?: string;
  tsConfigureError?: string;
}
interface JavaError {
  class: string;
  message: string;
  cause?: string;
}
interface Golden {
  name: string;
  configureError?: JavaError;
  writeError?: JavaError;
  output?: string | null;
  outputText?: string;
  read?: { schema: unknown; value: unknown };
  readError?: JavaError;
}

const cases = caseList as Case[];
const goldens = new Map<string, Golden>((goldenList as Golden[]).map((g) => [g.name, g]));

// ---- building schemas and values from the case descriptors (as the Java side does) ----

const PRIMITIVES: Record<string, Schema> = {
  int8: Schemas.INT8,
  int16: Schemas.INT16,
  int32: Schemas.INT32,
  int64: Schemas.INT64,
  float32: Schemas.FLOAT32,
  float64: Schemas.FLOAT64,
  boolean: Schemas.BOOLEAN,
  string: Schemas.STRING,
  bytes: Schemas.BYTES,
  "int8?": Schemas.OPTIONAL_INT8,
  "int16?": Schemas.OPTIONAL_INT16,
  "int32?": Schemas.OPTIONAL_INT32,
  "int64?": Schemas.OPTIONAL_INT64,
  "float32?": Schemas.OPTIONAL_FLOAT32,
  "float64?": Schemas.OPTIONAL_FLOAT64,
  "boolean?": Schemas.OPTIONAL_BOOLEAN,
  "string?": Schemas.OPTIONAL_STRING,
  "bytes?": Schemas.OPTIONAL_BYTES,
};

function buildSchema(d: unknown): Schema | null {
  if (d == null) return null;
  if (typeof d === "string") return PRIMITIVES[d];
  const desc = d as Desc;
  let b: SchemaBuilder;
  switch (desc.type) {
    case "array":
      b = SchemaBuilder.array(buildSchema(desc.items)!);
      break;
    case "map":
      b = SchemaBuilder.map(buildSchema(desc.keys)!, buildSchema(desc.values)!);
      break;
    case "struct":
      b = SchemaBuilder.struct();
      for (const f of desc.fields as Desc[]) b.field(f.field as string, buildSchema(f)!);
      break;
    default:
      b = SchemaBuilder.type(desc.type as Schema["type"]);
  }
  if (desc.optional === true) b.optional();
  if (typeof desc.name === "string") b.name(desc.name);
  if (typeof desc.version === "number") b.version(desc.version);
  if (typeof desc.doc === "string") b.doc(desc.doc);
  if (desc.parameters) b.parameters(desc.parameters as Record<string, string>);
  if (desc.default !== undefined) b.defaultValue(buildValue(b.build(), desc.default));
  return b.build();
}

function int64(text: string): number | bigint {
  const v = BigInt(text);
  return v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : v;
}

function buildValue(schema: Schema | null, d: unknown): unknown {
  if (d == null) return null;
  const desc = d as Desc;
  const [kind] = Object.keys(desc);
  const v = desc[kind];
  switch (kind) {
    case "int8":
    case "int16":
    case "int32":
      return v as number;
    case "int64":
      return int64(v as string);
    case "float32":
      return Math.fround(Number(v));
    case "float64":
      return Number(v);
    case "boolean":
    case "string":
      return v;
    case "utf16":
      return String.fromCharCode(...(v as number[]));
    case "bytes":
      return Uint8Array.fromBase64(v as string);
    case "decimal":
      return BigDecimal.parse(v as string);
    case "date":
      return new Date(v as number);
    case "array":
      return (v as unknown[]).map((e) => buildValue(schema?.valueSchema ?? null, e));
    case "map":
      return new Map(
        (v as [unknown, unknown][]).map((
          [k, val],
        ) => [
          buildValue(schema?.keySchema ?? null, k),
          buildValue(schema?.valueSchema ?? null, val),
        ]),
      );
    case "struct": {
      const structSchema = desc.schema !== undefined ? buildSchema(desc.schema)! : schema!;
      const struct = new Struct(structSchema);
      for (const [name, fd] of Object.entries(v as Desc)) {
        struct.put(name, buildValue(struct.field(name).schema, fd));
      }
      return struct;
    }
  }
  throw new Error(`unknown descriptor ${kind}`);
}

// ---- comparing what was read with Java's description of it ----

function assertSchema(expected: unknown, actual: Schema | null | undefined, path: string): void {
  if (expected === null) {
    assert.equal(actual ?? null, null, `${path}: schema`);
    return;
  }
  const e = expected as Desc;
  assert.ok(actual, `${path}: expected a schema`);
  assert.equal(actual.type, e.type, `${path}.type`);
  assert.equal(actual.optional, e.optional, `${path}.optional`);
  assert.equal(actual.name ?? undefined, e.name, `${path}.name`);
  assert.equal(actual.version ?? undefined, e.version, `${path}.version`);
  assert.equal(actual.doc ?? undefined, e.doc, `${path}.doc`);
  assert.deepEqual(actual.parameters ?? undefined, e.parameters, `${path}.parameters`);
  if (e.default !== undefined) {
    assertValue(e.default, actual, actual.defaultValue, `${path}.default`);
  } else assert.equal(actual.defaultValue ?? undefined, undefined, `${path}.default`);
  if (e.items !== undefined) assertSchema(e.items, actual.valueSchema, `${path}.items`);
  if (e.keys !== undefined) assertSchema(e.keys, actual.keySchema, `${path}.keys`);
  if (e.values !== undefined) assertSchema(e.values, actual.valueSchema, `${path}.values`);
  if (e.fields !== undefined) {
    const fields = e.fields as Desc[];
    assert.equal(actual.fields?.length, fields.length, `${path}.fields`);
    fields.forEach((f, i) => {
      assert.equal(actual.fields![i].name, f.field, `${path}.fields[${i}].name`);
      assertSchema(f, actual.fields![i].schema, `${path}.fields.${f.field}`);
    });
  }
}

function assertValue(expected: unknown, schema: Schema | null, actual: unknown, path: string) {
  if (expected === null) {
    assert.equal(actual, null, `${path}: expected null`);
    return;
  }
  const desc = expected as Desc;
  const [kind] = Object.keys(desc);
  const v = desc[kind];
  switch (kind) {
    case "int8":
    case "int16":
    case "int32":
      assert.equal(actual, v, path);
      return;
    case "int64":
      assert.equal(actual, int64(v as string), path);
      return;
    case "num":
      assert.equal(actual, v, path);
      return;
    case "float32":
      assert.ok(Object.is(actual, Math.fround(Number(v))), `${path}: ${actual} !== ${v}`);
      return;
    case "float64":
      assert.ok(Object.is(actual, Number(v)), `${path}: ${actual} !== ${v}`);
      return;
    case "boolean":
    case "string":
      assert.equal(actual, v, path);
      return;
    case "utf16":
      assert.equal(actual, String.fromCharCode(...(v as number[])), path);
      return;
    case "bytes":
      assert.ok(actual instanceof Uint8Array, `${path}: bytes`);
      assert.equal(actual.toBase64(), v, path);
      return;
    case "decimal":
      assert.ok(actual instanceof BigDecimal, `${path}: decimal`);
      assert.equal(actual.toString(), v, path);
      return;
    case "date":
      assert.ok(actual instanceof Date, `${path}: date`);
      assert.equal(actual.getTime(), v, path);
      return;
    case "array":
      assert.ok(Array.isArray(actual), `${path}: array`);
      assert.equal(actual.length, (v as unknown[]).length, `${path}.length`);
      (v as unknown[]).forEach((e, i) =>
        assertValue(e, schema?.valueSchema ?? null, actual[i], `${path}[${i}]`)
      );
      return;
    case "map": {
      assert.ok(actual instanceof Map, `${path}: map`);
      const entries = v as [unknown, unknown][];
      assert.equal(actual.size, entries.length, `${path}.size`);
      for (const [k, val] of entries) {
        const match = [...actual].find(([ak]) => {
          try {
            assertValue(k, schema?.keySchema ?? null, ak, path);
            return true;
          } catch {
            return false;
          }
        });
        assert.ok(match, `${path}: no key ${JSON.stringify(k)}`);
        assertValue(val, schema?.valueSchema ?? null, match[1], `${path}[${JSON.stringify(k)}]`);
      }
      return;
    }
    case "struct": {
      assert.ok(actual instanceof Struct, `${path}: struct`);
      for (const [name, fd] of Object.entries(v as Desc)) {
        assertValue(
          fd,
          actual.field(name).schema,
          actual.getWithoutDefault(name),
          `${path}.${name}`,
        );
      }
      return;
    }
  }
  assert.fail(`${path}: unknown descriptor ${kind}`);
}

function errorMessage(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof ConfigError) return err.messages.join("\n");
    return (err as Error).message;
  }
}

for (const c of cases) {
  Deno.test(`JsonConverter golden: ${c.name}`, () => {
    const golden = goldens.get(c.name);
    assert.ok(golden, `no golden for ${c.name}; regenerate testdata`);
    const converter = new JsonConverter();
    const configureError = errorMessage(() =>
      converter.configure(c.config ?? {}, c.isKey ?? false)
    );
    if (golden.configureError) {
      assert.ok(configureError !== undefined, "configure should fail");
      assert.ok(
        configureError.includes(c.tsConfigureError ?? golden.configureError.message),
        configureError,
      );
      return;
    }
    assert.equal(configureError, undefined);

    let bytes: Uint8Array | null;
    if (c.input !== undefined || c.inputBase64 !== undefined) {
      bytes = c.input !== undefined
        ? new TextEncoder().encode(c.input)
        : Uint8Array.fromBase64(c.inputBase64!);
    } else {
      const schema = buildSchema(c.schema);
      const value = buildValue(schema, c.value);
      let written: Uint8Array | null = null;
      const writeError = errorMessage(() => {
        written = converter.fromConnectData("topic", schema, value);
      });
      if (golden.writeError) {
        assert.equal(writeError, c.tsWriteError ?? golden.writeError.message);
        return;
      }
      assert.equal(writeError, undefined);
      if (golden.output === null) {
        assert.equal(written, null);
      } else {
        const expected = c.tsExpectedText ?? golden.outputText!;
        assert.equal(new TextDecoder().decode(written!), expected);
        if (c.tsExpectedText === undefined) {
          assert.deepEqual(written, Uint8Array.fromBase64(golden.output!));
        }
      }
      // Read back what Kafka Connect wrote.
      bytes = golden.output == null ? null : Uint8Array.fromBase64(golden.output);
    }
    // Twice: the second read of the same schema takes the converter's
    // cached-schema paths, which must give the same result.
    for (const attempt of ["first read", "second read"]) {
      let read: { schema: Schema | null; value: unknown } | undefined;
      const readError = errorMessage(() => {
        read = converter.toConnectData("topic", bytes);
      });
      if (golden.readError) {
        assert.equal(readError, golden.readError.message, attempt);
        continue;
      }
      assert.equal(readError, undefined, attempt);
      assertSchema(golden.read!.schema, read!.schema, `${attempt}: schema`);
      assertValue(golden.read!.value, read!.schema, read!.value, `${attempt}: value`);
    }
  });
}
