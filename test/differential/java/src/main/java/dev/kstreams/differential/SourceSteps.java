package dev.kstreams.differential;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;

/** The source ops: stream, table, globalTable. */
final class SourceSteps {
    private final StreamsBuilder builder;

    SourceSteps(StreamsBuilder builder) {
        this.builder = builder;
    }

    Node stream(Step step) {
        String k = step.serde("keySerde", SerdeNames.STRING);
        String v = step.serde("valueSerde", SerdeNames.STRING);
        return new Node(builder.stream(step.topics(), consumed(step, k, v)), k, v);
    }

    Node table(Step step) {
        String k = step.serde("keySerde", SerdeNames.STRING);
        String v = step.serde("valueSerde", SerdeNames.STRING);
        String store = step.text("materialized");
        Object table = store == null
            ? builder.table(step.required("topic"), consumed(step, k, v))
            : builder.table(step.required("topic"), consumed(step, k, v),
                Materializations.caching(step, Materializations.as(store, k, v)));
        return new Node(table, k, v);
    }

    Node globalTable(Step step) {
        String k = step.serde("keySerde", SerdeNames.STRING);
        String v = step.serde("valueSerde", SerdeNames.STRING);
        String store = step.text("materialized");
        Object table = store == null
            ? builder.globalTable(step.required("topic"), consumed(step, k, v))
            : builder.globalTable(step.required("topic"), consumed(step, k, v), Materializations.as(store, k, v));
        return new Node(table, k, v);
    }

    /** Consumed.with(k, v), with the step's "timestampExtractor" if it has one. */
    private static Consumed<Object, Object> consumed(Step step, String k, String v) {
        Consumed<Object, Object> consumed = Consumed.with(SerdeNames.serde(k), SerdeNames.serde(v));
        return step.has("timestampExtractor")
            ? consumed.withTimestampExtractor(Functions.timestampExtractor(step.fn("timestampExtractor")))
            : consumed;
    }
}
