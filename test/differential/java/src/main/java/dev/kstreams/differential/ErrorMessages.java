package dev.kstreams.differential;

import java.util.ArrayList;
import java.util.List;

/** The "error" text of a failed spec: "exception class: message", then its causes, then the failed step if any. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String describe(Throwable error) {
        String step = null;
        Throwable current = error;
        if (current instanceof StepFailedException && current.getCause() != null) {
            step = current.getMessage();
            current = current.getCause();
        }
        List<String> parts = new ArrayList<>();
        for (int depth = 0; current != null && depth < 5; depth++) {
            parts.add(current.getClass().getName() + ": " + current.getMessage());
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        String text = String.join("; caused by ", parts);
        return step == null ? text : text + " (" + step + ")";
    }
}
