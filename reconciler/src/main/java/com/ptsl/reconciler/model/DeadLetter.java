package com.ptsl.reconciler.model;

/** An unresolved PTSL_DeadLetter row: a command SL refused and nobody has re-driven successfully yet. */
public record DeadLetter(String commandId, String kind, String commandType, String reason, long lastFailedAt) {
}
