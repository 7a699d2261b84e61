package dev.kstreams.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;

/**
 * {@code java -jar kstreams-differential.jar <spec files...>}: each file holds a JSON array of specs; prints one
 * JSON object, { "<spec name>": { "outputs": { "<topic>": [ { key, value, timestamp } ] }, "topology": {...} } |
 * { "error": "...", "topology"?: {...} } }, "topology" the normalized describe() (TopologyDescriptions).
 * Logs go to stderr. Exit code 2 when a spec file cannot be read; a failing spec is only an "error" entry.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar kstreams-differential.jar <spec.json>...");
            System.exit(2);
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode results = mapper.createObjectNode();
        for (String file : args) {
            JsonNode specs;
            try {
                specs = mapper.readTree(new File(file));
            } catch (Exception e) {
                System.err.println("cannot read " + file + ": " + e);
                System.exit(2);
                return;
            }
            if (specs.isObject()) {
                specs = mapper.createArrayNode().add(specs);
            }
            for (JsonNode spec : specs) {
                String name = spec.path("name").asText("");
                if (results.has(name)) {
                    results.set(name, mapper.createObjectNode().put("error", "duplicate spec name: " + name));
                    continue;
                }
                results.set(name, SpecRunner.run(spec));
            }
        }
        System.out.println(mapper.writeValueAsString(results));
        System.out.flush();
    }
}
