package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.sandbox.paytrace.errors.ApiException;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;

/** The {@code transaction_id} a request refers to, and PayTrace's two errors about it (58 and 811). */
public final class TransactionRefs {

    private TransactionRefs() {
    }

    /** Ids are integers; clients send them as numbers or numeric strings. Null for anything else. */
    public static Long parseId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.asText().trim().matches("^\\d{1,18}$")) {
            return Long.parseLong(node.asText().trim());
        }
        return null;
    }

    /** {@code body.transaction_id}, or error 58 when absent or not an id. */
    public static long requireId(JsonNode body) {
        Long id = parseId(body.get("transaction_id"));
        if (id == null) {
            throw PayTraceErrors.v1(PayTraceErrors.TRANSACTION_ID_INVALID, PayTraceErrors.MSG_TRANSACTION_ID_INVALID);
        }
        return id;
    }

    /** Error 811. */
    public static ApiException notFound() {
        return PayTraceErrors.v1(PayTraceErrors.TRANSACTION_NOT_FOUND, PayTraceErrors.MSG_TRANSACTION_NOT_FOUND);
    }
}
