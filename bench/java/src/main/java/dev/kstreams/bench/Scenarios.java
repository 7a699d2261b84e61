package dev.kstreams.bench;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The benchmark topologies. Keys and values are UTF-8 strings (Serdes.String()) on both topics. */
final class Scenarios {

    static final List<String> NAMES = List.of("passthrough", "filter-map");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Scenarios() {}

    static void build(String scenario, StreamsBuilder builder, String input, String output) {
        Consumed<String, String> consumed = Consumed.with(Serdes.String(), Serdes.String());
        Produced<String, String> produced = Produced.with(Serdes.String(), Serdes.String());
        switch (scenario) {
            case "passthrough" -> builder.stream(input, consumed)
                    .mapValues(v -> v)
                    .to(output, produced);
            case "filter-map" -> builder.stream(input, consumed)
                    .mapValues(Scenarios::parseOrder)
                    .filter((k, order) -> order != null && isEven(order.get("amount")))
                    .map((k, order) -> KeyValue.pair(order.get("user").textValue(), render(order)))
                    .to(output, produced);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /**
     * Parses an input value; returns null (record dropped) unless it is a JSON object with a numeric {@code id},
     * a string {@code user} and a numeric {@code amount}.
     */
    static ObjectNode parseOrder(String value) {
        if (value == null) {
            return null;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (!(node instanceof ObjectNode obj)) {
            return null;
        }
        JsonNode id = obj.get("id");
        JsonNode user = obj.get("user");
        JsonNode amount = obj.get("amount");
        if (id == null || !id.isNumber() || user == null || !user.isTextual() || amount == null
                || !amount.isNumber()) {
            return null;
        }
        return obj;
    }

    /** {@code amount % 2 === 0} with JavaScript semantics (integers; also 44.0 even, 44.5 odd). */
    static boolean isEven(JsonNode amount) {
        if (amount.isIntegralNumber()) {
            return amount.canConvertToLong() ? amount.longValue() % 2 == 0 : !amount.bigIntegerValue().testBit(0);
        }
        return amount.doubleValue() % 2 == 0;
    }

    /** {@code JSON.stringify({id, user, amount})}: compact, that field order, payload and other fields dropped. */
    static String render(ObjectNode order) {
        ObjectNode out = MAPPER.createObjectNode();
        out.set("id", order.get("id"));
        out.set("user", order.get("user"));
        out.set("amount", order.get("amount"));
        try {
            return MAPPER.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
