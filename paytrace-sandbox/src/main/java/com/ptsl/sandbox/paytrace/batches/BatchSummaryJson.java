package com.ptsl.sandbox.paytrace.batches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.dates.PayTraceDates;
import com.ptsl.sandbox.paytrace.export.TransactionRecordJson;
import com.ptsl.sandbox.paytrace.http.Json;

import java.time.ZoneId;

/**
 * A batch as the batches endpoints show it. Invented shape (reference §3.2 confirms only {@code number}): the legacy
 * batch fields in snake case, numbers as JSON numbers, amounts like transaction exports (110, 12.3), {@code created}
 * in PayTrace's timestamp format, merchant-local.
 */
public final class BatchSummaryJson {

    private BatchSummaryJson() {
    }

    public static ObjectNode toJson(BatchSummary b, ZoneId merchantZone) {
        ObjectNode node = Json.object();
        node.put("number", b.number());
        node.put("created", PayTraceDates.formatTimestamp(b.settledAt(), merchantZone));
        node.put("transaction_count", b.transactionCount());
        node.put("net_amount", TransactionRecordJson.exportAmount(b.netAmount()));
        node.put("sales_count", b.salesCount());
        node.put("sales_amount", TransactionRecordJson.exportAmount(b.salesAmount()));
        node.put("refund_count", b.refundCount());
        node.put("refund_amount", TransactionRecordJson.exportAmount(b.refundAmount()));
        return node;
    }
}
