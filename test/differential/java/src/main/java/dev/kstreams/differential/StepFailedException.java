package dev.kstreams.differential;

/** A step that could not be applied; its message names the step, its cause is what Kafka Streams threw. */
final class StepFailedException extends RuntimeException {
    StepFailedException(Step step, RuntimeException cause) {
        super("at step " + step, cause);
    }
}
