package dev.kstreams.differential;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;

/** Materialized instances with explicit serdes: named ({@code Materialized.as}) or anonymous ({@code with}). */
final class Materializations {
    private Materializations() {
    }

    static Materialized<Object, Object, KeyValueStore<Bytes, byte[]>> as(String storeName, String keySerde,
                                                                          String valueSerde) {
        Materialized<Object, Object, KeyValueStore<Bytes, byte[]>> materialized = Materialized.as(storeName);
        return materialized.withKeySerde(SerdeNames.serde(keySerde)).withValueSerde(SerdeNames.serde(valueSerde));
    }

    static Materialized<Object, Object, KeyValueStore<Bytes, byte[]>> with(String keySerde, String valueSerde) {
        return Materialized.with(SerdeNames.serde(keySerde), SerdeNames.serde(valueSerde));
    }

    /** The step's {@code "caching": false} as {@code withCachingDisabled()}; else the materialized as it is. */
    static <K, V, S extends StateStore> Materialized<K, V, S> caching(Step step, Materialized<K, V, S> materialized) {
        return "false".equals(step.text("caching")) ? materialized.withCachingDisabled() : materialized;
    }

    /** {@code as(name)} when the step names a store, else {@code with}. */
    static Materialized<Object, Object, KeyValueStore<Bytes, byte[]>> asOrWith(String storeName, String keySerde,
                                                                                String valueSerde) {
        return storeName == null ? with(keySerde, valueSerde) : as(storeName, keySerde, valueSerde);
    }
}
