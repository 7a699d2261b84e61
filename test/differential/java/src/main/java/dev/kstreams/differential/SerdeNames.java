package dev.kstreams.differential;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The spec's serde names: "string" is {@code Serdes.String()}, "long" is {@code Serdes.Long()}. */
final class SerdeNames {
    static final String STRING = "string";
    static final String LONG = "long";

    private SerdeNames() {
    }

    static String check(String name) {
        if (!STRING.equals(name) && !LONG.equals(name)) {
            throw new IllegalArgumentException("unknown serde: " + name);
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    static Serde<Object> serde(String name) {
        Serde<?> serde = LONG.equals(check(name)) ? Serdes.Long() : Serdes.String();
        return (Serde<Object>) serde;
    }
}
