package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs one spec: builds its topology, pipes its inputs through a TopologyTestDriver (wall clock at 0) in order
 * with their timestamps (an input { "advanceWallClockMs": n } advances the driver's wall clock instead), and reads
 * its output topics: { "outputs": ..., "topology": ... }, "topology" the built topology's describe()
 * (TopologyDescriptions). Any failure becomes { "error": ... }, still with "topology" when the topology was built.
 */
final class SpecRunner {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SpecRunner() {
    }

    static ObjectNode run(JsonNode spec) {
        ObjectNode result = JSON.objectNode();
        Path stateDir = null;
        try {
            stateDir = Files.createTempDirectory("kstreams-differential-");
            result.set("outputs", runIn(spec, stateDir, result));
        } catch (Throwable e) {
            JsonNode topology = result.get("topology");
            result.removeAll();
            result.put("error", ErrorMessages.describe(e));
            if (topology != null) {
                result.set("topology", topology);
            }
        } finally {
            deleteQuietly(stateDir);
        }
        return result;
    }

    /** The outputs; sets result's "topology" as soon as the topology is built. */
    private static ObjectNode runIn(JsonNode spec, Path stateDir, ObjectNode result) {
        String name = spec.path("name").asText();
        JsonNode topology = spec.get("topology");
        Properties props = DriverConfig.of(name, spec.get("config"), stateDir);
        StreamsBuilder builder = new StreamsBuilder();
        new TopologyInterpreter(builder).apply(topology);
        Topology built = builder.build(props);
        result.set("topology", TopologyDescriptions.describe(built));
        try (TopologyTestDriver driver = new TopologyTestDriver(built, props, Instant.ofEpochMilli(0))) {
            pipeInputs(driver, new SourceTopics(topology), spec.path("inputs"));
            ObjectNode outputs = readOutputs(driver, spec.path("outputs"));
            StoreReads.read(driver, spec.get("stores"), outputs);
            return outputs;
        }
    }

    private static void pipeInputs(TopologyTestDriver driver, SourceTopics sources, JsonNode inputs) {
        Map<String, TestInputTopic<Object, Object>> topics = new HashMap<>();
        Map<String, String[]> serdes = new HashMap<>();
        for (JsonNode input : inputs) {
            if (input.has("advanceWallClockMs")) {
                driver.advanceWallClockTime(Duration.ofMillis(input.get("advanceWallClockMs").asLong()));
                continue;
            }
            String topic = input.path("topic").asText();
            String[] topicSerdes = serdes.computeIfAbsent(topic, sources::serdes);
            TestInputTopic<Object, Object> inputTopic = topics.computeIfAbsent(topic, t -> driver.createInputTopic(t,
                SerdeNames.serde(topicSerdes[0]).serializer(), SerdeNames.serde(topicSerdes[1]).serializer()));
            JsonNode timestamp = input.get("timestamp");
            if (timestamp == null || !timestamp.isNumber()) {
                throw new IllegalArgumentException("input without a numeric timestamp: " + input);
            }
            inputTopic.pipeInput(JsonValues.toJava(input.get("key"), topicSerdes[0]),
                JsonValues.toJava(input.get("value"), topicSerdes[1]), timestamp.asLong());
        }
    }

    private static ObjectNode readOutputs(TopologyTestDriver driver, JsonNode outputs) {
        ObjectNode result = JSON.objectNode();
        for (JsonNode output : outputs) {
            String topic = output.path("topic").asText();
            String keySerde = SerdeNames.checkOutput(output.path("keySerde").asText(SerdeNames.STRING));
            String valueSerde = SerdeNames.checkOutput(output.path("valueSerde").asText(SerdeNames.STRING));
            TestOutputTopic<Object, Object> outputTopic = driver.createOutputTopic(topic,
                SerdeNames.serde(keySerde).deserializer(), SerdeNames.serde(valueSerde).deserializer());
            ArrayNode records = JSON.arrayNode();
            for (TestRecord<Object, Object> record : outputTopic.readRecordsToList()) {
                ObjectNode json = records.addObject();
                json.set("key", JsonValues.toJson(record.key()));
                json.set("value", JsonValues.toJson(record.value()));
                json.put("timestamp", record.timestamp());
            }
            result.set(topic, records);
        }
        return result;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a leftover temp dir does not change any result
        }
    }
}
