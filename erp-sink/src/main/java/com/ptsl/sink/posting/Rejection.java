package com.ptsl.sink.posting;

/**
 * A permanent reason SL must not take a command (unknown customer, unreleased invoice, …). Thrown
 * before anything is written; the command is recorded as REJECTED and the partition moves on.
 */
public final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    public Rejection(String reason) {
        super(reason, null, false, false);
    }
}
