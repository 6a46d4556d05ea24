package com.ptsl.gateway.silentpost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.push.Answer;
import com.ptsl.gateway.push.BoundedBody;
import com.ptsl.gateway.push.MediaType;
import com.ptsl.gateway.push.PushEndpoint;
import com.ptsl.gateway.push.PushOutcome;
import com.ptsl.gateway.push.PushRoute;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/push/silent-post}: PayTrace Secure Checkout's Silent Post, unsigned and never trusted. Only its
 * {@code TRANSACTIONID} is read, and queued for confirmation with {@code export/by_id} ({@link SilentPostConfirmer}).
 * Answers 202 once queued (or when the id is already waiting: coalesced), 415 for another Content-Type, 413 over
 * {@link #MAX_BODY_BYTES}, 400 naming what is missing or wrong, 503 + Retry-After when the confirmation queue is
 * full. Nothing is published here.
 */
public final class SilentPostEndpoint implements PushRoute {

    /** PayTrace's parmList is a few hundred bytes; anything near this is not a Silent Post. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final ConfirmationQueue queue;
    private final GatewayMetrics metrics;

    public SilentPostEndpoint(ConfirmationQueue queue, GatewayMetrics metrics) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public PushEndpoint endpoint() {
        return PushEndpoint.SILENT_POST;
    }

    @Override
    public CompletableFuture<Answer> handle(Context ctx, Instant receivedAt) {
        return CompletableFuture.completedFuture(answer(ctx));
    }

    private Answer answer(Context ctx) {
        if (!MediaType.is(ctx.header("Content-Type"), MediaType.FORM)) {
            return Answer.error(PushOutcome.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + MediaType.FORM);
        }
        byte[] body;
        try {
            body = read(ctx.req().getInputStream(), ctx.req().getContentLengthLong());
        } catch (IOException e) {
            return Answer.error(PushOutcome.BAD_REQUEST, "could not read the body: " + e.getClass().getSimpleName());
        }
        if (body == null) {
            return Answer.error(PushOutcome.TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes: not a Silent Post");
        }
        Optional<String> field;
        try {
            field = ParmList.fieldOf(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Answer.error(PushOutcome.BAD_REQUEST, "body is not valid form encoding (application/x-www-form-urlencoded)");
        }
        if (field.isEmpty() || field.get().isBlank()) {
            return Answer.error(PushOutcome.BAD_REQUEST, ParmList.FIELD + " is missing");
        }
        Optional<String> idText = ParmList.parse(field.get()).get(ParmList.TRANSACTION_ID);
        if (idText.isEmpty() || idText.get().isEmpty()) {
            return Answer.error(PushOutcome.BAD_REQUEST, ParmList.FIELD + " has no " + ParmList.TRANSACTION_ID);
        }
        long id;
        try {
            id = Long.parseLong(idText.get());
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id <= 0) {
            return Answer.error(PushOutcome.BAD_REQUEST, ParmList.FIELD + " " + ParmList.TRANSACTION_ID
                    + " is not a positive integer");
        }
        ConfirmationQueue.Offer offer = queue.offer(id);
        if (offer == ConfirmationQueue.Offer.FULL) {
            return Answer.error(PushOutcome.UNAVAILABLE, "the confirmation queue is full (" + queue.capacity()
                    + " Silent Posts waiting); retry later");
        }
        if (offer == ConfirmationQueue.Offer.COALESCED) {
            metrics.silentPostCoalesced();
        }
        ObjectNode accepted = Json.object();
        accepted.put("transaction_id", Long.toString(id));
        accepted.put("confirmation", offer == ConfirmationQueue.Offer.QUEUED ? "queued" : "already queued");
        return Answer.accepted(accepted);
    }

    private static byte[] read(InputStream in, long declared) throws IOException {
        return BoundedBody.read(in, declared, MAX_BODY_BYTES);
    }
}
