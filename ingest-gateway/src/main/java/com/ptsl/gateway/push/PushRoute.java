package com.ptsl.gateway.push;

import io.javalin.http.Context;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One push receiver. {@link PushServer} admits the request (in-flight bound), then calls {@link #handle}, writes
 * the answer once the future completes, and counts it. A handler reads the body itself, within its size limit.
 */
public interface PushRoute {

    PushEndpoint endpoint();

    /**
     * Handles one admitted request received at {@code receivedAt}; never completes exceptionally (a failure is an
     * {@link Answer} too). May complete later, e.g. once Kafka committed.
     */
    CompletableFuture<Answer> handle(Context ctx, Instant receivedAt);
}
