package dev.kstreams.differential;

/**
 * The serde names of what a function produces, so the steps after it can pass serdes explicitly: "long" for
 * length-like results and counts, the input's serde where a value passes through, "string" otherwise.
 */
final class ResultSerdes {
    private ResultSerdes() {
    }

    static String ofValueMapper(FunctionRef fn, String valueSerde) {
        return switch (fn.name()) {
            case "length" -> SerdeNames.LONG;
            case "valueOrNull" -> valueSerde;
            default -> SerdeNames.STRING;
        };
    }

    static String ofKeySelector(FunctionRef fn, String keySerde, String valueSerde) {
        return switch (fn.name()) {
            case "keyFirstChar" -> SerdeNames.STRING;
            case "valueAsKey" -> valueSerde;
            case "nullKey" -> keySerde;
            default -> ofValueMapper(fn, valueSerde);
        };
    }

    /** [key serde, value serde] of a key-value mapper's result. */
    static String[] ofKeyValueMapper(FunctionRef fn, String keySerde, String valueSerde) {
        return switch (fn.name()) {
            case "swap" -> new String[] {valueSerde, keySerde};
            case "firstWordAndLength" -> new String[] {SerdeNames.STRING, SerdeNames.LONG};
            default -> new String[] {SerdeNames.STRING, valueSerde};
        };
    }

    static String ofInitializer(FunctionRef fn) {
        return fn.name().equals("zero") ? SerdeNames.LONG : SerdeNames.STRING;
    }
}
