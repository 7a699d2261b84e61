package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Conversions between JSON record fields and the Java values the serdes carry (String, Long, null). */
final class JsonValues {
    private JsonValues() {
    }

    /** A JSON input key or value as the Java value of the named serde; JSON null (or absent) is null. */
    static Object toJava(JsonNode node, String serde) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (SerdeNames.LONG.equals(serde)) {
            return node.isNumber() ? node.asLong() : Long.parseLong(node.asText());
        }
        return node.asText();
    }

    /** A decoded output key or value as JSON: Long as a number, String as a string, null as null. */
    static JsonNode toJson(Object value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value == null) {
            return json.nullNode();
        }
        if (value instanceof Long l) {
            return json.numberNode(l);
        }
        return json.textNode(value.toString());
    }
}
