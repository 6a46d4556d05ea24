package com.ptsl.sandbox.paytrace.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.http.Json;

/** The start of every successful export reply (reference §3.1): {@code success:true, response_code:1, status_message}. */
public final class CompletedReply {

    public static final String STATUS_COMPLETED = "Your request has been successfully completed.";

    private CompletedReply() {
    }

    public static ObjectNode object() {
        ObjectNode reply = Json.object();
        reply.put("success", true);
        reply.put("response_code", 1);
        reply.put("status_message", STATUS_COMPLETED);
        return reply;
    }
}
