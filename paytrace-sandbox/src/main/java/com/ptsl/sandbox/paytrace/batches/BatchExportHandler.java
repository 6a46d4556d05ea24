package com.ptsl.sandbox.paytrace.batches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.errors.ApiException;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.export.CompletedReply;
import com.ptsl.sandbox.paytrace.export.DateRangeRequest;
import com.ptsl.sandbox.paytrace.export.TransactionRecordJson;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import com.ptsl.sandbox.paytrace.transactions.StoredTransaction;
import io.javalin.http.Context;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/batches/export}, {@code /v1/batches/export_one} and {@code /v1/batches/transaction_list}
 * (reference §3). Unknown or malformed batch numbers are error 803 (invented code).
 */
public final class BatchExportHandler {

    private final Batches batches;
    private final ZoneId merchantZone;

    public BatchExportHandler(Batches batches, ZoneId merchantZone) {
        this.batches = batches;
        this.merchantZone = merchantZone;
    }

    /** {@code {start_date, end_date}} (MM/DD/YYYY, inclusive, merchant-local settle day) → {@code batches[]}. */
    public void export(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        PayTraceErrors.Collector errors = new PayTraceErrors.Collector();
        Optional<DateRangeRequest> range = DateRangeRequest.read(body, errors);
        errors.throwIfAny();
        ObjectNode reply = CompletedReply.object();
        ArrayNode list = reply.putArray("batches");
        batches.settledBetween(range.get().start(), range.get().end(), merchantZone)
                .forEach(b -> list.add(BatchSummaryJson.toJson(b, merchantZone)));
        Json.respond(ctx, 200, reply);
    }

    /** {@code {batch_number?}} → {@code batch}; without a number the latest batch. */
    public void exportOne(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        JsonNode requested = batchNumberNode(body);
        Optional<BatchSummary> batch = requested == null ? batches.latest() : batches.byNumber(parse(requested));
        ObjectNode reply = CompletedReply.object();
        reply.set("batch", BatchSummaryJson.toJson(batch.orElseThrow(BatchExportHandler::notFound), merchantZone));
        Json.respond(ctx, 200, reply);
    }

    /** {@code {batch_number}} → the batch's {@code transactions[]} as export records. */
    public void transactionList(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        JsonNode requested = batchNumberNode(body);
        if (requested == null) {
            throw PayTraceErrors.v1(PayTraceErrors.BATCH_NUMBER, PayTraceErrors.MSG_BATCH_NUMBER);
        }
        List<StoredTransaction> transactions = batches.transactionsOf(parse(requested));
        if (transactions.isEmpty()) {
            throw notFound();
        }
        ObjectNode reply = CompletedReply.object();
        ArrayNode list = reply.putArray("transactions");
        transactions.forEach(t -> list.add(TransactionRecordJson.toJson(t, merchantZone)));
        Json.respond(ctx, 200, reply);
    }

    /** {@code batch_number}, or {@code batchNumber} as an older client sent it (reference §3); null when neither. */
    private static JsonNode batchNumberNode(ObjectNode body) {
        for (String field : List.of("batch_number", "batchNumber")) {
            JsonNode node = body.get(field);
            if (node != null && !node.isNull() && !(node.isTextual() && node.asText().isBlank())) {
                return node;
            }
        }
        return null;
    }

    private static int parse(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() > 0) {
            return node.intValue();
        }
        if (node.isTextual() && node.asText().trim().matches("^\\d{1,9}$")) {
            return Integer.parseInt(node.asText().trim());
        }
        throw PayTraceErrors.v1(PayTraceErrors.BATCH_NUMBER, PayTraceErrors.MSG_BATCH_NUMBER);
    }

    private static ApiException notFound() {
        return PayTraceErrors.v1(PayTraceErrors.BATCH_NUMBER, PayTraceErrors.MSG_BATCH_NOT_FOUND);
    }
}
