package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The TopologyTestDriver properties of a spec: its application id, a fresh state dir, and its "config"
 * (cacheMaxBytes, optimization, outerJoinEmitIntervalMs, maxTaskIdleMs).
 */
final class DriverConfig {
    /** StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_OUTER_JOIN_SPURIOUS_RESULTS_FIX. */
    static final String OUTER_JOIN_EMIT_INTERVAL = "__emit.interval.ms.kstreams.outer.join.spurious.results.fix__";

    private DriverConfig() {
    }

    static Properties of(String specName, JsonNode config, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "differential-" + specName.replaceAll("[^A-Za-z0-9._-]", "_"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        if (config != null && config.isObject()) {
            JsonNode cacheMaxBytes = config.get("cacheMaxBytes");
            if (cacheMaxBytes != null && !cacheMaxBytes.isNull()) {
                props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(cacheMaxBytes.asLong()));
            }
            JsonNode emitInterval = config.get("outerJoinEmitIntervalMs");
            if (emitInterval != null && !emitInterval.isNull()) {
                // TopologyTestDriver sets this internal config to 0 unless given (KafkaStreams' default is 1000)
                props.put(OUTER_JOIN_EMIT_INTERVAL, Long.toString(emitInterval.asLong()));
            }
            JsonNode maxTaskIdle = config.get("maxTaskIdleMs");
            if (maxTaskIdle != null && !maxTaskIdle.isNull()) {
                props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(maxTaskIdle.asLong()));
            }
            JsonNode optimization = config.get("optimization");
            if (optimization != null && StreamsConfig.OPTIMIZE.equals(optimization.asText())) {
                props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
            }
        }
        return props;
    }
}
