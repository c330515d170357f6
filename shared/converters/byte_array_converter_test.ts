/**
 * ByteArrayConverter against Kafka Connect's: `testdata/byte_array_converter_golden.json`
 * (see `testdata/ConverterGoldens.java`); Java class names in its messages
 * become JavaScript type names here.
 */
import assert from "node:assert/strict";
import { DataError } from "../connect/errors.ts";
import { SchemaBuilder, Schemas } from "../connect/schema_builder.ts";
import { ByteArrayConverter } from "./byte_array_converter.ts";
import golden from "./testdata/byte_array_converter_golden.json" with { type: "json" };

const converter = new ByteArrayConverter();
converter.configure({}, false);
const outcome = (name: string) => golden.find((g) => g.name === name)!;

Deno.test("passes bytes through with a null or BYTES schema", () => {
  assert.equal(
    converter.fromConnectData("t", null, new Uint8Array([1, 2]))!.toBase64(),
    outcome("null schema").output,
  );
  assert.equal(
    converter.fromConnectData("t", Schemas.BYTES, new Uint8Array([3]))!.toBase64(),
    outcome("bytes schema").output,
  );
  assert.equal(
    converter.fromConnectData("t", Schemas.OPTIONAL_BYTES, null),
    outcome("null value").output,
  );
  const bytes = new Uint8Array([9]);
  assert.equal(converter.fromConnectData("t", null, bytes), bytes); // not copied
  assert.ok(converter.fromConnectData("t", SchemaBuilder.decimal(2).build(), bytes));
});

Deno.test("other schemas are refused with Kafka Connect's message", () => {
  assert.throws(() => converter.fromConnectData("t", Schemas.STRING, new Uint8Array([1])), {
    message: outcome("string schema").writeError!.message,
  });
  assert.throws(() => converter.fromConnectData("t", Schemas.INT32, 5), {
    message: outcome("int32 schema").writeError!.message,
  });
  assert.throws(() => converter.fromConnectData("t", Schemas.OPTIONAL_STRING, null), DataError);
});

Deno.test("non-byte values are refused", () => {
  assert.match(
    outcome("string value").writeError!.message,
    /^ByteArrayConverter is not compatible with objects of type /,
  );
  assert.throws(() => converter.fromConnectData("t", null, "x"), {
    message: "ByteArrayConverter is not compatible with objects of type string",
  });
  assert.throws(() => converter.fromConnectData("t", null, [1]), {
    message: "ByteArrayConverter is not compatible with objects of type Array",
  });
});

Deno.test("buffers and typed arrays are read as their bytes", () => {
  const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
  assert.deepEqual([...converter.fromConnectData("t", null, buffer)!], [1, 2, 3, 4]);
  assert.deepEqual([...converter.fromConnectData("t", null, new DataView(buffer, 1, 2))!], [2, 3]);
  assert.deepEqual([...converter.fromConnectData("t", null, new Uint16Array([0x0201]))!], [1, 2]);
});

Deno.test("reads any bytes as optional BYTES", () => {
  const bytes = new Uint8Array([7]);
  assert.deepEqual(converter.toConnectData("t", bytes), {
    schema: Schemas.OPTIONAL_BYTES,
    value: bytes,
  });
  assert.equal(converter.toConnectData("t", bytes).value, bytes);
  assert.deepEqual(converter.toConnectData("t", null), {
    schema: Schemas.OPTIONAL_BYTES,
    value: null,
  });
});
