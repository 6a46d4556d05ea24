package com.ptsl.processor.match;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.ptsl.processor.command.PostPayments;
import com.ptsl.processor.command.Refunds;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The matching stores. All are persistent and changelogged, and all but the two "last seen" ones are
 * keyed by CustId first ({@code <CustId>|...}) and live in the matcher's tasks, so that one customer's
 * open invoices, waiting payments and reservations sit in one task and a prefix scan reads them.
 */
public final class MatchStores {

    /**
     * Resolve stage, by transaction id: payments and refunds whose customer is not known yet (retried), or waiting for
     * a person. A refund naming its original waits in the original's task (it arrived keyed by the original's id).
     */
    public static final String UNRESOLVED = "unresolved-payments";
    /** Index stage, by sl.invoices key: the last snapshot seen, to retract its index keys and its old customer. */
    public static final String INVOICE_LAST = "sl-invoice-last";
    /** Index stage, by CustId: the last customer snapshot seen, to retract an old vault id. */
    public static final String CUSTOMER_LAST = "sl-customer-last";
    /** Matcher, {@code CustId|invoice key}: the customer's open invoices. */
    public static final String INVOICES = "customer-invoices";
    /** Matcher, {@code CustId|invoice key|transaction id}: amounts this processor applied that SL does not show yet. */
    public static final String RESERVATIONS = "invoice-reservations";
    /** Matcher, {@code CustId|transaction id}: payments waiting for their invoice. */
    public static final String PENDING = "pending-payments";
    /**
     * Matcher, {@code CustId|transaction id}: payments and refunds decided, with what is left on account, an open
     * review, the invoices paid and (of a payment) the total refunded so far.
     */
    public static final String DECIDED = "decided-payments";

    /**
     * A payment or refund whose customer is not known yet; {@code awaitingReview} once its deadline passed.
     *
     * @param refundOf null for a payment; for a refund the original transaction it names, "" when it names none
     *                 (entries written before issue 7 have none: payments)
     */
    public record Unresolved(PaymentFacts facts, long sinceMs, boolean awaitingReview, String refundOf) {
        Unresolved toReview() {
            return new Unresolved(facts, sinceMs, true, refundOf);
        }

        static Unresolved payment(PaymentFacts facts, long sinceMs) {
            return new Unresolved(facts, sinceMs, false, null);
        }

        static Unresolved refund(PaymentFacts facts, String originalTransactionId, long sinceMs) {
            return new Unresolved(facts, sinceMs, false, originalTransactionId == null ? "" : originalTransactionId);
        }

        boolean ofRefund() {
            return refundOf != null;
        }

        /** A refund that names its original: its customer is the original's. */
        boolean ofLinkedRefund() {
            return refundOf != null && !refundOf.isEmpty();
        }
    }

    /** A payment of a known customer waiting for the invoice it names. */
    public record Pending(PaymentFacts facts, MatchInput.Forced forced, long sinceMs, String waitReason) {
    }

    /**
     * Part of an invoice's balance this processor spent and SL does not show yet; or, negative, a balance it gave
     * back (the payment was voided) that SL still shows as spent, until SL shows the reversal.
     */
    public record Reservation(BigDecimal amount, long atMs) {
        boolean givesBack() {
            return amount.signum() < 0;
        }
    }

    /** One application a posted payment made: what a reversal gives back and a refund names. */
    public record AppliedTo(String invoiceKey, String refNbr, String docType, BigDecimal amount) {
    }

    /**
     * A payment (or refund) already posted: how much of it is still on account, the open review item if any
     * (its reason and record, so that a resolution can close it), and what a later void or refund of it needs.
     * The fields after {@code atMs} came with issue 7; entries written before read as a payment with no
     * applications remembered, nothing refunded.
     *
     * @param commandId             the command that posted it: PostPayment:&lt;tx&gt; or PostRefund:&lt;tx&gt; (null: a payment)
     * @param applications          the invoices it paid (PostPayment, then ApplyPayment)
     * @param refunded              of a payment: the sum of its refunds posted so far
     * @param reversed              a ReversePayment undid it
     * @param originalTransactionId of a refund: the payment it refunds, "" when unknown
     */
    public record Decided(BigDecimal amount, BigDecimal onAccount, String reviewReason, String json, long atMs,
                          String commandId, List<AppliedTo> applications, BigDecimal refunded, boolean reversed,
                          String originalTransactionId) {
        public Decided {
            applications = applications == null ? List.of() : List.copyOf(applications);
            refunded = refunded == null ? BigDecimal.ZERO.setScale(2) : refunded;
            originalTransactionId = originalTransactionId == null ? "" : originalTransactionId;
        }

        static Decided payment(String commandId, BigDecimal amount, BigDecimal onAccount, String reviewReason, String json, long atMs,
                               List<AppliedTo> applications) {
            return new Decided(amount, onAccount, reviewReason, json, atMs, commandId, applications, null, false, "");
        }

        static Decided refund(String commandId, BigDecimal amount, String reviewReason, String json, long atMs, String originalTransactionId) {
            return new Decided(amount, BigDecimal.ZERO.setScale(2), reviewReason, json, atMs, commandId, List.of(), null, false,
                    originalTransactionId);
        }

        boolean reviewOpen() {
            return reviewReason != null;
        }

        boolean ofRefund() {
            return commandId != null && commandId.startsWith(Refunds.COMMAND_ID_PREFIX);
        }

        /** The command a reversal undoes. */
        String postedBy(String transactionId) {
            return commandId != null ? commandId : PostPayments.commandId(transactionId);
        }

        /** What is left to refund of a payment. */
        BigDecimal refundable() {
            return reversed ? BigDecimal.ZERO.setScale(2) : amount.subtract(refunded).max(BigDecimal.ZERO);
        }

        /** The review item closed, {@code left} on account. */
        Decided closed(BigDecimal left, List<AppliedTo> more) {
            List<AppliedTo> all = new ArrayList<>(applications);
            all.addAll(more);
            return new Decided(amount, left, null, null, atMs, commandId, all, refunded, reversed, originalTransactionId);
        }

        Decided withRefunded(BigDecimal total) {
            return new Decided(amount, onAccount, reviewReason, json, atMs, commandId, applications, total, reversed, originalTransactionId);
        }

        /** Undone: nothing on account, no review open any more. */
        Decided reversedNow() {
            return new Decided(amount, BigDecimal.ZERO.setScale(2), null, null, atMs, commandId, applications, refunded, true,
                    originalTransactionId);
        }
    }

    private MatchStores() {
    }

    public static StoreBuilder<KeyValueStore<String, Unresolved>> unresolved() {
        return store(UNRESOLVED, new JsonSerde<>(Unresolved.class));
    }

    public static StoreBuilder<KeyValueStore<String, SlInvoiceSnapshot>> invoiceLast() {
        return store(INVOICE_LAST, Topics.SL_INVOICES.valueSerde());
    }

    public static StoreBuilder<KeyValueStore<String, SlCustomerSnapshot>> customerLast() {
        return store(CUSTOMER_LAST, Topics.SL_CUSTOMERS.valueSerde());
    }

    public static StoreBuilder<KeyValueStore<String, SlInvoiceSnapshot>> invoices() {
        return store(INVOICES, Topics.SL_INVOICES.valueSerde());
    }

    public static StoreBuilder<KeyValueStore<String, Reservation>> reservations() {
        return store(RESERVATIONS, new StoreValueSerde.Reservations());
    }

    public static StoreBuilder<KeyValueStore<String, Pending>> pending() {
        return store(PENDING, new JsonSerde<>(Pending.class));
    }

    public static StoreBuilder<KeyValueStore<String, Decided>> decided() {
        return store(DECIDED, new StoreValueSerde.DecidedPayments());
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        // Not cached: each of these keys is written about once per record, so a cache would save no write, and every
        // prefix scan would have to merge the cache with RocksDB (the dedupe store, written twice per record, is cached).
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    static String key(String... parts) {
        return String.join("|", parts);
    }

    /** Everything of one customer (or one customer's invoice) in a CustId-first store. */
    static String prefix(String... parts) {
        return key(parts) + "|";
    }
}
