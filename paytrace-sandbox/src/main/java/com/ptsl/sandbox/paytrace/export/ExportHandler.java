package com.ptsl.sandbox.paytrace.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;
import com.ptsl.sandbox.paytrace.transactions.TransactionRefs;
import com.ptsl.sandbox.paytrace.transactions.TransactionStore;
import io.javalin.http.Context;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code /v1/transactions/export/by_date_range} and {@code /v1/transactions/export/by_id} (reference §3).
 * No paging: PayTrace has none, so a whole range comes back in one reply.
 */
public final class ExportHandler {

    private final TransactionStore store;
    private final ZoneId merchantZone;

    public ExportHandler(TransactionStore store, ZoneId merchantZone) {
        this.store = store;
        this.merchantZone = merchantZone;
    }

    /**
     * Required {@code start_date}, {@code end_date} (MM/DD/YYYY, inclusive, merchant-local creation day); optional
     * {@code transaction_id}, {@code transaction_type}, {@code customer_id}. An end before the start is an empty
     * range, not an error.
     */
    public void byDateRange(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        PayTraceErrors.Collector errors = new PayTraceErrors.Collector();
        Optional<DateRangeRequest> range = DateRangeRequest.read(body, errors);
        Predicate<StoredTransaction> filter = t -> true;
        if (present(body, "transaction_id")) {
            Long id = TransactionRefs.parseId(body.get("transaction_id"));
            if (id == null) {
                errors.add(PayTraceErrors.TRANSACTION_ID_INVALID, PayTraceErrors.MSG_TRANSACTION_ID_INVALID);
            } else {
                filter = filter.and(t -> t.transactionId() == id);
            }
        }
        errors.throwIfAny();
        if (present(body, "transaction_type")) {
            filter = filter.and(typeFilter(RequestBodies.text(body, "transaction_type")));
        }
        if (present(body, "customer_id")) {
            String customerId = RequestBodies.text(body, "customer_id");
            filter = filter.and(t -> t.customerId().equals(customerId));
        }
        List<StoredTransaction> found = store.createdBetween(range.get().start(), range.get().end(), merchantZone).stream()
                .filter(filter)
                .toList();
        Json.respond(ctx, 200, envelope(found));
    }

    /** Required {@code transaction_id}; replies with a one-element array, or error 58 / 811 when bad / unknown. */
    public void byId(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        long id = TransactionRefs.requireId(body);
        StoredTransaction found = store.byId(id).orElseThrow(TransactionRefs::notFound);
        Json.respond(ctx, 200, envelope(List.of(found)));
    }

    private ObjectNode envelope(List<StoredTransaction> transactions) {
        ObjectNode reply = CompletedReply.object();
        ArrayNode list = reply.putArray("transactions");
        transactions.forEach(t -> list.add(TransactionRecordJson.toJson(t, merchantZone)));
        reply.put("external_transaction_id", "");
        return reply;
    }

    /**
     * PayTrace's filter values (reference §3.1): SALE, AUTHORIZATION, STR/FWD, REFUND, VOID, SETTLED, PENDING,
     * DECLINED. Types name the record, the last four name states. Unknown values match nothing.
     */
    private static Predicate<StoredTransaction> typeFilter(String requested) {
        String type = requested == null ? "" : requested.trim().toUpperCase(Locale.ROOT);
        return switch (type) {
            case "PENDING" -> StoredTransaction::pendingSettlement;
            case "SETTLED" -> StoredTransaction::settled;
            case "VOID" -> StoredTransaction::voided;
            default -> t -> t.transactionType().equals(type);
        };
    }

    private static boolean present(JsonNode body, String field) {
        String value = RequestBodies.text(body, field);
        return value != null && !value.isBlank();
    }
}
