package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Suppressed.BufferConfig;
import org.apache.kafka.streams.kstream.Suppressed.StrictBufferConfig;

/**
 * suppress on a KTable. "suppress": { "untilWindowCloses": true } or { "untilTimeLimitMs": n }, with the buffer
 * { "maxRecords"?, "maxBytes"?, "whenFull"? ("emit-early" / "shut-down") } and "name"?. Without a bound the buffer
 * is BufferConfig.unbounded() (strict); with one it is BufferConfig.maxRecords(n) / maxBytes(n) (both:
 * maxRecords(n).withMaxBytes(b)), which emits early unless "whenFull" is "shut-down" (or the suppression is
 * untilWindowCloses, which takes only a strict buffer).
 */
final class SuppressSteps {
    private SuppressSteps() {
    }

    static Node suppress(Step step, Node from) {
        JsonNode json = step.object("suppress");
        boolean untilWindowCloses = json.path("untilWindowCloses").asBoolean(false);
        if (untilWindowCloses == json.has("untilTimeLimitMs")) {
            throw new IllegalArgumentException("\"suppress\" needs either \"untilWindowCloses\": true or \"untilTimeLimitMs\"");
        }
        String whenFull = json.path("whenFull").asText(null);
        if (whenFull != null && !whenFull.equals("emit-early") && !whenFull.equals("shut-down")) {
            throw new IllegalArgumentException("\"whenFull\" is emit-early or shut-down, not " + whenFull);
        }
        BufferConfig<?> buffer;
        if (!json.has("maxRecords") && !json.has("maxBytes")) {
            buffer = BufferConfig.unbounded();
        } else if (json.has("maxRecords")) {
            buffer = BufferConfig.maxRecords(json.get("maxRecords").asLong());
            if (json.has("maxBytes")) {
                buffer = buffer.withMaxBytes(json.get("maxBytes").asLong());
            }
        } else {
            buffer = BufferConfig.maxBytes(json.get("maxBytes").asLong());
        }
        if ("shut-down".equals(whenFull) || (untilWindowCloses && whenFull == null)) {
            buffer = buffer.shutDownWhenFull();
        } else if ("emit-early".equals(whenFull)) {
            buffer = buffer.emitEarlyWhenFull();
        }
        Suppressed<Object> suppressed;
        if (untilWindowCloses) {
            if (!(buffer instanceof StrictBufferConfig strict)) {
                throw new IllegalArgumentException("untilWindowCloses takes a strict buffer (whenFull shut-down)");
            }
            @SuppressWarnings("unchecked")
            Suppressed<Object> windowed = (Suppressed<Object>) (Suppressed<?>) Suppressed.untilWindowCloses(strict);
            suppressed = windowed;
        } else {
            suppressed = Suppressed.untilTimeLimit(Duration.ofMillis(json.get("untilTimeLimitMs").asLong()), buffer);
        }
        if (json.has("name")) {
            suppressed = suppressed.withName(json.get("name").asText());
        }
        return new Node(Nodes.table(from).suppress(suppressed), from.keySerde(), from.valueSerde());
    }
}
