package dev.kstreams.differential;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.kstream.WindowedSerdes;

/**
 * The spec's serde names: "string" is {@code Serdes.String()}, "long" is {@code Serdes.Long()}, "bytes" is the raw
 * bytes written as lowercase hex, "windowed-string:10" / "windowed-long:10" is
 * {@code WindowedSerdes.timeWindowedSerdeFrom(String.class / Long.class, 10)} (a windowed table's keys),
 * "session-string" / "session-long" is {@code WindowedSerdes.sessionWindowedSerdeFrom(String.class / Long.class)}
 * (a session-windowed table's keys).
 */
final class SerdeNames {
    static final String STRING = "string";
    static final String LONG = "long";
    static final String BYTES = "bytes";
    private static final Pattern WINDOWED = Pattern.compile("windowed-(string|long):([0-9]+)|session-(string|long)");

    private SerdeNames() {
    }

    static String check(String name) {
        if (!STRING.equals(name) && !LONG.equals(name) && !BYTES.equals(name) && windowed(name) == null) {
            throw new IllegalArgumentException("unknown serde: " + name);
        }
        return name;
    }

    /** An output's serde: "string", "long" or "bytes". */
    static String checkOutput(String name) {
        if (windowed(check(name)) != null) {
            throw new IllegalArgumentException("an output's serde is string, long or bytes, not " + name);
        }
        return name;
    }

    /** "windowed-" + inner + ":" + size. */
    static String windowedName(String inner, long sizeMs) {
        return "windowed-" + inner + ":" + sizeMs;
    }

    /** "session-" + inner. */
    static String sessionName(String inner) {
        return "session-" + inner;
    }

    /** The inner serde name of a windowed one ("windowed-string:10" or "session-string" gives "string"). */
    static String inner(String windowedName) {
        Matcher m = windowed(windowedName);
        if (m == null) {
            throw new IllegalArgumentException("not a windowed serde: " + windowedName);
        }
        return m.group(1) != null ? m.group(1) : m.group(3);
    }

    @SuppressWarnings("unchecked")
    static Serde<Object> serde(String name) {
        Matcher m = windowed(check(name));
        Serde<?> serde;
        if (m != null && m.group(3) != null) {
            Class<?> inner = LONG.equals(m.group(3)) ? Long.class : String.class;
            serde = WindowedSerdes.sessionWindowedSerdeFrom(inner);
        } else if (m != null) {
            Class<?> inner = LONG.equals(m.group(1)) ? Long.class : String.class;
            serde = WindowedSerdes.timeWindowedSerdeFrom(inner, Long.parseLong(m.group(2)));
        } else if (BYTES.equals(name)) {
            serde = hex();
        } else {
            serde = LONG.equals(name) ? Serdes.Long() : Serdes.String();
        }
        return (Serde<Object>) serde;
    }

    private static Matcher windowed(String name) {
        Matcher m = WINDOWED.matcher(name == null ? "" : name);
        return m.matches() ? m : null;
    }

    /** Raw bytes as lowercase hex text, both ways; null stays null. */
    private static Serde<String> hex() {
        Serializer<String> serializer = (topic, text) -> text == null ? null : HexFormat.of().parseHex(text);
        Deserializer<String> deserializer = (topic, bytes) -> bytes == null ? null : HexFormat.of().formatHex(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
