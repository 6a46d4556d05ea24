package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.paytrace.TransactionExport;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A {@link TransactionExport} made of a window lambda, for tests whose transactions never leave the window. */
public final class WindowOnlyExport implements TransactionExport {

    /** The window export. */
    @FunctionalInterface
    public interface Window {
        List<ObjectNode> export(LocalDate start, LocalDate end);
    }

    private final Window window;

    private WindowOnlyExport(Window window) {
        this.window = window;
    }

    public static TransactionExport of(Window window) {
        return new WindowOnlyExport(window);
    }

    @Override
    public List<ObjectNode> exportByDateRange(LocalDate start, LocalDate end) {
        return window.export(start, end);
    }

    /** Fails the test: every transaction of such a test stays in the window, so none is re-read by id. */
    @Override
    public Optional<ObjectNode> exportById(long transactionId) {
        throw new AssertionError("unexpected re-read by id of " + transactionId);
    }
}
