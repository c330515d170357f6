import assert from "node:assert/strict";
import { ConfigError, ConnectError } from "../connect/errors.ts";
import { Schemas } from "../connect/schema_builder.ts";
import { ByteArrayConverter } from "./byte_array_converter.ts";
import {
  converterConfig,
  converterFromProperties,
  ConverterRegistry,
  converters,
  createConverter,
} from "./converters.ts";
import { JsonConverter } from "./json_converter.ts";
import { StringConverter } from "./string_converter.ts";

const decode = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes!);

Deno.test("full and simple Kafka Connect class names", () => {
  const names: [string, unknown][] = [
    ["org.apache.kafka.connect.json.JsonConverter", JsonConverter],
    ["JsonConverter", JsonConverter],
    ["org.apache.kafka.connect.storage.StringConverter", StringConverter],
    ["StringConverter", StringConverter],
    ["org.apache.kafka.connect.converters.ByteArrayConverter", ByteArrayConverter],
    [" ByteArrayConverter ", ByteArrayConverter],
  ];
  for (const [name, cls] of names) {
    assert.ok(createConverter(name) instanceof (cls as typeof JsonConverter), name);
    assert.ok(converters.has(name), name);
  }
  assert.deepEqual(converters.classNames, [
    "org.apache.kafka.connect.converters.ByteArrayConverter",
    "org.apache.kafka.connect.json.JsonConverter",
    "org.apache.kafka.connect.storage.StringConverter",
  ]);
});

Deno.test("an unknown class names the known ones", () => {
  assert.throws(() => createConverter("io.confluent.connect.avro.AvroConverter"), (err: Error) => {
    assert.ok(err instanceof ConnectError);
    assert.equal(
      err.message,
      "Cannot create converter: unknown class io.confluent.connect.avro.AvroConverter (known: " +
        "org.apache.kafka.connect.converters.ByteArrayConverter, org.apache.kafka.connect.json.JsonConverter, " +
        "org.apache.kafka.connect.storage.StringConverter)",
    );
    return true;
  });
  assert.equal(converters.has("toString"), false);
});

Deno.test("prefixed properties configure the converter", () => {
  const props = {
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter.schemas.enable": "false",
    "key.converter.schemas.enable": "true",
    "value.converters.other": "x",
  };
  assert.deepEqual(converterConfig(props, "value.converter"), { "schemas.enable": "false" });
  assert.deepEqual(converterConfig(props, "value.converter."), { "schemas.enable": "false" });
  const value = converterFromProperties(props, "value.converter");
  assert.equal(decode(value.fromConnectData("t", Schemas.STRING, "x")), '"x"');
  const key = converterFromProperties(props, "key.converter");
  assert.ok(key instanceof StringConverter);
});

Deno.test("configuration errors pass through; a missing class is explained", () => {
  assert.throws(
    () =>
      converterFromProperties({
        "value.converter": "JsonConverter",
        "value.converter.schemas.enable": "maybe",
      }, "value.converter"),
    ConfigError,
  );
  assert.throws(() => converterFromProperties({}, "value.converter"), {
    message: "Cannot create converter: value.converter is not set",
  });
});

Deno.test("isKey follows the prefix and reaches configure", () => {
  class Probe extends StringConverter {
    static override readonly className = "com.example.Probe";
    static seen: boolean[] = [];
    override configure(config: Record<string, string>, isKey: boolean): void {
      Probe.seen.push(isKey);
      super.configure(config, isKey);
    }
  }
  const registry = new ConverterRegistry([Probe]);
  registry.fromProperties({ "key.converter": "Probe" }, "key.converter");
  registry.fromProperties({ "value.converter": "com.example.Probe" }, "value.converter");
  registry.fromProperties({ "header.converter": "Probe" }, "header.converter", true);
  registry.create("Probe");
  assert.deepEqual(Probe.seen, [true, false, true, false]);
  assert.deepEqual(registry.classNames, ["com.example.Probe"]);
});

Deno.test("a class without className is known by its JavaScript name", () => {
  class PlainConverter {
    configure(): void {}
    fromConnectData(): Uint8Array | null {
      return null;
    }
    toConnectData() {
      return { schema: null, value: null };
    }
  }
  const registry = new ConverterRegistry().register(PlainConverter);
  assert.ok(registry.has("PlainConverter"));
  assert.ok(registry.create("PlainConverter") instanceof PlainConverter);
});
