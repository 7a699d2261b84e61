package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Read access to one topology step of a spec. */
final class Step {
    private final JsonNode json;

    Step(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a step must be an object: " + json);
        }
        this.json = json;
    }

    String op() {
        return required("op");
    }

    String id() {
        return required("id");
    }

    String from() {
        return required("from");
    }

    String other() {
        return required("other");
    }

    boolean has(String field) {
        JsonNode node = json.get(field);
        return node != null && !node.isNull();
    }

    String text(String field) {
        return has(field) ? json.get(field).asText() : null;
    }

    String required(String field) {
        if (!has(field)) {
            throw new IllegalArgumentException("step " + json + " needs \"" + field + "\"");
        }
        return json.get(field).asText();
    }

    /** A serde field ("keySerde" / "valueSerde"): its value when given, else the fallback. */
    String serde(String field, String fallback) {
        return has(field) ? SerdeNames.check(json.get(field).asText()) : fallback;
    }

    /** An object field, e.g. "windows". */
    JsonNode object(String field) {
        if (!has(field) || !json.get(field).isObject()) {
            throw new IllegalArgumentException("step " + json + " needs object \"" + field + "\"");
        }
        return json.get(field);
    }

    FunctionRef fn(String field) {
        if (!has(field)) {
            throw new IllegalArgumentException("step " + json + " needs function \"" + field + "\"");
        }
        return FunctionRef.parse(json.get(field));
    }

    /** "topics" (array) or "topic" as a list. */
    List<String> topics() {
        List<String> topics = new ArrayList<>();
        if (has("topics")) {
            json.get("topics").forEach(t -> topics.add(t.asText()));
        } else {
            topics.add(required("topic"));
        }
        return topics;
    }

    List<Step> branches() {
        List<Step> branches = new ArrayList<>();
        if (has("branches")) {
            json.get("branches").forEach(b -> branches.add(new Step(b)));
        }
        return branches;
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
