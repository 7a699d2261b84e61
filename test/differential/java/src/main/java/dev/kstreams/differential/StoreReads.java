package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

/**
 * A spec's "stores": [{ "name" }]: each named window store's all(), read after the last input, as the records of
 * the pseudo-topic "store:name" in the outputs: key "key@start/end", the value as the store's serde decodes it, and
 * the value's timestamp, in the store's own order.
 */
final class StoreReads {
    private StoreReads() {
    }

    static void read(TopologyTestDriver driver, JsonNode stores, ObjectNode outputs) {
        if (stores == null || !stores.isArray()) {
            return;
        }
        for (JsonNode spec : stores) {
            String name = spec.path("name").asText();
            WindowStore<Object, ValueAndTimestamp<Object>> store = driver.getTimestampedWindowStore(name);
            if (store == null) {
                throw new IllegalArgumentException("no timestamped window store named " + name);
            }
            ArrayNode records = JsonNodeFactory.instance.arrayNode();
            try (KeyValueIterator<Windowed<Object>, ValueAndTimestamp<Object>> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<Windowed<Object>, ValueAndTimestamp<Object>> entry = all.next();
                    ObjectNode json = records.addObject();
                    json.put("key", entry.key.key() + "@" + entry.key.window().start() + "/" + entry.key.window().end());
                    json.set("value", JsonValues.toJson(entry.value.value()));
                    json.put("timestamp", entry.value.timestamp());
                }
            }
            outputs.set("store:" + name, records);
        }
    }
}
