package dev.kstreams.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * A built topology's describe(), as the JSON the test compares with kstreams' (differential.test.ts,
 * describedTopology in topology-description.ts):
 * <pre>
 * { "subtopologies": [ { "id", "nodes": [ { "name", "type": "source" | "processor" | "sink",
 *     "topics": [...] | "pattern": "..." (source), "stores": [...] (processor), "topic": "..." | null (sink; null for
 *     a topic-name extractor), "successors": [...], "predecessors": [...] } ] } ],
 *   "globalStores": [ { "id", "source": { "name", "topics" }, "processor": { "name", "stores" } } ] }
 * </pre>
 * Sub-topologies and global stores in id order; nodes in describe()'s own order (its comparator: larger sub-tree
 * first, then by name), successors and predecessors as describe() lists them (the test compares those as sets).
 * Topic and store sets are sorted (Java keeps them in HashSets).
 */
final class TopologyDescriptions {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TopologyDescriptions() {
    }

    static ObjectNode describe(Topology topology) {
        TopologyDescription description = topology.describe();
        ObjectNode result = JSON.objectNode();
        ArrayNode subtopologies = result.putArray("subtopologies");
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            ObjectNode json = subtopologies.addObject();
            json.put("id", subtopology.id());
            ArrayNode nodes = json.putArray("nodes");
            for (TopologyDescription.Node node : subtopology.nodes()) {
                nodes.add(node(node));
            }
        }
        ArrayNode globalStores = result.putArray("globalStores");
        for (TopologyDescription.GlobalStore store : description.globalStores()) {
            ObjectNode json = globalStores.addObject();
            json.put("id", store.id());
            ObjectNode source = json.putObject("source");
            source.put("name", store.source().name());
            source.set("topics", sorted(store.source().topicSet()));
            ObjectNode processor = json.putObject("processor");
            processor.put("name", store.processor().name());
            processor.set("stores", sorted(store.processor().stores()));
        }
        return result;
    }

    private static ObjectNode node(TopologyDescription.Node node) {
        ObjectNode json = JSON.objectNode();
        json.put("name", node.name());
        if (node instanceof TopologyDescription.Source source) {
            json.put("type", "source");
            if (source.topicPattern() != null) {
                json.put("pattern", source.topicPattern().pattern());
            } else {
                json.set("topics", sorted(source.topicSet()));
            }
        } else if (node instanceof TopologyDescription.Processor processor) {
            json.put("type", "processor");
            json.set("stores", sorted(processor.stores()));
        } else if (node instanceof TopologyDescription.Sink sink) {
            json.put("type", "sink");
            // null for a TopicNameExtractor (Java's topic() is null then)
            json.put("topic", sink.topic());
        } else {
            throw new IllegalStateException("unknown node type: " + node.getClass());
        }
        json.set("successors", names(node.successors()));
        json.set("predecessors", names(node.predecessors()));
        return json;
    }

    private static ArrayNode names(Set<TopologyDescription.Node> nodes) {
        ArrayNode names = JSON.arrayNode();
        for (TopologyDescription.Node node : nodes) {
            names.add(node.name());
        }
        return names;
    }

    private static ArrayNode sorted(Collection<String> values) {
        ArrayNode array = JSON.arrayNode();
        if (values != null) {
            for (String value : new TreeSet<>(values)) {
                array.add(value);
            }
        }
        return array;
    }
}
