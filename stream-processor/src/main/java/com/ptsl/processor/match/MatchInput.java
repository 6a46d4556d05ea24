package com.ptsl.processor.match;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What reaches the matcher, keyed by SL CustId, through the two repartition topics: payments routed to
 * their customer, and the customer's invoices as SL holds them. Both kinds go through one processor so
 * that every decision reads only state of its own task.
 */
public sealed interface MatchInput {

    /** A payment to decide; {@code forced} is a person's decision when the payment was waiting for review. */
    record Payment(PaymentFacts facts, Forced forced) implements MatchInput {
        public Payment {
            Objects.requireNonNull(facts, "facts");
        }

        public static Payment of(PaymentFacts facts) {
            return new Payment(facts, null);
        }
    }

    /**
     * A review resolution turned into a matching instruction: apply to these invoices (the amounts a
     * person gave first, then what is left oldest first), or post everything on account.
     *
     * @param amounts parallel to invoices; a null (or missing) entry means "what is left"
     */
    record Forced(boolean onAccount, List<String> invoices, List<BigDecimal> amounts) {
        public Forced {
            invoices = List.copyOf(invoices);
            amounts = amounts == null ? List.of() : new ArrayList<>(amounts); // may hold nulls, so no List.copyOf
        }

        public static Forced of(ReviewResolution r, boolean onAccount) {
            return new Forced(onAccount, r.getInvoices(), r.getAmounts());
        }

        /** The amount given for invoice {@code i}, or null. */
        BigDecimal amount(int i) {
            return i < amounts.size() ? amounts.get(i) : null;
        }
    }

    /** An open invoice of the customer, new or changed. */
    record InvoiceUpsert(SlInvoiceSnapshot invoice) implements MatchInput {
    }

    /** The invoice (sl.invoices key) is closed or deleted, or now belongs to another customer. */
    record InvoiceRemoved(String invoiceKey) implements MatchInput {
    }

    /** A resolution of a payment the matcher already decided (posted on account, overpaid). */
    record Resolution(ReviewResolution resolution) implements MatchInput {
    }

    /**
     * PayTrace voided (or auto-voided) transaction {@code facts.transactionId()}, a payment or a refund this
     * customer's matcher may have posted: undo it if it did, forget it if it still waits.
     *
     * @param facts the voided record
     * @param kind  VOIDED or AUTO_VOIDED
     */
    record Reverse(PaymentFacts facts, TransactionKind kind) implements MatchInput {
        public Reverse {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A refund to post, amount positive.
     *
     * @param originalTransactionId the sale or capture it refunds, whose decision this matcher holds; "" when the record names none
     */
    record Refund(PaymentFacts facts, String originalTransactionId) implements MatchInput {
        public Refund {
            Objects.requireNonNull(facts, "facts");
            originalTransactionId = Objects.requireNonNullElse(originalTransactionId, "");
        }
    }
}
