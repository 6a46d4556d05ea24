package com.ptsl.gateway.poll;

/** Some records of a poll were not acknowledged by Kafka; their checkpoint entries were not advanced. */
public final class PublishFailedException extends RuntimeException {

    private final int failed;

    public PublishFailedException(int failed, int attempted, Throwable firstCause) {
        super(failed + " of " + attempted + " records were not acknowledged by Kafka: "
                + (firstCause == null ? "no detail" : firstCause.getClass().getSimpleName() + ": " + firstCause.getMessage()),
                firstCause);
        this.failed = failed;
    }

    public int failed() {
        return failed;
    }
}
