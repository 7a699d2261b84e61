package dev.kstreams.differential;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/** count, reduce and aggregate on a KGroupedStream or a KGroupedTable. */
final class GroupedSteps {
    private GroupedSteps() {
    }

    static Node count(Step step, Node from, boolean table) {
        String store = step.text("materialized");
        Object result;
        if (store == null) {
            result = table ? Nodes.groupedTable(from).count() : Nodes.groupedStream(from).count();
        } else {
            Materialized<Object, Long, KeyValueStore<Bytes, byte[]>> materialized = Materialized.as(store);
            materialized = materialized.withKeySerde(SerdeNames.serde(from.keySerde())).withValueSerde(Serdes.Long());
            materialized = Materializations.caching(step, materialized);
            result = table ? Nodes.groupedTable(from).count(materialized)
                : Nodes.groupedStream(from).count(materialized);
        }
        return new Node(result, from.keySerde(), SerdeNames.LONG);
    }

    static Node reduce(Step step, Node from, boolean table) {
        String v = step.serde("valueSerde", from.valueSerde());
        var materialized = Materializations.caching(step,
            Materializations.asOrWith(step.text("materialized"), from.keySerde(), v));
        Object result = table
            ? Nodes.groupedTable(from).reduce(Functions.reducer(step.fn("fn")),
                Functions.reducer(step.fn("subtractor")), materialized)
            : Nodes.groupedStream(from).reduce(Functions.reducer(step.fn("fn")), materialized);
        return new Node(result, from.keySerde(), v);
    }

    static Node aggregate(Step step, Node from, boolean table) {
        FunctionRef initializer = step.fn("initializer");
        String v = step.serde("valueSerde", ResultSerdes.ofInitializer(initializer));
        var materialized = Materializations.caching(step,
            Materializations.asOrWith(step.text("materialized"), from.keySerde(), v));
        Object result = table
            ? Nodes.groupedTable(from).aggregate(Functions.initializer(initializer),
                Functions.aggregator(step.fn("fn")), Functions.aggregator(step.fn("subtractor")), materialized)
            : Nodes.groupedStream(from).aggregate(Functions.initializer(initializer),
                Functions.aggregator(step.fn("fn")), materialized);
        return new Node(result, from.keySerde(), v);
    }
}
