package com.ptsl.launcher.replay;

/**
 * A replay cannot go ahead as asked: the processor still runs, a topic or the consumer group is missing, Kafka does not
 * answer, a directory is wrong. The message is one line for the operator, naming what to fix. Thrown before anything
 * was changed unless {@link #partial()} says otherwise.
 */
public final class ReplayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean partial;

    public ReplayException(String message) {
        this(message, false, null);
    }

    public ReplayException(String message, Throwable cause) {
        this(message, false, cause);
    }

    private ReplayException(String message, boolean partial, Throwable cause) {
        super(message, cause);
        this.partial = partial;
    }

    /** Failed part of the way through: some steps were done; running the replay again completes it. */
    public static ReplayException partial(String message, Throwable cause) {
        return new ReplayException(message, true, cause);
    }

    public boolean partial() {
        return partial;
    }
}
