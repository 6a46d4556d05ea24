package com.ptsl.launcher.review;

/** A resolution that must not be written; the message is one line naming the input at fault. */
final class ResolutionRejected extends Exception {

    private static final long serialVersionUID = 1L;

    ResolutionRejected(String message) {
        super(message);
    }
}
