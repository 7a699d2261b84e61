package dev.kstreams.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Aggregator;
import org.apache.kafka.streams.kstream.Initializer;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.Merger;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Reducer;
import org.apache.kafka.streams.kstream.ValueJoiner;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** The function vocabulary of the spec format (test/differential/README.md), as Kafka Streams' interfaces. */
final class Functions {
    private Functions() {
    }

    static Predicate<Object, Object> predicate(FunctionRef fn) {
        return switch (fn.name()) {
            case "lengthGt" -> {
                long n = fn.argLong();
                yield (k, v) -> v != null && Text.of(v).length() > n;
            }
            case "keyEquals" -> {
                // strict, as the TypeScript twin's ===: a string arg matches a string key, a number arg a long key
                Object x = fn.arg() != null && fn.arg().isNumber() ? (Object) fn.argLong() : fn.argText();
                yield (k, v) -> x.equals(k);
            }
            case "valueContains" -> {
                String x = fn.argText();
                yield (k, v) -> v != null && Text.of(v).contains(x);
            }
            case "valueStartsWith" -> {
                String x = fn.argText();
                yield (k, v) -> v != null && Text.of(v).startsWith(x);
            }
            case "isEven" -> (k, v) -> v != null && isEven(v);
            case "always" -> (k, v) -> true;
            case "never" -> (k, v) -> false;
            default -> throw unknown("predicate", fn);
        };
    }

    static ValueMapper<Object, Object> valueMapper(FunctionRef fn) {
        return switch (fn.name()) {
            case "upper" -> Text::upper;
            case "append" -> {
                String x = fn.argText();
                yield v -> v == null ? null : Text.of(v) + x;
            }
            case "length" -> Text::length;
            case "firstWord" -> Text::firstWord;
            case "valueOrNull" -> v -> "null".equals(v) ? null : v;
            default -> throw unknown("value mapper", fn);
        };
    }

    /** A foreign-key extractor: a value mapper applied to the left table's value. */
    static Function<Object, Object> foreignKeyExtractor(FunctionRef fn) {
        ValueMapper<Object, Object> mapper = valueMapper(fn);
        return mapper::apply;
    }

    /** A key selector: keyFirstChar, valueAsKey, nullKey, or any value mapper (firstWord) applied to the value. */
    static KeyValueMapper<Object, Object, Object> keySelector(FunctionRef fn) {
        return switch (fn.name()) {
            case "keyFirstChar" -> (k, v) -> Text.firstChar(k);
            case "valueAsKey" -> (k, v) -> v;
            case "nullKey" -> (k, v) -> null;
            case "windowedKey" -> (k, v) -> k == null ? null : windowedKey((Windowed<?>) k);
            default -> {
                ValueMapper<Object, Object> mapper = valueMapper(fn);
                yield (k, v) -> mapper.apply(v);
            }
        };
    }

    static KeyValueMapper<Object, Object, KeyValue<Object, Object>> keyValueMapper(FunctionRef fn) {
        return switch (fn.name()) {
            case "swap" -> (k, v) -> KeyValue.pair(v, k);
            case "firstWordAndValue" -> (k, v) -> KeyValue.pair(Text.firstWord(v), v);
            case "firstWordAndLength" -> (k, v) -> KeyValue.pair(Text.firstWord(v), Text.length(v));
            case "upperKey" -> (k, v) -> KeyValue.pair(Text.upper(k), v);
            case "firstWordOrNullAndValue" -> (k, v) -> KeyValue.pair(nullIfNullText(Text.firstWord(v)), v);
            default -> throw unknown("key-value mapper", fn);
        };
    }

    static ValueMapper<Object, Iterable<Object>> flatValueMapper(FunctionRef fn) {
        if (fn.name().equals("words")) {
            return v -> new ArrayList<>(Arrays.asList((Object[]) Text.words(v)));
        }
        throw unknown("flat value mapper", fn);
    }

    static KeyValueMapper<Object, Object, Iterable<KeyValue<Object, Object>>> flatKeyValueMapper(FunctionRef fn) {
        if (fn.name().equals("wordsAsKeys")) {
            return (k, v) -> {
                List<KeyValue<Object, Object>> out = new ArrayList<>();
                for (String word : Text.words(v)) {
                    out.add(KeyValue.pair(word, v));
                }
                return out;
            };
        }
        throw unknown("flat key-value mapper", fn);
    }

    static TopicNameExtractor<Object, Object> topicNameExtractor(FunctionRef fn) {
        if (fn.name().equals("topicByFirstChar")) {
            // "out-" + the first character of String.valueOf(value) (a null value gives "out-n", as in TypeScript)
            return (k, v, context) -> "out-" + Text.firstChar(Text.orNullText(v));
        }
        throw unknown("topic-name extractor", fn);
    }

    /** valuePrefix: the "<ts>:" prefix of the value, else the record's timestamp; ...OrPartitionTime: else partitionTime. */
    static TimestampExtractor timestampExtractor(FunctionRef fn) {
        return switch (fn.name()) {
            case "valuePrefix" -> (record, partitionTime) -> {
                Long ts = Text.prefixTimestamp(record.value());
                return ts == null ? record.timestamp() : ts;
            };
            case "valuePrefixOrPartitionTime" -> (record, partitionTime) -> {
                Long ts = Text.prefixTimestamp(record.value());
                return ts == null ? partitionTime : ts;
            };
            default -> throw unknown("timestamp extractor", fn);
        };
    }

    static ValueJoiner<Object, Object, Object> valueJoiner(FunctionRef fn) {
        if (fn.name().equals("concat")) {
            return (left, right) -> String.valueOf(left) + "|" + String.valueOf(right);
        }
        throw unknown("value joiner", fn);
    }

    static Initializer<Object> initializer(FunctionRef fn) {
        return switch (fn.name()) {
            case "zero" -> () -> 0L;
            case "emptyString" -> () -> "";
            default -> throw unknown("initializer", fn);
        };
    }

    /** Reducers (aggregate, value): concatReduce, sum, subtract; the string aggregators also work as reducers. */
    static Reducer<Object> reducer(FunctionRef fn) {
        return switch (fn.name()) {
            case "concatReduce" -> (agg, v) -> Text.orNullText(agg) + "+" + Text.orNullText(v);
            case "sum" -> (agg, v) -> Text.asLong(agg) + Text.asLong(v);
            case "subtract" -> (agg, v) -> Text.asLong(agg) - Text.asLong(v);
            case "concatAgg" -> Functions::concatAgg;
            case "removeAgg" -> Functions::removeAgg;
            default -> throw unknown("reducer", fn);
        };
    }

    /** Aggregators, adders and subtractors (key, value, aggregate). */
    static Aggregator<Object, Object, Object> aggregator(FunctionRef fn) {
        return switch (fn.name()) {
            case "sumLength" -> (k, v, agg) -> Text.asLong(agg) + lengthOrZero(v);
            case "subLength" -> (k, v, agg) -> Text.asLong(agg) - lengthOrZero(v);
            case "concatAgg" -> (k, v, agg) -> concatAgg(agg, v);
            case "removeAgg" -> (k, v, agg) -> removeAgg(agg, v);
            case "sum" -> (k, v, agg) -> Text.asLong(agg) + Text.asLong(v);
            case "subtract" -> (k, v, agg) -> Text.asLong(agg) - Text.asLong(v);
            case "concatReduce" -> (k, v, agg) -> Text.orNullText(agg) + "+" + Text.orNullText(v);
            default -> throw unknown("aggregator", fn);
        };
    }

    /** Session mergers (key, aggregate1, aggregate2): sumMerger (longs), concatMerger (a + "|" + b, null as "null"). */
    static Merger<Object, Object> merger(FunctionRef fn) {
        return switch (fn.name()) {
            case "sumMerger" -> (k, a, b) -> Text.asLong(a) + Text.asLong(b);
            case "concatMerger" -> (k, a, b) -> Text.orNullText(a) + "|" + Text.orNullText(b);
            default -> throw unknown("merger", fn);
        };
    }

    /** key@start/end: Windowed.toString() without its brackets. */
    private static String windowedKey(Windowed<?> k) {
        return k.key() + "@" + k.window().start() + "/" + k.window().end();
    }

    private static Object nullIfNullText(String text) {
        return "null".equals(text) ? null : text;
    }

    private static long lengthOrZero(Object value) {
        Long length = Text.length(value);
        return length == null ? 0L : length;
    }

    private static boolean isEven(Object value) {
        try {
            return Text.asLong(value) % 2 == 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** value when the aggregate is null or empty, else aggregate + "," + value; null is written "null". */
    private static Object concatAgg(Object agg, Object value) {
        String a = Text.of(agg);
        return a == null || a.isEmpty() ? Text.orNullText(value) : a + "," + Text.orNullText(value);
    }

    /** The comma list without the first element equal to the value ("" for a null or empty aggregate). */
    private static Object removeAgg(Object agg, Object value) {
        String a = Text.of(agg);
        if (a == null || a.isEmpty()) {
            return "";
        }
        List<String> items = new ArrayList<>(Arrays.asList(a.split(",", -1)));
        String v = Text.orNullText(value);
        for (int i = 0; i < items.size(); i++) {
            if (Objects.equals(items.get(i), v)) {
                items.remove(i);
                break;
            }
        }
        return String.join(",", items);
    }

    private static IllegalArgumentException unknown(String kind, FunctionRef fn) {
        return new IllegalArgumentException("unknown " + kind + ": " + fn.name());
    }
}
