package dev.kstreams.differential;

import java.util.Map;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/** The ops on a KStream (joins are in JoinSteps). Each returns the node its id names. */
final class StreamSteps {
    static final String SPLIT_PREFIX = "split-";

    private StreamSteps() {
    }

    static Node filter(Step step, Node from) {
        return same(from, Nodes.stream(from).filter(Functions.predicate(step.fn("fn"))));
    }

    static Node filterNot(Step step, Node from) {
        return same(from, Nodes.stream(from).filterNot(Functions.predicate(step.fn("fn"))));
    }

    static Node map(Step step, Node from) {
        FunctionRef fn = step.fn("fn");
        String[] serdes = ResultSerdes.ofKeyValueMapper(fn, from.keySerde(), from.valueSerde());
        return new Node(Nodes.stream(from).map(Functions.keyValueMapper(fn)), serdes[0], serdes[1]);
    }

    static Node mapValues(Step step, Node from) {
        FunctionRef fn = step.fn("fn");
        return new Node(Nodes.stream(from).mapValues(Functions.valueMapper(fn)), from.keySerde(),
            ResultSerdes.ofValueMapper(fn, from.valueSerde()));
    }

    static Node flatMap(Step step, Node from) {
        // wordsAsKeys: [word, value]
        return new Node(Nodes.stream(from).flatMap(Functions.flatKeyValueMapper(step.fn("fn"))), SerdeNames.STRING,
            from.valueSerde());
    }

    static Node flatMapValues(Step step, Node from) {
        // words: strings
        return new Node(Nodes.stream(from).flatMapValues(Functions.flatValueMapper(step.fn("fn"))), from.keySerde(),
            SerdeNames.STRING);
    }

    static Node selectKey(Step step, Node from) {
        FunctionRef fn = step.fn("fn");
        return new Node(Nodes.stream(from).selectKey(Functions.keySelector(fn)),
            ResultSerdes.ofKeySelector(fn, from.keySerde(), from.valueSerde()), from.valueSerde());
    }

    static Node peek(Step step, Node from) {
        return same(from, Nodes.stream(from).peek((k, v) -> { }));
    }

    static void foreach(Step step, Node from) {
        Nodes.stream(from).foreach((k, v) -> { });
    }

    /** Registers "split-" + id under each branch id (and the default branch's id). */
    static void split(Step step, Node from, Nodes nodes) {
        if ("true".equals(step.text("unnamedSplit"))) {
            unnamedSplit(step, from, nodes);
            return;
        }
        BranchedKStream<Object, Object> split = Nodes.stream(from).split(Named.as(SPLIT_PREFIX));
        for (Step branch : step.branches()) {
            split = split.branch(Functions.predicate(branch.fn("fn")), Branched.as(branch.id()));
        }
        String defaultId = step.text("defaultId");
        Map<String, KStream<Object, Object>> branches = defaultId == null
            ? split.noDefaultBranch()
            : split.defaultBranch(Branched.as(defaultId));
        for (Step branch : step.branches()) {
            nodes.put(branch.id(), same(from, branches.get(SPLIT_PREFIX + branch.id())));
        }
        if (defaultId != null) {
            nodes.put(defaultId, same(from, branches.get(SPLIT_PREFIX + defaultId)));
        }
    }

    static Node merge(Step step, Node from, Node other) {
        return same(from, Nodes.stream(from).merge(Nodes.stream(other)));
    }

    static Node repartition(Step step, Node from) {
        String k = step.serde("keySerde", from.keySerde());
        String v = step.serde("valueSerde", from.valueSerde());
        Repartitioned<Object, Object> repartitioned = Repartitioned.with(SerdeNames.serde(k), SerdeNames.serde(v));
        if (step.has("name")) {
            repartitioned = repartitioned.withName(step.text("name"));
        }
        if (step.has("numberOfPartitions")) {
            repartitioned = repartitioned.withNumberOfPartitions(Integer.parseInt(step.text("numberOfPartitions")));
        }
        return new Node(Nodes.stream(from).repartition(repartitioned), k, v);
    }

    static void to(Step step, Node from) {
        String k = step.serde("keySerde", from.keySerde());
        String v = step.serde("valueSerde", from.valueSerde());
        Produced<Object, Object> produced = Produced.with(SerdeNames.serde(k), SerdeNames.serde(v));
        if (step.has("topicFn")) {
            Nodes.stream(from).to(Functions.topicNameExtractor(step.fn("topicFn")), produced);
        } else {
            Nodes.stream(from).to(step.required("topic"), produced);
        }
    }

    /** toTable(Materialized.as(name) or .with(k, v)); Kafka's own toTable() is toTable(Materialized.with(k, v)). */
    static Node toTable(Step step, Node from) {
        String k = step.serde("keySerde", from.keySerde());
        String v = step.serde("valueSerde", from.valueSerde());
        var materialized = Materializations.caching(step, Materializations.asOrWith(step.text("materialized"), k, v));
        return new Node(Nodes.stream(from).toTable(materialized), k, v);
    }

    static Node groupByKey(Step step, Node from) {
        String k = step.serde("keySerde", from.keySerde());
        String v = step.serde("valueSerde", from.valueSerde());
        return new Node(Nodes.stream(from).groupByKey(grouped(k, v)), k, v);
    }

    static Node groupBy(Step step, Node from) {
        FunctionRef fn = step.fn("fn");
        String k = step.serde("keySerde", ResultSerdes.ofKeySelector(fn, from.keySerde(), from.valueSerde()));
        String v = step.serde("valueSerde", from.valueSerde());
        return new Node(Nodes.stream(from).groupBy(Functions.keySelector(fn), grouped(k, v)), k, v);
    }

    static Grouped<Object, Object> grouped(String k, String v) {
        return Grouped.with(SerdeNames.serde(k), SerdeNames.serde(v));
    }

    private static Node same(Node from, Object handle) {
        return new Node(handle, from.keySerde(), from.valueSerde());
    }

    /** A split without names: branches are found by the position Kafka Streams appends to its generated name. */
    private static void unnamedSplit(Step step, Node from, Nodes nodes) {
        BranchedKStream<Object, Object> split = Nodes.stream(from).split();
        for (Step branch : step.branches()) {
            split = split.branch(Functions.predicate(branch.fn("fn")));
        }
        String defaultId = step.text("defaultId");
        Map<String, KStream<Object, Object>> branches = defaultId == null ? split.noDefaultBranch() : split.defaultBranch();
        Map<String, KStream<Object, Object>> byPosition = new java.util.HashMap<>();
        branches.forEach((name, stream) -> byPosition.put(name.replaceFirst("^KSTREAM-BRANCH-[0-9]{10}", ""), stream));
        int position = 1;
        for (Step branch : step.branches()) {
            nodes.put(branch.id(), same(from, byPosition.get(String.valueOf(position++))));
        }
        if (defaultId != null) {
            nodes.put(defaultId, same(from, byPosition.get("0")));
        }
    }
}
