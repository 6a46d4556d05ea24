package com.ptsl.processor.classify;

import com.ptsl.processor.parse.PayTraceTransaction;

import java.util.Objects;

/** A transaction and what it means; the value between the classify and command stages. */
public record ClassifiedTransaction(PayTraceTransaction transaction, TransactionKind kind) {

    public ClassifiedTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(kind, "kind");
    }

    public static ClassifiedTransaction of(PayTraceTransaction transaction) {
        return new ClassifiedTransaction(transaction, Classifier.classify(transaction));
    }
}
