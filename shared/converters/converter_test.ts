import assert from "node:assert/strict";
import type { Header } from "../connect/record.ts";
import type { Schema, SchemaAndValue } from "../connect/schema.ts";
import { Schemas } from "../connect/schema_builder.ts";
import type { Converter } from "./converter.ts";

/** A minimal converter: proves the interface can be implemented and used. */
class ReverseConverter implements Converter {
  configured?: { config: Record<string, string>; isKey: boolean };
  configure(config: Record<string, string>, isKey: boolean): void {
    this.configured = { config, isKey };
  }
  fromConnectData(
    _topic: string,
    _schema: Schema | null,
    value: unknown,
    headers?: readonly Header[],
  ): Uint8Array | null {
    if (value == null) return null;
    const suffix = headers?.length ? `#${headers.length}` : "";
    return new TextEncoder().encode([...String(value)].reverse().join("") + suffix);
  }
  toConnectData(_topic: string, bytes: Uint8Array | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_STRING, value: bytes && new TextDecoder().decode(bytes) };
  }
}

Deno.test("a converter is configured once, then converts both ways", () => {
  const converter: Converter = new ReverseConverter();
  converter.configure({ "a": "b" }, true);
  assert.deepEqual((converter as ReverseConverter).configured, { config: { a: "b" }, isKey: true });
  const bytes = converter.fromConnectData("t", Schemas.STRING, "abc");
  assert.deepEqual(converter.toConnectData("t", bytes), {
    schema: Schemas.OPTIONAL_STRING,
    value: "cba",
  });
  const withHeaders = converter.fromConnectData("t", null, "x", [{
    key: "h",
    schema: null,
    value: 1,
  }]);
  assert.equal(new TextDecoder().decode(withHeaders!), "x#1");
  assert.equal(converter.fromConnectData("t", null, null), null);
});
