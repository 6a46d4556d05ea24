package com.ptsl.processor;

import java.util.Arrays;
import java.util.List;

/**
 * Which PayTrace field may carry the SL CustId itself (matching also finds the customer from invoice, order and
 * PO numbers and from the vault id SL keeps). A closed list rather than any JSON path, so a typo in
 * {@code PROCESSOR_CUSTOMER_FIELD} fails at start instead of sending every payment to review.
 */
public enum CustomerField {
    /** The merchant's own reference typed with the sale; the default because most sites key it from their ERP. */
    CUSTOMER_REFERENCE_ID("customer_reference_id"),
    /** The PayTrace vault profile id, for sites whose vault ids are their SL CustIds. */
    CUSTOMER_ID("customer_id");

    private final String jsonName;

    CustomerField(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The field name as PayTrace spells it in an export record. */
    public String jsonName() {
        return jsonName;
    }

    public static CustomerField fromJsonName(String name) {
        for (CustomerField field : values()) {
            if (field.jsonName.equals(name)) {
                return field;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of " + choices());
    }

    public static String choices() {
        return String.join(", ", jsonNames());
    }

    public static List<String> jsonNames() {
        return Arrays.stream(values()).map(CustomerField::jsonName).toList();
    }
}
