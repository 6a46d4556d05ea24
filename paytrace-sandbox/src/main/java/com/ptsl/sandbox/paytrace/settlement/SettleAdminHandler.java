package com.ptsl.sandbox.paytrace.settlement;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.batches.BatchSummaryJson;
import com.ptsl.sandbox.paytrace.dates.PayTraceDates;
import com.ptsl.sandbox.paytrace.http.Json;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.time.ZoneId;

/**
 * {@code POST /sandbox/settle}: a cut-off now. Not a PayTrace endpoint (PayTrace settles on its own), hence outside
 * {@code /v1}; it needs the same bearer token as the API, so only a client that can log in can trigger it. The reply
 * uses PayTrace's success envelope: {@code batch} is the new batch (as {@code batches/export_one} shows it) or null
 * when nothing was pending.
 */
public final class SettleAdminHandler implements Handler {

    private final SettlementRun run;
    private final ZoneId merchantZone;

    public SettleAdminHandler(SettlementRun run, ZoneId merchantZone) {
        this.run = run;
        this.merchantZone = merchantZone;
    }

    @Override
    public void handle(Context ctx) {
        SettlementResult result = run.settleNow();
        ObjectNode reply = Json.object();
        reply.put("success", true);
        reply.put("response_code", 1);
        reply.put("status_message", "Your request has been successfully completed.");
        reply.put("settled_at", PayTraceDates.formatTimestamp(result.cutOff(), merchantZone));
        if (result.batch().isPresent()) {
            reply.set("batch", BatchSummaryJson.toJson(result.batch().get(), merchantZone));
        } else {
            reply.putNull("batch");
        }
        ArrayNode settled = reply.putArray("settled_transaction_ids");
        result.settledTransactionIds().forEach(settled::add);
        ArrayNode expired = reply.putArray("expired_transaction_ids");
        result.expiredAuthorizationIds().forEach(expired::add);
        Json.respond(ctx, 200, reply);
    }
}
