package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.ValueJoiner;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/**
 * join / leftJoin / outerJoin, chosen by what "from" and "other" are: stream + stream (windowed, "joinWindows"),
 * stream + table, stream + global table, table + table on the primary key, table + table on a foreign key (a step
 * with "foreignKey"). Every joiner of
 * the vocabulary (concat) makes strings.
 */
final class JoinSteps {
    private JoinSteps() {
    }

    static Node join(String op, Step step, Node from, Node other) {
        String fromKind = Nodes.kind(from);
        String otherKind = Nodes.kind(other);
        if (fromKind.equals("stream") && otherKind.equals("stream")) {
            return streamStream(op, step, from, other);
        }
        if (fromKind.equals("stream") && otherKind.equals("table")) {
            return streamTable(op, step, from, other);
        }
        if (fromKind.equals("stream") && otherKind.equals("globalTable")) {
            return streamGlobalTable(op, step, from, other);
        }
        if (fromKind.equals("table") && otherKind.equals("table")) {
            return step.has("foreignKey") ? foreignKey(op, step, from, other) : tableTable(op, step, from, other);
        }
        throw new IllegalArgumentException(op + " of a " + fromKind + " with a " + otherKind + " is not supported");
    }

    /**
     * join(otherStream, joiner, JoinWindows, StreamJoined.with(k, v, otherValueSerde)[.withStoreName(storeName)]
     * [.withDslStoreSuppliers(InMemoryDslStoreSuppliers)]).
     */
    static Node streamStream(String op, Step step, Node from, Node other) {
        String k = step.serde("keySerde", from.keySerde());
        String v = step.serde("valueSerde", from.valueSerde());
        String ov = step.serde("otherValueSerde", other.valueSerde());
        StreamJoined<Object, Object, Object> joined = StreamJoined.with(SerdeNames.serde(k), SerdeNames.serde(v),
            SerdeNames.serde(ov));
        if (step.has("storeName")) {
            joined = joined.withStoreName(step.text("storeName"));
        }
        String storeType = step.text("storeType");
        if ("in-memory".equals(storeType)) {
            joined = joined.withDslStoreSuppliers(new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers());
        } else if (storeType != null && !storeType.equals("persistent")) {
            throw new IllegalArgumentException("storeType must be persistent or in-memory, not " + storeType);
        }
        KStream<Object, Object> left = Nodes.stream(from);
        KStream<Object, Object> right = Nodes.stream(other);
        ValueJoiner<Object, Object, Object> joiner = Functions.valueJoiner(step.fn("joiner"));
        JoinWindows windows = joinWindows(step.object("joinWindows"));
        Object result = switch (op) {
            case "join" -> left.join(right, joiner, windows, joined);
            case "leftJoin" -> left.leftJoin(right, joiner, windows, joined);
            case "outerJoin" -> left.outerJoin(right, joiner, windows, joined);
            default -> throw unsupported(op, "two streams");
        };
        return new Node(result, k, SerdeNames.STRING);
    }

    /** { timeDifferenceMs, graceMs?, beforeMs?, afterMs? }: ofTimeDifferenceAndGrace / WithNoGrace, then before / after. */
    static JoinWindows joinWindows(JsonNode json) {
        if (!json.has("timeDifferenceMs")) {
            throw new IllegalArgumentException("joinWindows needs \"timeDifferenceMs\": " + json);
        }
        Duration difference = Duration.ofMillis(json.get("timeDifferenceMs").asLong());
        JoinWindows windows = json.has("graceMs")
            ? JoinWindows.ofTimeDifferenceAndGrace(difference, Duration.ofMillis(json.get("graceMs").asLong()))
            : JoinWindows.ofTimeDifferenceWithNoGrace(difference);
        if (json.has("beforeMs")) {
            windows = windows.before(Duration.ofMillis(json.get("beforeMs").asLong()));
        }
        if (json.has("afterMs")) {
            windows = windows.after(Duration.ofMillis(json.get("afterMs").asLong()));
        }
        return windows;
    }

    /** join(table, joiner, Joined.with(k, v, tableValueSerde)). */
    static Node streamTable(String op, Step step, Node from, Node other) {
        String k = step.serde("keySerde", from.keySerde());
        String v = step.serde("valueSerde", from.valueSerde());
        Joined<Object, Object, Object> joined = Joined.with(SerdeNames.serde(k), SerdeNames.serde(v),
            SerdeNames.serde(other.valueSerde()));
        KStream<Object, Object> stream = Nodes.stream(from);
        KTable<Object, Object> table = Nodes.table(other);
        ValueJoiner<Object, Object, Object> joiner = Functions.valueJoiner(step.fn("joiner"));
        Object result = switch (op) {
            case "join" -> stream.join(table, joiner, joined);
            case "leftJoin" -> stream.leftJoin(table, joiner, joined);
            default -> throw unsupported(op, "a stream and a table");
        };
        return new Node(result, k, SerdeNames.STRING);
    }

    /** join(globalTable, keySelector, joiner). */
    static Node streamGlobalTable(String op, Step step, Node from, Node other) {
        KStream<Object, Object> stream = Nodes.stream(from);
        GlobalKTable<Object, Object> global = Nodes.globalTable(other);
        KeyValueMapper<Object, Object, Object> keySelector = Functions.keySelector(step.fn("keySelector"));
        ValueJoiner<Object, Object, Object> joiner = Functions.valueJoiner(step.fn("joiner"));
        Object result = switch (op) {
            case "join" -> stream.join(global, keySelector, joiner);
            case "leftJoin" -> stream.leftJoin(global, keySelector, joiner);
            default -> throw unsupported(op, "a stream and a global table");
        };
        return new Node(result, from.keySerde(), SerdeNames.STRING);
    }

    /** join(other, joiner[, Materialized.as(name)]) on the primary key. */
    static Node tableTable(String op, Step step, Node from, Node other) {
        KTable<Object, Object> left = Nodes.table(from);
        KTable<Object, Object> right = Nodes.table(other);
        ValueJoiner<Object, Object, Object> joiner = Functions.valueJoiner(step.fn("joiner"));
        String store = step.text("materialized");
        Object result;
        if (store == null) {
            result = switch (op) {
                case "join" -> left.join(right, joiner);
                case "leftJoin" -> left.leftJoin(right, joiner);
                case "outerJoin" -> left.outerJoin(right, joiner);
                default -> throw unsupported(op, "two tables");
            };
        } else {
            var materialized = Materializations.caching(step,
                Materializations.as(store, from.keySerde(), SerdeNames.STRING));
            result = switch (op) {
                case "join" -> left.join(right, joiner, materialized);
                case "leftJoin" -> left.leftJoin(right, joiner, materialized);
                case "outerJoin" -> left.outerJoin(right, joiner, materialized);
                default -> throw unsupported(op, "two tables");
            };
        }
        return new Node(result, from.keySerde(), SerdeNames.STRING);
    }

    /** KIP-213: join(other, fkExtractor, joiner[, Materialized.as(name)]). */
    static Node foreignKey(String op, Step step, Node from, Node other) {
        KTable<Object, Object> left = Nodes.table(from);
        KTable<Object, Object> right = Nodes.table(other);
        Function<Object, Object> extractor = Functions.foreignKeyExtractor(step.fn("foreignKey"));
        ValueJoiner<Object, Object, Object> joiner = Functions.valueJoiner(step.fn("joiner"));
        String store = step.text("materialized");
        Object result;
        if (store == null) {
            result = switch (op) {
                case "join" -> left.join(right, extractor, joiner);
                case "leftJoin" -> left.leftJoin(right, extractor, joiner);
                default -> throw unsupported(op, "two tables on a foreign key");
            };
        } else {
            var materialized = Materializations.caching(step,
                Materializations.as(store, from.keySerde(), SerdeNames.STRING));
            result = switch (op) {
                case "join" -> left.join(right, extractor, joiner, materialized);
                case "leftJoin" -> left.leftJoin(right, extractor, joiner, materialized);
                default -> throw unsupported(op, "two tables on a foreign key");
            };
        }
        return new Node(result, from.keySerde(), SerdeNames.STRING);
    }

    private static IllegalArgumentException unsupported(String op, String what) {
        return new IllegalArgumentException(op + " of " + what + " is not supported");
    }
}
