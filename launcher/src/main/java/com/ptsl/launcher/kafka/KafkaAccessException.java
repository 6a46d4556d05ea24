package com.ptsl.launcher.kafka;

/**
 * Kafka could not be used as the command needs it: the broker does not answer, a topic is missing, a write was not
 * acknowledged. The message is one line for the operator, naming the broker or topic.
 */
public final class KafkaAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaAccessException(String message) {
        super(message);
    }

    public KafkaAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
