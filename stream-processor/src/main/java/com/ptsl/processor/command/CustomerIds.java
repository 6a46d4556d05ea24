package com.ptsl.processor.command;

import com.ptsl.processor.CustomerField;
import com.ptsl.processor.errors.Redaction;
import com.ptsl.processor.parse.PayTraceTransaction;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the SL CustId of a payment in the configured PayTrace field.
 *
 * <p>Interim rule: the CustId is taken from the record itself. It is replaced later by the join with
 * the {@code sl.invoices} / {@code sl.customers} tables, which knows the invoice's customer and the
 * PayTrace customer_id mapping; until then a blank or impossible value goes to review.
 */
public final class CustomerIds {

    /** SL Customer.CustId is char(15). */
    public static final int MAX_LENGTH = 15;

    private final CustomerField field;

    public CustomerIds(CustomerField field) {
        this.field = field;
    }

    /** The CustId, or a sentence for the review queue saying why there is none. */
    public Resolution resolve(PayTraceTransaction tx) {
        String raw = switch (field) {
            case CUSTOMER_REFERENCE_ID -> tx.customerReferenceId();
            case CUSTOMER_ID -> tx.customerId();
        };
        // SL keys are upper case and space padded; PayTrace keeps whatever the clerk typed.
        String custId = raw.trim().toUpperCase(Locale.ROOT);
        if (custId.isEmpty()) {
            return new Resolution(Optional.empty(), field.jsonName() + " is blank; cannot tell which SL customer paid");
        }
        if (custId.length() > MAX_LENGTH) {
            return new Resolution(Optional.empty(), field.jsonName() + " '" + Redaction.digitRuns(raw.trim()) + "' is longer than "
                    + MAX_LENGTH + " characters, so it cannot be an SL CustId");
        }
        return new Resolution(Optional.of(custId), "");
    }

    /** Either a CustId or, when empty, the reason in {@code problem}. */
    public record Resolution(Optional<String> custId, String problem) {
    }
}
