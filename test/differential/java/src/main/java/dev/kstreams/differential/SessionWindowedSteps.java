package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.state.SessionStore;

/**
 * windowedBy(SessionWindows) on a KGroupedStream ("windows": { sessionGapMs, graceMs? }), and count / reduce /
 * aggregate on the SessionWindowedKStream it gives. The session-windowed stream's tracked key serde is its
 * result's, "session-string" / "session-long"; its store gets the inner key serde.
 */
final class SessionWindowedSteps {
    private SessionWindowedSteps() {
    }

    /** ofInactivityGapAndGrace(gap, grace), or ofInactivityGapWithNoGrace(gap) without graceMs. */
    static Node windowedBy(JsonNode json, Node from) {
        Duration gap = Duration.ofMillis(json.get("sessionGapMs").asLong());
        SessionWindows windows = json.has("graceMs")
            ? SessionWindows.ofInactivityGapAndGrace(gap, Duration.ofMillis(json.get("graceMs").asLong()))
            : SessionWindows.ofInactivityGapWithNoGrace(gap);
        return new Node(Nodes.groupedStream(from).windowedBy(windows), SerdeNames.sessionName(from.keySerde()),
            from.valueSerde());
    }

    static Node count(Step step, Node from) {
        return new Node(Nodes.sessionWindowedStream(from).count(materialized(step, from, SerdeNames.LONG)),
            from.keySerde(), SerdeNames.LONG);
    }

    static Node reduce(Step step, Node from) {
        String v = step.serde("valueSerde", from.valueSerde());
        return new Node(Nodes.sessionWindowedStream(from).reduce(Functions.reducer(step.fn("fn")),
            materialized(step, from, v)), from.keySerde(), v);
    }

    static Node aggregate(Step step, Node from) {
        FunctionRef initializer = step.fn("initializer");
        String v = step.serde("valueSerde", ResultSerdes.ofInitializer(initializer));
        return new Node(Nodes.sessionWindowedStream(from).aggregate(Functions.initializer(initializer),
            Functions.aggregator(step.fn("fn")), Functions.merger(step.fn("merger")), materialized(step, from, v)),
            from.keySerde(), v);
    }

    /** Materialized.as(name) or .with(k, v), with serdes, "caching": false and "retentionMs". */
    private static <V> Materialized<Object, V, SessionStore<Bytes, byte[]>> materialized(Step step, Node from,
                                                                                        String valueSerde) {
        String store = step.text("materialized");
        Materialized<Object, V, SessionStore<Bytes, byte[]>> materialized = store == null
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
