package com.ptsl.reconciler;

/**
 * The reconciliation could not be made (an unknown topic, an unreachable broker or database, a window with no data):
 * the message says which input was wrong. No report is produced, so nothing partial is ever presented as complete.
 */
public final class ReconcileException extends Exception {

    public ReconcileException(String message) {
        super(message);
    }

    public ReconcileException(String message, Throwable cause) {
        super(message, cause);
    }
}
