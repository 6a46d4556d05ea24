package com.ptsl.processor.match;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.math.BigDecimal;

/**
 * The matching stores. All are persistent and changelogged, and all but the two "last seen" ones are
 * keyed by CustId first ({@code <CustId>|...}) and live in the matcher's tasks, so that one customer's
 * open invoices, waiting payments and reservations sit in one task and a prefix scan reads them.
 */
public final class MatchStores {

    /** Resolve stage, by transaction id: payments whose customer is not known yet (retried), or waiting for a person. */
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
    /** Matcher, {@code CustId|transaction id}: payments decided, with what is left on account and an open review. */
    public static final String DECIDED = "decided-payments";

    /** A payment whose customer is not known yet; {@code awaitingReview} once its deadline passed. */
    public record Unresolved(PaymentFacts facts, long sinceMs, boolean awaitingReview) {
        Unresolved toReview() {
            return new Unresolved(facts, sinceMs, true);
        }
    }

    /** A payment of a known customer waiting for the invoice it names. */
    public record Pending(PaymentFacts facts, MatchInput.Forced forced, long sinceMs, String waitReason) {
    }

    /** Part of an invoice's balance this processor spent and SL does not show yet. */
    public record Reservation(BigDecimal amount, long atMs) {
    }

    /**
     * A payment already posted: how much of it is still on account, and the open review item if any
     * (its reason and record, so that a resolution can close it).
     */
    public record Decided(BigDecimal amount, BigDecimal onAccount, String reviewReason, String json, long atMs) {
        boolean reviewOpen() {
            return reviewReason != null;
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
        return store(RESERVATIONS, new JsonSerde<>(Reservation.class));
    }

    public static StoreBuilder<KeyValueStore<String, Pending>> pending() {
        return store(PENDING, new JsonSerde<>(Pending.class));
    }

    public static StoreBuilder<KeyValueStore<String, Decided>> decided() {
        return store(DECIDED, new JsonSerde<>(Decided.class));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        // No caching: every stage reads back what it wrote for the previous record of the same key at once.
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
