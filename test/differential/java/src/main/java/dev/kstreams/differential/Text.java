package dev.kstreams.differential;

/** The string helpers the function vocabulary shares; each keeps null as null. */
final class Text {
    private Text() {
    }

    /** The value as text: a String as is, anything else (a Long) by String.valueOf; null stays null. */
    static String of(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(value);
    }

    static String upper(Object value) {
        String s = of(value);
        return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
    }

    static Long length(Object value) {
        String s = of(value);
        return s == null ? null : (long) s.length();
    }

    /** The text before the first space (all of it when there is no space). */
    static String firstWord(Object value) {
        String s = of(value);
        if (s == null) {
            return null;
        }
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    /** The first character ("" for an empty string). */
    static String firstChar(Object value) {
        String s = of(value);
        return s == null ? null : s.substring(0, Math.min(1, s.length()));
    }

    /** The non-empty pieces between spaces; null gives no words. */
    static String[] words(Object value) {
        String s = of(value);
        return s == null ? new String[0] : java.util.Arrays.stream(s.split(" ")).filter(w -> !w.isEmpty())
            .toArray(String[]::new);
    }

    /** As a long for sums: null counts as 0 (as JavaScript's Number(null) in the TypeScript twin). */
    static long asLong(Object value) {
        if (value == null) {
            return 0L;
        }
        return value instanceof Long l ? l : Long.parseLong(of(value).trim());
    }

    /** The timestamp a value "<ts>:<text>" carries: its text before the first ':' if an integer, else null. */
    static Long prefixTimestamp(Object value) {
        String s = of(value);
        int colon = s == null ? -1 : s.indexOf(':');
        return colon >= 0 && s.substring(0, colon).matches("-?[0-9]+") ? Long.valueOf(s.substring(0, colon)) : null;
    }

    /** String.valueOf: null is written "null". */
    static String orNullText(Object value) {
        return String.valueOf(value);
    }
}
