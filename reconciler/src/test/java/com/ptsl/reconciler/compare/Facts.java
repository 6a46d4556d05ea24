package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.DeadLetter;
import com.ptsl.reconciler.model.LedgerRow;
import com.ptsl.reconciler.model.OpenReview;
import com.ptsl.reconciler.model.PayTraceKind;
import com.ptsl.reconciler.model.SlApplication;
import com.ptsl.reconciler.model.SlDocument;
import com.ptsl.reconciler.model.TransactionFacts;

import java.time.LocalDate;

/** Builds the evidence of one transaction the way the readers would, for the comparison's tests. */
final class Facts {

    static final LocalDate DAY = LocalDate.of(2025, 3, 14);
    static final long T0 = 1_741_990_000_000L;

    private final TransactionFacts f;
    private long offset;

    private Facts(String tx, PayTraceKind kind, long amountCents, long expectedCents) {
        f = new TransactionFacts(tx);
        f.offer(T0, 0, kind, amountCents, expectedCents, DAY, null);
        f.markInWindow();
    }

    static Facts sale(String tx, long cents) {
        return new Facts(tx, PayTraceKind.SALE, cents, cents);
    }

    static Facts refund(String tx, long cents) {
        return new Facts(tx, PayTraceKind.REFUND, cents, -cents);
    }

    static Facts of(String tx, PayTraceKind kind, long cents) {
        return new Facts(tx, kind, cents, 0);
    }

    /** PostPayment:&lt;tx&gt; paying invoices given as refNbr, cents, refNbr, cents, … */
    Facts postPayment(String custId, long cents, Object... invoiceAndCents) {
        return command(CommandType.POST_PAYMENT, null, custId, cents, invoiceAndCents);
    }

    Facts applyPayment(String custId, Object... invoiceAndCents) {
        long sum = 0;
        for (int i = 1; i < invoiceAndCents.length; i += 2) {
            sum += (Long) invoiceAndCents[i];
        }
        return command(CommandType.APPLY_PAYMENT, null, custId, sum, invoiceAndCents);
    }

    Facts command(CommandType type, String commandId, String custId, long cents, Object... invoiceAndCents) {
        int n = invoiceAndCents.length / 2;
        String[] refs = new String[n];
        String[] types = new String[n];
        long[] amounts = new long[n];
        for (int i = 0; i < n; i++) {
            refs[i] = (String) invoiceAndCents[2 * i];
            types[i] = "IN";
            amounts[i] = (Long) invoiceAndCents[2 * i + 1];
        }
        f.addCommand(new CommandRef(type, commandId, custId, 0, offset++, T0 + offset, cents, refs, types, amounts));
        return this;
    }

    Facts document(String custId, String docType, long cents, String batNbr) {
        f.addDocument(new SlDocument(custId, docType, f.id(), batNbr, cents, (int) DAY.toEpochDay(), false, "B"));
        return this;
    }

    Facts applied(String invoice, long cents, String invoiceCustId) {
        f.addSlApplication(new SlApplication("IN", invoice, cents, invoiceCustId));
        return this;
    }

    Facts ledger(String commandId, String status, String custId) {
        return ledger(commandId, status, custId, false);
    }

    Facts ledger(String commandId, String status, String custId, boolean capped) {
        f.addLedgerRow(LedgerRow.of(f.id(), commandId, CommandType.of(commandId), status, custId, "000101", f.id(), T0 + 1000, capped));
        return this;
    }

    Facts deadLetter(String commandId, String reason) {
        f.addDeadLetter(new DeadLetter(commandId, "REJECTED", CommandType.of(commandId).wireName(), reason, T0 + 2000));
        return this;
    }

    Facts review(String reason, long postedOnAccount) {
        f.review(new OpenReview(reason, "", postedOnAccount, T0));
        return this;
    }

    TransactionFacts get() {
        return f;
    }
}
