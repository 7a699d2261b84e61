package dev.kstreams.differential;

/**
 * What a step id names: the Kafka Streams object (a KStream, KTable, KGroupedStream, KGroupedTable or GlobalKTable)
 * and the serde names ("string" / "long") of its keys and values, tracked so later steps can pass serdes explicitly.
 */
record Node(Object handle, String keySerde, String valueSerde) {
}
