package com.ptsl.gateway.push;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.poll.TerminalStatus;
import com.ptsl.gateway.record.ExportedRecord;
import com.ptsl.schemas.avro.RecordSource;
import io.javalin.http.Context;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/push/transactions}: signed PayTrace transaction records from a partner or the merchant's own
 * platform. Checks in this order, each answering without publishing anything: Content-Type (415), size (413, from
 * Content-Length before reading, then while reading), signature and timestamp (401), JSON shape, event count (413)
 * and transaction ids (400). Then the records are scrubbed and fingerprinted exactly as polled ones
 * ({@link ExportedRecord}), published as source PUSH in one Kafka transaction, and 202 {@code {"accepted":n}} is
 * answered only once that transaction committed; if it does not commit within the ack timeout, 503 with
 * Retry-After, and nothing of the request is visible to read_committed consumers.
 */
public final class TransactionsEndpoint implements PushRoute {

    private final PushAuthenticator authenticator;
    private final int maxBodyBytes;
    private final int maxEvents;
    private final PushWriter writer;
    private final GatewayMetrics metrics;
    private final PublishedElsewhere published;

    public TransactionsEndpoint(PushConfig config, java.time.Clock clock, PushWriter writer, GatewayMetrics metrics,
                                PublishedElsewhere published) {
        this.authenticator = new PushAuthenticator(config.secrets(), config.replayWindow(), clock);
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxEvents = config.maxEvents();
        this.writer = Objects.requireNonNull(writer, "writer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.published = Objects.requireNonNull(published, "published");
    }

    @Override
    public PushEndpoint endpoint() {
        return PushEndpoint.TRANSACTIONS;
    }

    @Override
    public CompletableFuture<Answer> handle(Context ctx, Instant receivedAt) {
        if (!MediaType.is(ctx.header("Content-Type"), MediaType.JSON)) {
            return done(Answer.error(PushOutcome.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + MediaType.JSON));
        }
        byte[] body;
        try {
            body = BoundedBody.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(), maxBodyBytes);
        } catch (IOException e) {
            return done(Answer.error(PushOutcome.BAD_REQUEST, "could not read the body: " + e.getClass().getSimpleName()));
        }
        if (body == null) {
            return done(Answer.error(PushOutcome.TOO_LARGE, "body over " + maxBodyBytes + " bytes"));
        }
        String unauthenticated = authenticator.problem(ctx.header(PushSignature.TIMESTAMP_HEADER),
                ctx.header(PushSignature.SIGNATURE_HEADER), body);
        if (unauthenticated != null) {
            return done(Answer.error(PushOutcome.UNAUTHORIZED, unauthenticated));
        }
        PushedEvents.Parsed parsed = PushedEvents.parse(body, maxEvents);
        if (!parsed.ok()) {
            return done(parsed.problem());
        }
        List<ExportedRecord> records = parsed.records();
        List<ProducerRecord<byte[], byte[]>> outgoing = new ArrayList<>(records.size());
        int pans = 0;
        for (int i = 0; i < records.size(); i++) {
            ProducerRecord<byte[], byte[]> serialized = PushWriter.rawTransaction(records.get(i).toRaw(RecordSource.PUSH,
                    receivedAt));
            if (serialized.value().length > PushWriter.MAX_RECORD_BYTES) {
                // Kafka would refuse it on every retry; the sender must be told, not asked to retry.
                return done(Answer.error(PushOutcome.TOO_LARGE, (records.size() == 1 ? "the record" : "events[" + i + "]")
                        + " is over " + PushWriter.MAX_RECORD_BYTES + " bytes as a Kafka record"));
            }
            outgoing.add(serialized);
            pans += records.get(i).pansScrubbed();
        }
        int scrubbed = pans;
        int count = records.size();
        // Only what the checkpoint needs is kept while Kafka commits, not the parsed records.
        List<Key> keys = records.stream()
                .map(r -> new Key(r.transactionId(), r.fingerprint(), !TerminalStatus.isTerminal(r.scrubbed())))
                .toList();
        return writer.submit(outgoing).thenApply(ack -> {
            if (!ack.committed()) {
                return Answer.error(PushOutcome.UNAVAILABLE, "not published, retry later: " + ack.reason());
            }
            metrics.pushedRecordsPublished(RecordSource.PUSH, count, scrubbed);
            metrics.pushAccepted();
            keys.forEach(k -> published.acknowledged(k.transactionId(), k.fingerprint(), k.open()));
            ObjectNode accepted = Json.object();
            accepted.put("accepted", count);
            return Answer.accepted(accepted);
        });
    }

    private record Key(String transactionId, String fingerprint, boolean open) {
    }

    private static CompletableFuture<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
