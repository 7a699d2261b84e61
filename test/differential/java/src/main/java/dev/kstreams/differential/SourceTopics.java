package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The key and value serde names of each topic a source step (stream, table, globalTable) reads. */
final class SourceTopics {
    private final Map<String, String[]> serdesByTopic = new HashMap<>();

    SourceTopics(JsonNode topology) {
        for (JsonNode json : topology) {
            Step step = new Step(json);
            String op = step.op();
            if (op.equals("stream") || op.equals("table") || op.equals("globalTable")) {
                String[] serdes = {step.serde("keySerde", SerdeNames.STRING), step.serde("valueSerde", SerdeNames.STRING)};
                for (String topic : step.topics()) {
                    serdesByTopic.putIfAbsent(topic, serdes);
                }
            }
        }
    }

    /** [key serde, value serde]; "string" for a topic no source reads (the driver then rejects the topic). */
    String[] serdes(String topic) {
        return serdesByTopic.getOrDefault(topic, new String[] {SerdeNames.STRING, SerdeNames.STRING});
    }
}
