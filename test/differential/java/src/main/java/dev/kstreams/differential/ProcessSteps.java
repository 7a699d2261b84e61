package dev.kstreams.differential;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.Stores;

/** process and processValues: a processor of the vocabulary, with its in-memory key-value store if it needs one. */
final class ProcessSteps {
    private final StreamsBuilder builder;

    ProcessSteps(StreamsBuilder builder) {
        this.builder = builder;
    }

    Node process(Step step, Node from, boolean fixedKey) {
        FunctionRef fn = step.fn("processor");
        String store = step.text("store");
        String v = Processors.valueSerde(fn, from.valueSerde());
        if (Processors.needsStore(fn)) {
            if (store == null) {
                throw new IllegalArgumentException("processor " + fn.name() + " needs a \"store\"");
            }
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store),
                SerdeNames.serde(from.keySerde()), SerdeNames.serde(v)));
        }
        String[] stores = store == null ? new String[0] : new String[] {store};
        KStream<Object, Object> stream = Nodes.stream(from);
        Object result = fixedKey
            ? stream.processValues(Processors.fixedKeySupplier(fn, store), stores)
            : stream.process(Processors.supplier(fn, store), stores);
        String k = fixedKey ? from.keySerde() : Processors.keySerde(fn, from.keySerde());
        return new Node(result, k, v);
    }
}
