package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;

/** A function field of a step: {@code "name"} or {@code { "name": "...", "arg": <string or number> }}. */
record FunctionRef(String name, JsonNode arg) {

    static FunctionRef parse(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing function");
        }
        if (node.isTextual()) {
            return new FunctionRef(node.asText(), null);
        }
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("function without a name: " + node);
        }
        return new FunctionRef(name.asText(), node.get("arg"));
    }

    String argText() {
        requireArg();
        return arg.asText();
    }

    long argLong() {
        requireArg();
        return arg.isNumber() ? arg.asLong() : Long.parseLong(arg.asText());
    }

    private void requireArg() {
        if (arg == null || arg.isNull()) {
            throw new IllegalArgumentException("function " + name + " needs an arg");
        }
    }
}
