package dev.kstreams.differential;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KGroupedTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.SessionWindowedKStream;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;

/** The step ids defined so far and typed access to what they name. */
final class Nodes {
    private final Map<String, Node> byId = new HashMap<>();

    void put(String id, Node node) {
        if (byId.containsKey(id)) {
            throw new IllegalArgumentException("duplicate step id: " + id);
        }
        byId.put(id, node);
    }

    Node get(String id) {
        Node node = byId.get(id);
        if (node == null) {
            throw new IllegalArgumentException("unknown step id: " + id);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static KStream<Object, Object> stream(Node node) {
        return (KStream<Object, Object>) as(node, KStream.class);
    }

    @SuppressWarnings("unchecked")
    static KTable<Object, Object> table(Node node) {
        return (KTable<Object, Object>) as(node, KTable.class);
    }

    @SuppressWarnings("unchecked")
    static GlobalKTable<Object, Object> globalTable(Node node) {
        return (GlobalKTable<Object, Object>) as(node, GlobalKTable.class);
    }

    @SuppressWarnings("unchecked")
    static KGroupedStream<Object, Object> groupedStream(Node node) {
        return (KGroupedStream<Object, Object>) as(node, KGroupedStream.class);
    }

    @SuppressWarnings("unchecked")
    static KGroupedTable<Object, Object> groupedTable(Node node) {
        return (KGroupedTable<Object, Object>) as(node, KGroupedTable.class);
    }

    @SuppressWarnings("unchecked")
    static TimeWindowedKStream<Object, Object> windowedStream(Node node) {
        return (TimeWindowedKStream<Object, Object>) as(node, TimeWindowedKStream.class);
    }

    @SuppressWarnings("unchecked")
    static SessionWindowedKStream<Object, Object> sessionWindowedStream(Node node) {
        return (SessionWindowedKStream<Object, Object>) as(node, SessionWindowedKStream.class);
    }

    /**
     * "stream", "table", "groupedStream", "groupedTable", "windowedStream", "sessionWindowedStream" or
     * "globalTable": what decides a step's
     * kind.
     */
    static String kind(Node node) {
        Object handle = node.handle();
        if (handle instanceof KStream) {
            return "stream";
        }
        if (handle instanceof KTable) {
            return "table";
        }
        if (handle instanceof KGroupedStream) {
            return "groupedStream";
        }
        if (handle instanceof KGroupedTable) {
            return "groupedTable";
        }
        if (handle instanceof TimeWindowedKStream) {
            return "windowedStream";
        }
        if (handle instanceof SessionWindowedKStream) {
            return "sessionWindowedStream";
        }
        if (handle instanceof GlobalKTable) {
            return "globalTable";
        }
        throw new IllegalStateException("unknown node type: " + handle.getClass().getName());
    }

    private static Object as(Node node, Class<?> type) {
        if (!type.isInstance(node.handle())) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName() + ", got a " + kind(node));
        }
        return node.handle();
    }
}
