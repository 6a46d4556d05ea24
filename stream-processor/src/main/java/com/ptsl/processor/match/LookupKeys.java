package com.ptsl.processor.match;

import java.util.Optional;

/**
 * Keys of the {@code sl.lookup} index: {@code <kind>:<normalised value>|<CustId>}. The customer is part
 * of the key, so one value can point at several customers (two customers quoting the same PO) and
 * each invoice's and customer's entries are written and deleted independently by the partition that
 * owns them; a prefix scan of {@code <kind>:<value>|} lists the customers.
 */
public final class LookupKeys {

    public enum Kind {
        /** An open invoice's RefNbr, without leading zeros. */
        INVOICE("inv"),
        /** An open invoice's sales order (OrdNbr) or customer order / PO (CustOrdNbr). */
        ORDER("ord"),
        /** An SL CustId. */
        CUSTOMER("cust"),
        /** A PayTrace vault customer_id that SL keeps for a customer. */
        VAULT("vault");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final char SEPARATOR = '|';

    private LookupKeys() {
    }

    public static String key(Kind kind, String value, String custId) {
        return prefix(kind, value) + custId;
    }

    /** Everything indexed under one value, whatever the customer. */
    public static String prefix(Kind kind, String value) {
        return kind.prefix + ":" + normalise(kind, value) + SEPARATOR;
    }

    /** The CustId a key points at. */
    public static Optional<String> custId(String key) {
        int at = key.lastIndexOf(SEPARATOR);
        return at < 0 || at == key.length() - 1 ? Optional.empty() : Optional.of(key.substring(at + 1));
    }

    private static String normalise(Kind kind, String value) {
        return switch (kind) {
            case INVOICE -> Refs.invoice(value);
            case ORDER, CUSTOMER -> Refs.order(value);
            case VAULT -> value.strip();
        };
    }
}
