// Generates the golden fixtures in this directory from the real Kafka Connect
// jars, so the TypeScript converters can be checked byte for byte.
//
//   javac --release 17 -d /tmp/goldens -cp '/tmp/kf/libs/*' ConverterGoldens.java
//   java -cp "/tmp/goldens:/tmp/kf/libs/*" ConverterGoldens .            # JDK 17
//   $JDK25/bin/java -cp "/tmp/goldens:/tmp/kf/libs/*" ConverterGoldens . # JDK 25
//
// Run from this directory. The JDK 17 run rewrites every output from the
// jars; java_numbers_golden.json keeps one column per JDK, and the JDK 25 run
// only adds its "jdk25" column there (Java changed Double.toString in JDK 19).
// Afterwards run `deno fmt shared/converters/testdata` (from the repo root).
//
// Inputs: json_converter_cases.json. Outputs: json_converter_golden.json,
// java_numbers_golden.json, string_converter_golden.json,
// byte_array_converter_golden.json. The build output stays out of the repo.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;

public class ConverterGoldens {
    static final ObjectMapper M = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    public static void main(String[] args) throws Exception {
        File dir = new File(args.length > 0 ? args[0] : ".");
        File numbersFile = new File(dir, "java_numbers_golden.json");
        ObjectNode previous = numbersFile.exists() ? (ObjectNode) M.readTree(numbersFile) : null;
        new ObjectMapper().writeValue(numbersFile, numbers(previous));
        if (Runtime.version().feature() != 17) return; // other JDKs only add a numbers column
        JsonNode cases = M.readTree(new File(dir, "json_converter_cases.json"));
        ArrayNode out = F.arrayNode();
        for (JsonNode c : cases) out.add(runCase(c));
        M.writeValue(new File(dir, "json_converter_golden.json"), out);
        ObjectNode stringGolden = F.objectNode();
        stringGolden.set("cases", strings());
        stringGolden.set("utf8Fuzz", utf8Fuzz());
        M.writeValue(new File(dir, "string_converter_golden.json"), stringGolden);
        M.writeValue(new File(dir, "byte_array_converter_golden.json"), byteArrays());
    }

    static Map<String, String> config(JsonNode c) {
        Map<String, String> cfg = new LinkedHashMap<>();
        if (c != null) c.fields().forEachRemaining(e -> cfg.put(e.getKey(), e.getValue().asText()));
        return cfg;
    }

    static ObjectNode err(Throwable e) {
        ObjectNode n = F.objectNode();
        n.put("class", e.getClass().getSimpleName());
        n.put("message", e.getMessage());
        if (e.getCause() != null) n.put("cause", e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        return n;
    }

    static ObjectNode runCase(JsonNode c) {
        ObjectNode r = F.objectNode();
        r.put("name", c.get("name").asText());
        JsonConverter conv = new JsonConverter();
        try {
            conv.configure(config(c.get("config")), c.path("isKey").asBoolean(false));
        } catch (Exception e) {
            r.set("configureError", err(e));
            return r;
        }
        byte[] bytes;
        if (c.has("input") || c.has("inputBase64")) {
            bytes = c.has("input") ? c.get("input").asText().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(c.get("inputBase64").asText());
        } else {
            Schema schema = schema(c.get("schema"));
            Object value = value(schema, c.get("value"));
            try {
                bytes = conv.fromConnectData("topic", schema, value);
            } catch (Exception e) {
                r.set("writeError", err(e));
                return r;
            }
            if (bytes == null) {
                r.putNull("output");
            } else {
                r.put("output", Base64.getEncoder().encodeToString(bytes));
                r.put("outputText", new String(bytes, StandardCharsets.UTF_8));
            }
        }
        try {
            SchemaAndValue sv = conv.toConnectData("topic", bytes);
            ObjectNode read = F.objectNode();
            read.set("schema", describeSchema(sv.schema()));
            read.set("value", describeValue(sv.schema(), sv.value()));
            r.set("read", read);
        } catch (Exception e) {
            r.set("readError", err(e));
        }
        return r;
    }

    // ---- building schemas and values from the case descriptors ----

    static Schema schema(JsonNode d) {
        if (d == null || d.isNull()) return null;
        if (d.isTextual()) {
            String t = d.asText();
            boolean opt = t.endsWith("?");
            SchemaBuilder b = builder(opt ? t.substring(0, t.length() - 1) : t, null);
            return (opt ? b.optional() : b).build();
        }
        SchemaBuilder b = builder(d.get("type").asText(), d);
        if (d.path("optional").asBoolean(false)) b.optional();
        if (d.has("name")) b.name(d.get("name").asText());
        if (d.has("version")) b.version(d.get("version").asInt());
        if (d.has("doc")) b.doc(d.get("doc").asText());
        if (d.has("parameters")) d.get("parameters").fields().forEachRemaining(e -> b.parameter(e.getKey(), e.getValue().asText()));
        if (d.has("default")) b.defaultValue(value(b.build(), d.get("default")));
        return b.build();
    }

    static SchemaBuilder builder(String type, JsonNode d) {
        switch (type) {
            case "int8": return SchemaBuilder.int8();
            case "int16": return SchemaBuilder.int16();
            case "int32": return SchemaBuilder.int32();
            case "int64": return SchemaBuilder.int64();
            case "float32": return SchemaBuilder.float32();
            case "float64": return SchemaBuilder.float64();
            case "boolean": return SchemaBuilder.bool();
            case "string": return SchemaBuilder.string();
            case "bytes": return SchemaBuilder.bytes();
            case "array": return SchemaBuilder.array(schema(d.get("items")));
            case "map": return SchemaBuilder.map(schema(d.get("keys")), schema(d.get("values")));
            case "struct": {
                SchemaBuilder b = SchemaBuilder.struct();
                for (JsonNode f : d.get("fields")) b.field(f.get("field").asText(), schema(f));
                return b;
            }
            default: throw new IllegalArgumentException(type);
        }
    }

    static Object value(Schema s, JsonNode d) {
        if (d == null || d.isNull()) return null;
        String kind = d.fieldNames().next();
        JsonNode v = d.get(kind);
        switch (kind) {
            case "int8": return (byte) v.asInt();
            case "int16": return (short) v.asInt();
            case "int32": return v.asInt();
            case "int64": return Long.parseLong(v.asText());
            case "float32": return Float.parseFloat(v.asText());
            case "float64": return Double.parseDouble(v.asText());
            case "boolean": return v.asBoolean();
            case "string": return v.asText();
            case "utf16": {
                StringBuilder sb = new StringBuilder();
                for (JsonNode u : v) sb.append((char) u.asInt());
                return sb.toString();
            }
            case "bytes": return Base64.getDecoder().decode(v.asText());
            case "decimal": return new BigDecimal(v.asText());
            case "date": return new java.util.Date(v.asLong());
            case "array": {
                List<Object> list = new ArrayList<>();
                for (JsonNode e : v) list.add(value(s == null ? null : s.valueSchema(), e));
                return list;
            }
            case "map": {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (JsonNode e : v) {
                    map.put(value(s == null ? null : s.keySchema(), e.get(0)), value(s == null ? null : s.valueSchema(), e.get(1)));
                }
                return map;
            }
            case "struct": {
                Schema ss = d.has("schema") ? schema(d.get("schema")) : s;
                Struct st = new Struct(ss);
                Iterator<Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    st.put(e.getKey(), value(ss.field(e.getKey()).schema(), e.getValue()));
                }
                return st;
            }
            default: throw new IllegalArgumentException(kind);
        }
    }

    // ---- describing what toConnectData returned ----

    /** A string, or its UTF-16 code units when it has an unpaired surrogate (not valid in JSON files). */
    static JsonNode text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            if (Character.isSurrogate(c) && !paired) {
                ArrayNode units = F.arrayNode();
                for (char u : s.toCharArray()) units.add((int) u);
                return units;
            }
        }
        return F.textNode(s);
    }

    static JsonNode describeSchema(Schema s) {
        if (s == null) return F.nullNode();
        ObjectNode n = F.objectNode();
        n.put("type", s.type().getName());
        switch (s.type()) {
            case ARRAY: n.set("items", describeSchema(s.valueSchema())); break;
            case MAP: n.set("keys", describeSchema(s.keySchema())); n.set("values", describeSchema(s.valueSchema())); break;
            case STRUCT: {
                ArrayNode fs = F.arrayNode();
                for (Field f : s.fields()) {
                    ObjectNode fn = (ObjectNode) describeSchema(f.schema());
                    fn.put("field", f.name());
                    fs.add(fn);
                }
                n.set("fields", fs);
                break;
            }
            default: break;
        }
        n.put("optional", s.isOptional());
        if (s.name() != null) n.put("name", s.name());
        if (s.version() != null) n.put("version", s.version());
        if (s.doc() != null) n.put("doc", s.doc());
        if (s.parameters() != null) {
            ObjectNode p = F.objectNode();
            s.parameters().forEach(p::put);
            n.set("parameters", p);
        }
        if (s.defaultValue() != null) n.set("default", describeValue(s, s.defaultValue()));
        return n;
    }

    static JsonNode describeValue(Schema s, Object v) {
        if (v == null) return F.nullNode();
        ObjectNode n = F.objectNode();
        if (v instanceof Byte) n.put("int8", (Byte) v);
        else if (v instanceof Short) n.put("int16", (Short) v);
        else if (v instanceof Integer) n.put("int32", (Integer) v);
        else if (v instanceof Long) {
            long l = (Long) v;
            if (s == null && l >= -((1L << 53) - 1) && l <= (1L << 53) - 1) n.put("num", l);
            else n.put("int64", Long.toString(l));
        } else if (v instanceof Float) n.put("float32", Float.toString((Float) v));
        else if (v instanceof Double) {
            if (s == null) n.put("num", (Double) v);
            else n.put("float64", Double.toString((Double) v));
        } else if (v instanceof Boolean) n.put("boolean", (Boolean) v);
        else if (v instanceof String) {
            JsonNode t = text((String) v);
            if (t.isArray()) n.set("utf16", t); else n.set("string", t);
        }
        else if (v instanceof byte[]) n.put("bytes", Base64.getEncoder().encodeToString((byte[]) v));
        else if (v instanceof ByteBuffer) n.put("bytes", Base64.getEncoder().encodeToString(((ByteBuffer) v).array()));
        else if (v instanceof BigDecimal) n.put("decimal", v.toString());
        else if (v instanceof java.util.Date) n.put("date", ((java.util.Date) v).getTime());
        else if (v instanceof List) {
            ArrayNode a = F.arrayNode();
            for (Object e : (List<?>) v) a.add(describeValue(s == null ? null : s.valueSchema(), e));
            n.set("array", a);
        } else if (v instanceof Map) {
            List<ArrayNode> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                ArrayNode pair = F.arrayNode();
                pair.add(describeValue(s == null ? null : s.keySchema(), e.getKey()));
                pair.add(describeValue(s == null ? null : s.valueSchema(), e.getValue()));
                entries.add(pair);
            }
            entries.sort(Comparator.comparing(p -> p.get(0).toString()));
            ArrayNode a = F.arrayNode();
            entries.forEach(a::add);
            n.set("map", a);
        } else if (v instanceof Struct) {
            Struct st = (Struct) v;
            ObjectNode fields = F.objectNode();
            for (Field f : st.schema().fields()) fields.set(f.name(), describeValue(f.schema(), st.getWithoutDefault(f.name())));
            n.set("struct", fields);
        } else {
            n.put("unknown", v.getClass().getName());
        }
        return n;
    }

    // ---- number formatting through the real converter ----

    static String write(JsonConverter conv, Schema s, Object v) {
        return new String(conv.fromConnectData("t", s, v), StandardCharsets.UTF_8);
    }

    /**
     * Doubles, floats and decimals written by the real converter. The inputs
     * are the same on every run (fixed seed); the outputs go in a column per
     * Java version ("jdk17", "jdk25", ...), so running this under several JDKs
     * fills several columns of the same file.
     */
    static ObjectNode numbers(ObjectNode previous) {
        String column = "jdk" + Runtime.version().feature();
        JsonConverter conv = new JsonConverter();
        conv.configure(Map.of("schemas.enable", "false"), false);
        JsonConverter numeric = new JsonConverter();
        numeric.configure(Map.of("schemas.enable", "false", "decimal.format", "NUMERIC"), false);
        SplittableRandom rnd = new SplittableRandom(20240501L);
        List<Double> ds = new ArrayList<>();
        for (int i = 0; i < 400; i++) ds.add(Double.longBitsToDouble(rnd.nextLong()));
        for (int i = 0; i < 300; i++) {
            int digits = rnd.nextInt(1, 18);
            int exp = rnd.nextInt(-12, 25);
            long mant = rnd.nextLong(1, (long) Math.pow(10, Math.min(digits, 17)));
            ds.add((rnd.nextBoolean() ? -1 : 1) * mant * Math.pow(10, exp - digits));
        }
        for (int i = 0; i < 150; i++) ds.add(Math.round(rnd.nextDouble() * 1e6) / 100.0);
        for (int i = 0; i < 200; i++) ds.add((double) rnd.nextLong());
        for (int i = 0; i < 200; i++) ds.add((double) rnd.nextLong(1L << 50, 1L << 52) + (rnd.nextBoolean() ? 0.25 : 0.75));
        for (int i = 0; i < 100; i++) ds.add((double) rnd.nextLong(1L << 53, Long.MAX_VALUE));
        for (int e = -1074; e <= 1023; e += 7) ds.add(Math.scalb(1.0, e));
        for (int i = 0; i < 100; i++) ds.add(Double.longBitsToDouble(rnd.nextLong(1, 1L << 52)));
        for (int e = -325; e <= 309; e += 3) ds.add(Double.parseDouble("1e" + e));
        double[] specials = {Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 2.82879384806159E17,
            1.0E23, 8.41E21, 9007199254740993.0, 0.1 + 0.2, 2e-7, 9.9999999999999995e-5, 5e-324, 0.3};
        for (double d : specials) ds.add(d);

        List<Float> fs = new ArrayList<>();
        for (int i = 0; i < 400; i++) fs.add(Float.intBitsToFloat(rnd.nextInt()));
        for (int i = 0; i < 300; i++) fs.add((float) (Math.round(rnd.nextDouble() * 1e6) / 100.0));
        for (int i = 0; i < 200; i++) fs.add((float) rnd.nextInt());
        for (int i = 0; i < 200; i++) fs.add((float) rnd.nextInt(1 << 20, 1 << 23) + (float) (rnd.nextInt(1, 4) / 4.0));
        for (int i = 0; i < 100; i++) fs.add(Float.intBitsToFloat(rnd.nextInt(1, 1 << 23)));
        for (int e = -149; e <= 127; e++) fs.add(Math.scalb(1.0f, e));
        for (int e = -46; e <= 39; e++) fs.add(Float.parseFloat("1e" + e));
        float[] fspecials = {Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 1.0E10f, 0.1f, 2914245.25f, 3.3e-44f};
        for (float f : fspecials) fs.add(f);

        ObjectNode out = previous != null ? previous : F.objectNode();
        ObjectNode doubles = out.has("doubles") ? (ObjectNode) out.get("doubles") : out.putObject("doubles");
        ObjectNode floats = out.has("floats") ? (ObjectNode) out.get("floats") : out.putObject("floats");
        ArrayNode dIn = doubles.putArray("bits");
        ArrayNode dOut = doubles.putArray(column);
        for (double d : ds) {
            if (Double.isNaN(d)) continue;
            dIn.add(String.format("%016x", Double.doubleToRawLongBits(d)));
            dOut.add(write(conv, Schema.FLOAT64_SCHEMA, d));
        }
        ArrayNode fIn = floats.putArray("bits");
        ArrayNode fOut = floats.putArray(column);
        for (float f : fs) {
            if (Float.isNaN(f)) continue;
            fIn.add(String.format("%08x", Float.floatToRawIntBits(f)));
            fOut.add(write(conv, Schema.FLOAT32_SCHEMA, f));
        }
        ArrayNode decimals = F.arrayNode();
        for (int i = 0; i < 300; i++) {
            BigInteger unscaled;
            switch (i % 4) {
                case 0: unscaled = BigInteger.valueOf(rnd.nextInt(-1000, 1000)); break;
                case 1: unscaled = BigInteger.valueOf(rnd.nextLong()); break;
                case 2: unscaled = new BigInteger(rnd.nextInt(1, 200), new java.util.Random(rnd.nextLong())); break;
                default: unscaled = new BigInteger(rnd.nextInt(1, 80), new java.util.Random(rnd.nextLong())).negate(); break;
            }
            int scale = rnd.nextInt(-12, 30);
            BigDecimal bd = new BigDecimal(unscaled, scale);
            Schema s = Decimal.schema(scale);
            ArrayNode p = F.arrayNode();
            p.add(unscaled.toString());
            p.add(scale);
            p.add(write(numeric, s, bd));
            p.add(write(conv, s, bd));
            decimals.add(p);
        }
        out.set("decimals", decimals);
        return out;
    }

    // ---- StringConverter and ByteArrayConverter ----

    static ArrayNode strings() {
        ArrayNode out = F.arrayNode();
        String[] encodings = {null, "UTF-8", "utf8", "UTF-16", "UTF-16BE", "UTF-16LE", "ISO-8859-1", "US-ASCII"};
        String[] texts = {"foo", "", "héllo wörld", "😀 中文", "a\u0000b", "x\ud800y\udc00z"};
        // Strings with unpaired surrogates are written as UTF-16 code units (see text()).
        for (String enc : encodings) {
            StringConverter conv = new StringConverter();
            Map<String, String> cfg = new HashMap<>();
            if (enc != null) cfg.put("converter.encoding", enc);
            conv.configure(cfg, false);
            for (String t : texts) {
                ObjectNode n = F.objectNode();
                n.put("encoding", enc);
                n.set("text", text(t));
                byte[] b = conv.fromConnectData("t", Schema.STRING_SCHEMA, t);
                n.put("bytes", Base64.getEncoder().encodeToString(b));
                n.set("read", text((String) conv.toConnectData("t", b).value()));
                out.add(n);
            }
            ObjectNode n = F.objectNode();
            n.put("encoding", enc);
            n.put("readBytes", "/w5BgOI=");
            n.put("read", (String) conv.toConnectData("t", Base64.getDecoder().decode("/w5BgOI=")).value());
            out.add(n);
            for (String b64 : new String[] {"77u/YQ==", "//5hAA==", "/v8AYQ==", "4ICAYe2gAA=="}) {
                ObjectNode m = F.objectNode();
                m.put("encoding", enc);
                m.put("readBytes", b64);
                m.put("read", (String) conv.toConnectData("t", Base64.getDecoder().decode(b64)).value());
                out.add(m);
            }
        }
        return out;
    }

    /** Random, mostly invalid, UTF-8 decoded by StringConverter: Java's replacement rules. */
    static ArrayNode utf8Fuzz() {
        StringConverter conv = new StringConverter();
        conv.configure(Map.of(), false);
        SplittableRandom rnd = new SplittableRandom(7L);
        int[] pool = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf,
            0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xf7, 0xf8, 0xff};
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < 400; i++) {
            byte[] b = new byte[rnd.nextInt(1, 9)];
            for (int j = 0; j < b.length; j++) b[j] = (byte) pool[rnd.nextInt(pool.length)];
            ArrayNode p = F.arrayNode();
            p.add(Base64.getEncoder().encodeToString(b));
            p.add(text((String) conv.toConnectData("t", b).value()));
            out.add(p);
        }
        return out;
    }

    static ArrayNode byteArrays() {
        ArrayNode out = F.arrayNode();
        ByteArrayConverter conv = new ByteArrayConverter();
        conv.configure(Map.of(), false);
        Object[][] cases = {
            {"null schema", null, new byte[] {1, 2}},
            {"bytes schema", Schema.BYTES_SCHEMA, new byte[] {3}},
            {"null value", Schema.OPTIONAL_BYTES_SCHEMA, null},
            {"string schema", Schema.STRING_SCHEMA, new byte[] {1}},
            {"int32 schema", Schema.INT32_SCHEMA, 5},
            {"string value", null, "x"},
        };
        for (Object[] c : cases) {
            ObjectNode n = F.objectNode();
            n.put("name", (String) c[0]);
            try {
                byte[] b = conv.fromConnectData("t", (Schema) c[1], c[2]);
                n.put("output", b == null ? null : Base64.getEncoder().encodeToString(b));
            } catch (Exception e) {
                n.set("writeError", err(e));
            }
            out.add(n);
        }
        return out;
    }
}
