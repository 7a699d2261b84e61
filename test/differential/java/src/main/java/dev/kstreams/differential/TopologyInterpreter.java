package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.streams.StreamsBuilder;

/** Applies a spec's topology steps, in order, to a StreamsBuilder; a step's kind follows from its "from". */
final class TopologyInterpreter {
    private final Nodes nodes = new Nodes();
    private final SourceSteps sources;
    private final ProcessSteps processes;

    TopologyInterpreter(StreamsBuilder builder) {
        this.sources = new SourceSteps(builder);
        this.processes = new ProcessSteps(builder);
    }

    void apply(JsonNode topology) {
        if (topology == null || !topology.isArray()) {
            throw new IllegalArgumentException("\"topology\" must be an array of steps");
        }
        for (JsonNode json : topology) {
            Step step = new Step(json);
            try {
                apply(step);
            } catch (RuntimeException e) {
                throw new StepFailedException(step, e);
            }
        }
    }

    private void apply(Step step) {
        String op = step.op();
        switch (op) {
            case "stream" -> nodes.put(step.id(), sources.stream(step));
            case "table" -> nodes.put(step.id(), sources.table(step));
            case "globalTable" -> nodes.put(step.id(), sources.globalTable(step));
            default -> applyOn(op, step, nodes.get(step.from()));
        }
    }

    /** An op may name the kind of its "from" ("groupedStream.windowedBy"), which must then be that kind. */
    private void applyOn(String op, Step step, Node from) {
        String kind = Nodes.kind(from);
        int dot = op.indexOf('.');
        if (dot >= 0) {
            if (!op.substring(0, dot).equals(kind)) {
                throw new IllegalArgumentException("op " + op + " on a " + kind);
            }
            op = op.substring(dot + 1);
        }
        switch (kind + "." + op) {
            case "stream.filter" -> nodes.put(step.id(), StreamSteps.filter(step, from));
            case "stream.filterNot" -> nodes.put(step.id(), StreamSteps.filterNot(step, from));
            case "stream.map" -> nodes.put(step.id(), StreamSteps.map(step, from));
            case "stream.mapValues" -> nodes.put(step.id(), StreamSteps.mapValues(step, from));
            case "stream.flatMap" -> nodes.put(step.id(), StreamSteps.flatMap(step, from));
            case "stream.flatMapValues" -> nodes.put(step.id(), StreamSteps.flatMapValues(step, from));
            case "stream.selectKey" -> nodes.put(step.id(), StreamSteps.selectKey(step, from));
            case "stream.peek" -> nodes.put(step.id(), StreamSteps.peek(step, from));
            case "stream.foreach" -> StreamSteps.foreach(step, from);
            case "stream.split" -> StreamSteps.split(step, from, nodes);
            case "stream.merge" -> nodes.put(step.id(), StreamSteps.merge(step, from, nodes.get(step.other())));
            case "stream.process" -> nodes.put(step.id(), processes.process(step, from, false));
            case "stream.processValues" -> nodes.put(step.id(), processes.process(step, from, true));
            case "stream.repartition" -> nodes.put(step.id(), StreamSteps.repartition(step, from));
            case "stream.to" -> StreamSteps.to(step, from);
            case "stream.toTable" -> nodes.put(step.id(), StreamSteps.toTable(step, from));
            case "stream.groupByKey" -> nodes.put(step.id(), StreamSteps.groupByKey(step, from));
            case "stream.groupBy" -> nodes.put(step.id(), StreamSteps.groupBy(step, from));
            case "table.filter" -> nodes.put(step.id(), TableSteps.filter(step, from));
            case "table.filterNot" -> nodes.put(step.id(), TableSteps.filterNot(step, from));
            case "table.mapValues" -> nodes.put(step.id(), TableSteps.mapValues(step, from));
            case "table.toStream" -> nodes.put(step.id(), TableSteps.toStream(step, from));
            case "table.groupBy" -> nodes.put(step.id(), TableSteps.groupBy(step, from));
            case "table.suppress" -> nodes.put(step.id(), SuppressSteps.suppress(step, from));
            case "groupedStream.count" -> nodes.put(step.id(), GroupedSteps.count(step, from, false));
            case "groupedTable.count" -> nodes.put(step.id(), GroupedSteps.count(step, from, true));
            case "groupedStream.reduce" -> nodes.put(step.id(), GroupedSteps.reduce(step, from, false));
            case "groupedTable.reduce" -> nodes.put(step.id(), GroupedSteps.reduce(step, from, true));
            case "groupedStream.aggregate" -> nodes.put(step.id(), GroupedSteps.aggregate(step, from, false));
            case "groupedTable.aggregate" -> nodes.put(step.id(), GroupedSteps.aggregate(step, from, true));
            case "groupedStream.windowedBy" -> nodes.put(step.id(), WindowedSteps.windowedBy(step, from));
            case "windowedStream.emitStrategy", "sessionWindowedStream.emitStrategy" ->
                nodes.put(step.id(), WindowedSteps.emitStrategy(step, from));
            case "windowedStream.count" -> nodes.put(step.id(), WindowedSteps.count(step, from));
            case "windowedStream.reduce" -> nodes.put(step.id(), WindowedSteps.reduce(step, from));
            case "windowedStream.aggregate" -> nodes.put(step.id(), WindowedSteps.aggregate(step, from));
            case "sessionWindowedStream.count" -> nodes.put(step.id(), SessionWindowedSteps.count(step, from));
            case "sessionWindowedStream.reduce" -> nodes.put(step.id(), SessionWindowedSteps.reduce(step, from));
            case "sessionWindowedStream.aggregate" ->
                nodes.put(step.id(), SessionWindowedSteps.aggregate(step, from));
            case "stream.join", "stream.leftJoin", "stream.outerJoin", "table.join", "table.leftJoin",
                "table.outerJoin" -> nodes.put(step.id(), JoinSteps.join(op, step, from, nodes.get(step.other())));
            default -> throw new IllegalArgumentException("op " + op + " is not supported on a " + kind);
        }
    }
}
