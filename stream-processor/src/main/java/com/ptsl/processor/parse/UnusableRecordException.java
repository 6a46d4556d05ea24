package com.ptsl.processor.parse;

/**
 * A raw record the pipeline cannot use, with a reason that names the offending field. Thrown only
 * inside {@link TransactionParser} and turned into an InvalidRecord by {@link ParseProcessor}; it
 * never leaves the processor.
 */
public final class UnusableRecordException extends Exception {

    public UnusableRecordException(String reason) {
        super(reason, null, false, false); // no stack trace: this is an expected outcome, not a bug
    }

    public String reason() {
        return getMessage();
    }
}
