package dev.kstreams.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The benchmark topologies. Keys and values are UTF-8 strings (Serdes.String()) on every topic, except the
 * word-count and windowed-count outputs (counts as Serdes.Long(): 8 bytes big-endian, as kstreams'
 * Serdes.int64Number(); windowed-count's keys as WindowedSerdes.timeWindowedSerdeFrom: [key][window start]).
 */
final class Scenarios {

    static final List<String> NAMES = List.of("passthrough", "filter-map", "word-count", "windowed-count", "enrich",
            "restore");

    /** windowed-count: 1-minute tumbling windows with 10 s grace (bench/lib/scenarios.ts). */
    static final long WINDOW_SIZE_MS = 60_000L;
    static final long WINDOW_GRACE_MS = 10_000L;

    /** The store of the restore scenario (changelog {@code <applicationId>-restore-store-changelog}). */
    static final String RESTORE_STORE = "restore-store";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Scenarios() {}

    /**
     * @param tableTopic enrich: the users table's topic (env BENCH_TABLE_TOPIC)
     * @param storeType restore: persistent (RocksDB) or in-memory (env BENCH_STORE)
     */
    static void build(String scenario, StreamsBuilder builder, String input, String output, String tableTopic,
                      String storeType) {
        Consumed<String, String> consumed = Consumed.with(Serdes.String(), Serdes.String());
        Produced<String, String> produced = Produced.with(Serdes.String(), Serdes.String());
        switch (scenario) {
            case "passthrough" -> builder.stream(input, consumed)
                    .mapValues(v -> v)
                    .to(output, produced);
            case "filter-map" -> builder.stream(input, consumed)
                    .mapValues(Scenarios::parseOrder)
                    .filter((k, order) -> order != null && isEven(order.get("amount")))
                    .map((k, order) -> KeyValue.pair(order.get("user").textValue(), render(order)))
                    .to(output, produced);
            // Every updated count goes out: BenchApp sets statestore.cache.max.bytes=0 for this scenario.
            case "word-count" -> builder.stream(input, consumed)
                    .flatMapValues(line -> Arrays.asList(line.toLowerCase(Locale.ROOT).split("\\W+")))
                    .groupBy((k, word) -> word, Grouped.with("words", Serdes.String(), Serdes.String()))
                    .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                            .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                    .toStream()
                    .to(output, Produced.with(Serdes.String(), Serdes.Long()));
            // Every update goes out (withCachingDisabled()), as kstreams (no cache in front of window stores yet) and
            // the bare loop do; BENCH_WINDOW_CACHE=on keeps Kafka Streams' default cache (one update per window and
            // commit, or when the 10 MiB cache evicts).
            case "windowed-count" -> {
                Materialized<String, Long, WindowStore<Bytes, byte[]>> store =
                        Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windowed-counts")
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long());
                if (!"on".equals(System.getenv("BENCH_WINDOW_CACHE"))) {
                    store = store.withCachingDisabled();
                }
                builder.stream(input, consumed)
                        .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(WINDOW_SIZE_MS),
                                Duration.ofMillis(WINDOW_GRACE_MS)))
                        .count(store)
                        .toStream()
                        .to(output, Produced.with(
                                WindowedSerdes.timeWindowedSerdeFrom(String.class, WINDOW_SIZE_MS), Serdes.Long()));
            }
            case "enrich" -> {
                KTable<String, String> users = builder.table(tableTopic, consumed,
                        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("users")
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
                builder.stream(input, consumed)
                        .join(users, (order, profile) -> "{\"order\":" + order + ",\"user\":" + profile + "}")
                        .to(output, produced);
            }
            case "restore" -> {
                KeyValueBytesStoreSupplier supplier = "in-memory".equals(storeType)
                        ? Stores.inMemoryKeyValueStore(RESTORE_STORE)
                        : Stores.persistentKeyValueStore(RESTORE_STORE);
                builder.addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.String()));
                builder.stream(input, consumed).process(() -> new Processor<String, String, Void, Void>() {
                    @Override
                    public void process(Record<String, String> record) {}
                }, RESTORE_STORE);
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /**
     * Parses an input value; returns null (record dropped) unless it is a JSON object with a numeric {@code id},
     * a string {@code user} and a numeric {@code amount}.
     */
    static ObjectNode parseOrder(String value) {
        if (value == null) {
            return null;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (!(node instanceof ObjectNode obj)) {
            return null;
        }
        JsonNode id = obj.get("id");
        JsonNode user = obj.get("user");
        JsonNode amount = obj.get("amount");
        if (id == null || !id.isNumber() || user == null || !user.isTextual() || amount == null
                || !amount.isNumber()) {
            return null;
        }
        return obj;
    }

    /** {@code amount % 2 === 0} with JavaScript semantics (integers; also 44.0 even, 44.5 odd). */
    static boolean isEven(JsonNode amount) {
        if (amount.isIntegralNumber()) {
            return amount.canConvertToLong() ? amount.longValue() % 2 == 0 : !amount.bigIntegerValue().testBit(0);
        }
        return amount.doubleValue() % 2 == 0;
    }

    /** {@code JSON.stringify({id, user, amount})}: compact, that field order, payload and other fields dropped. */
    static String render(ObjectNode order) {
        ObjectNode out = MAPPER.createObjectNode();
        out.set("id", order.get("id"));
        out.set("user", order.get("user"));
        out.set("amount", order.get("amount"));
        try {
            return MAPPER.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
