package com.ptsl.schemas;

import java.util.Locale;

/** Kafka keys of the SL topics, built in one place so the feed, the processor and the CLI agree on them. */
public final class SlKeys {

    private SlKeys() {
    }

    /** The {@code sl.invoices} key: company and invoice RefNbr, trimmed, e.g. {@code "0060/0000010001"}. */
    public static String invoice(String cpnyId, String refNbr) {
        return cpnyId.strip() + "/" + refNbr.strip();
    }

    /** The {@code sl.customers} key: the CustId, trimmed and upper case as SL keys are. */
    public static String customer(String custId) {
        return custId.strip().toUpperCase(Locale.ROOT);
    }
}
