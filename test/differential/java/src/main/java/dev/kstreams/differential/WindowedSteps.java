package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.SessionWindowedKStream;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.TimeWindowedKStream;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * windowedBy on a KGroupedStream, and count / reduce / aggregate on the TimeWindowedKStream it gives. The windowed
 * stream's tracked key serde is its result's, "windowed-string:size"; its store gets the inner key serde.
 */
final class WindowedSteps {
    private WindowedSteps() {
    }

    /**
     * "windows": { sizeMs, advanceMs?, graceMs? }; without graceMs it is ofSizeWithNoGrace. With "sessionGapMs"
     * instead of "sizeMs" the windows are session windows (SessionWindowedSteps); with "timeDifferenceMs" they are
     * sliding windows (the windowed key serde's size is the time difference, as Kafka Streams' result serde).
     */
    static Node windowedBy(Step step, Node from) {
        JsonNode json = step.object("windows");
        if (json.has("sessionGapMs")) {
            return SessionWindowedSteps.windowedBy(json, from);
        }
        if (json.has("timeDifferenceMs")) {
            Duration difference = Duration.ofMillis(json.get("timeDifferenceMs").asLong());
            SlidingWindows sliding = json.has("graceMs")
                ? SlidingWindows.ofTimeDifferenceAndGrace(difference, Duration.ofMillis(json.get("graceMs").asLong()))
                : SlidingWindows.ofTimeDifferenceWithNoGrace(difference);
            return new Node(Nodes.groupedStream(from).windowedBy(sliding),
                SerdeNames.windowedName(from.keySerde(), sliding.timeDifferenceMs()), from.valueSerde());
        }
        Duration size = Duration.ofMillis(json.path("sizeMs").asLong());
        TimeWindows windows = json.has("graceMs")
            ? TimeWindows.ofSizeAndGrace(size, Duration.ofMillis(json.get("graceMs").asLong()))
            : TimeWindows.ofSizeWithNoGrace(size);
        if (json.has("advanceMs")) {
            windows = windows.advanceBy(Duration.ofMillis(json.get("advanceMs").asLong()));
        }
        return new Node(Nodes.groupedStream(from).windowedBy(windows),
            SerdeNames.windowedName(from.keySerde(), windows.size()), from.valueSerde());
    }

    /** "emit": "onWindowClose" or "onWindowUpdate", on a time- or session-windowed stream. */
    static Node emitStrategy(Step step, Node from) {
        String emit = step.required("emit");
        EmitStrategy strategy = switch (emit) {
            case "onWindowClose" -> EmitStrategy.onWindowClose();
            case "onWindowUpdate" -> EmitStrategy.onWindowUpdate();
            default -> throw new IllegalArgumentException("\"emit\" is onWindowClose or onWindowUpdate, not " + emit);
        };
        Object handle = from.handle() instanceof SessionWindowedKStream<?, ?> session
            ? session.emitStrategy(strategy)
            : ((TimeWindowedKStream<?, ?>) from.handle()).emitStrategy(strategy);
        return new Node(handle, from.keySerde(), from.valueSerde());
    }

    static Node count(Step step, Node from) {
        return new Node(Nodes.windowedStream(from).count(materialized(step, from, SerdeNames.LONG)),
            from.keySerde(), SerdeNames.LONG);
    }

    static Node reduce(Step step, Node from) {
        String v = step.serde("valueSerde", from.valueSerde());
        return new Node(Nodes.windowedStream(from).reduce(Functions.reducer(step.fn("fn")), materialized(step, from, v)),
            from.keySerde(), v);
    }

    static Node aggregate(Step step, Node from) {
        FunctionRef initializer = step.fn("initializer");
        String v = step.serde("valueSerde", ResultSerdes.ofInitializer(initializer));
        return new Node(Nodes.windowedStream(from).aggregate(Functions.initializer(initializer),
            Functions.aggregator(step.fn("fn")), materialized(step, from, v)), from.keySerde(), v);
    }

    /** Materialized.as(name) or .with(k, v), with serdes, "caching": false and "retentionMs". */
    private static <V> Materialized<Object, V, WindowStore<Bytes, byte[]>> materialized(Step step, Node from,
                                                                                       String valueSerde) {
        String store = step.text("materialized");
        Materialized<Object, V, WindowStore<Bytes, byte[]>> materialized = store == null
            ? Materialized.with(null, null) : Materialized.as(store);
        @SuppressWarnings("unchecked")
        Serde<V> values = (Serde<V>) (Serde<?>) SerdeNames.serde(valueSerde);
        materialized = materialized.withKeySerde(SerdeNames.serde(SerdeNames.inner(from.keySerde())))
            .withValueSerde(values);
        if (step.has("retentionMs")) {
            materialized = materialized.withRetention(Duration.ofMillis(Long.parseLong(step.text("retentionMs"))));
        }
        return Materializations.caching(step, materialized);
    }
}
