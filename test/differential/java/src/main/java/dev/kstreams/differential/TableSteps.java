package dev.kstreams.differential;

import org.apache.kafka.streams.kstream.KTable;

/** The ops on a KTable (joins are in JoinSteps). Each returns the node its id names. */
final class TableSteps {
    private TableSteps() {
    }

    static Node filter(Step step, Node from) {
        KTable<Object, Object> table = Nodes.table(from);
        String store = step.text("materialized");
        Object result = store == null
            ? table.filter(Functions.predicate(step.fn("fn")))
            : table.filter(Functions.predicate(step.fn("fn")),
                Materializations.caching(step, Materializations.as(store, from.keySerde(), from.valueSerde())));
        return new Node(result, from.keySerde(), from.valueSerde());
    }

    static Node filterNot(Step step, Node from) {
        KTable<Object, Object> table = Nodes.table(from);
        String store = step.text("materialized");
        Object result = store == null
            ? table.filterNot(Functions.predicate(step.fn("fn")))
            : table.filterNot(Functions.predicate(step.fn("fn")),
                Materializations.caching(step, Materializations.as(store, from.keySerde(), from.valueSerde())));
        return new Node(result, from.keySerde(), from.valueSerde());
    }

    static Node mapValues(Step step, Node from) {
        FunctionRef fn = step.fn("fn");
        String v = ResultSerdes.ofValueMapper(fn, from.valueSerde());
        KTable<Object, Object> table = Nodes.table(from);
        String store = step.text("materialized");
        Object result = store == null
            ? table.mapValues(Functions.valueMapper(fn))
            : table.mapValues(Functions.valueMapper(fn),
                Materializations.caching(step, Materializations.as(store, from.keySerde(), v)));
        return new Node(result, from.keySerde(), v);
    }

    static Node toStream(Step step, Node from) {
        return new Node(Nodes.table(from).toStream(), from.keySerde(), from.valueSerde());
    }

    static Node groupBy(Step step, Node from) {
        FunctionRef fn = step.fn("fn");
        String[] serdes = ResultSerdes.ofKeyValueMapper(fn, from.keySerde(), from.valueSerde());
        String k = step.serde("keySerde", serdes[0]);
        String v = step.serde("valueSerde", serdes[1]);
        return new Node(Nodes.table(from).groupBy(Functions.keyValueMapper(fn), StreamSteps.grouped(k, v)), k, v);
    }
}
