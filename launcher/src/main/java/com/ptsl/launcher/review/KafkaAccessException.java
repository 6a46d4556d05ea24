package com.ptsl.launcher.review;

/**
 * Kafka could not be used as the command needs it: the broker does not answer, a topic is missing, a write was not
 * acknowledged. The message is one line for the operator, naming the broker or topic.
 */
final class KafkaAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KafkaAccessException(String message) {
        super(message);
    }

    KafkaAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
