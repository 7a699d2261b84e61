package dev.kstreams.differential;

import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The processor vocabulary of the spec format (README.md, "Processors") for process and processValues. A processor
 * keeps the record's timestamp and headers unless it sets them.
 */
final class Processors {
    private Processors() {
    }

    /** Forwards a record: with the input record's headers, or (inside a punctuation) a new one. */
    interface Emit {
        void emit(Object key, Object value, long timestamp);
    }

    interface Logic {
        default void init(ProcessingContext context, Emit punctuationEmit) {
        }

        void process(Object key, Object value, long timestamp, Emit emit);
    }

    /** Changes keys or forwards from a punctuation: process only. */
    static boolean processOnly(FunctionRef fn) {
        return fn.name().equals("duplicateWithSuffix") || fn.name().equals("punctuateLatest");
    }

    static String keySerde(FunctionRef fn, String keySerde) {
        return fn.name().equals("duplicateWithSuffix") ? SerdeNames.STRING : keySerde;
    }

    /** The output's value serde, also the store's. */
    static String valueSerde(FunctionRef fn, String valueSerde) {
        return fn.name().equals("valueLength") || fn.name().equals("countPerKey") ? SerdeNames.LONG : valueSerde;
    }

    static boolean needsStore(FunctionRef fn) {
        return fn.name().equals("countPerKey") || fn.name().equals("punctuateLatest");
    }

    static Logic logic(FunctionRef fn, String store) {
        return switch (fn.name()) {
            case "duplicateWithSuffix" -> (k, v, ts, emit) -> {
                emit.emit(k == null ? null : k + "-1", v, ts);
                emit.emit(k == null ? null : k + "-2", v, ts);
            };
            case "valueLength" -> (k, v, ts, emit) -> emit.emit(k, Text.length(v), ts);
            case "shiftTimestamp" -> {
                long shift = fn.argLong();
                yield (k, v, ts, emit) -> emit.emit(k, v, ts + shift);
            }
            case "countPerKey" -> new Logic() {
                private KeyValueStore<Object, Object> counts;

                @Override
                public void init(ProcessingContext context, Emit punctuationEmit) {
                    counts = context.getStateStore(store);
                }

                @Override
                public void process(Object k, Object v, long ts, Emit emit) {
                    if (k == null) {
                        return;
                    }
                    Object old = counts.get(k);
                    long count = old == null ? 1L : (Long) old + 1L;
                    counts.put(k, count);
                    emit.emit(k, count, ts);
                }
            };
            case "punctuateLatest" -> new Logic() {
                private KeyValueStore<Object, Object> latest;

                @Override
                public void init(ProcessingContext context, Emit punctuationEmit) {
                    latest = context.getStateStore(store);
                    context.schedule(Duration.ofMillis(fn.argLong()), PunctuationType.STREAM_TIME, ts -> {
                        try (KeyValueIterator<Object, Object> all = latest.all()) {
                            while (all.hasNext()) {
                                KeyValue<Object, Object> entry = all.next();
                                punctuationEmit.emit(entry.key, entry.value, ts);
                            }
                        }
                    });
                }

                @Override
                public void process(Object k, Object v, long ts, Emit emit) {
                    if (k != null) {
                        latest.put(k, v);
                    }
                }
            };
            default -> throw new IllegalArgumentException("unknown processor: " + fn.name());
        };
    }

    static ProcessorSupplier<Object, Object, Object, Object> supplier(FunctionRef fn, String store) {
        return () -> new Processor<>() {
            private final Logic logic = logic(fn, store);
            private ProcessorContext<Object, Object> context;

            @Override
            public void init(ProcessorContext<Object, Object> context) {
                this.context = context;
                logic.init(context, (k, v, ts) -> context.forward(new Record<>(k, v, ts)));
            }

            @Override
            public void process(Record<Object, Object> record) {
                logic.process(record.key(), record.value(), record.timestamp(),
                    (k, v, ts) -> context.forward(record.withKey(k).withValue(v).withTimestamp(ts)));
            }
        };
    }

    static FixedKeyProcessorSupplier<Object, Object, Object> fixedKeySupplier(FunctionRef fn, String store) {
        if (processOnly(fn)) {
            throw new IllegalArgumentException("processor " + fn.name() + " cannot run in processValues");
        }
        return () -> new FixedKeyProcessor<>() {
            private final Logic logic = logic(fn, store);
            private FixedKeyProcessorContext<Object, Object> context;

            @Override
            public void init(FixedKeyProcessorContext<Object, Object> context) {
                this.context = context;
                logic.init(context, (k, v, ts) -> {
                    throw new IllegalStateException("processValues cannot forward without an input record");
                });
            }

            @Override
            public void process(FixedKeyRecord<Object, Object> record) {
                logic.process(record.key(), record.value(), record.timestamp(),
                    (k, v, ts) -> context.forward(record.withValue(v).withTimestamp(ts)));
            }
        };
    }
}
