package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
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
     * instead of "sizeMs" the windows are session windows (SessionWindowedSteps).
     */
    static Node windowedBy(Step step, Node from) {
        JsonNode json = step.object("windows");
        if (json.has("sessionGapMs")) {
            return SessionWindowedSteps.windowedBy(json, from);
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
