package com.ptsl.gateway;

import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.push.InFlightLimit;
import com.ptsl.gateway.push.PublishedElsewhere;
import com.ptsl.gateway.push.PushConfig;
import com.ptsl.gateway.push.PushServer;
import com.ptsl.gateway.push.PushWriter;
import com.ptsl.gateway.push.TransactionsEndpoint;
import com.ptsl.gateway.silentpost.ConfirmationQueue;
import com.ptsl.gateway.silentpost.RateLimiter;
import com.ptsl.gateway.silentpost.SilentPostConfirmer;
import com.ptsl.gateway.silentpost.SilentPostEndpoint;
import com.ptsl.service.health.Check;

import java.time.Clock;
import java.util.List;

/**
 * The gateway's push side, started and stopped as one: the transactional {@link PushWriter}, the Silent Post
 * {@link SilentPostConfirmer}, and the {@link PushServer} with both receivers. Its readiness check ("push") passes
 * while the writer has an initialized transactional producer.
 */
final class PushReceivers implements AutoCloseable {

    private static final String CLIENT_ID = "ptsl-ingest-gateway-push";

    private final PushWriter writer;
    private final SilentPostConfirmer confirmer;
    private final PushServer server;

    private PushReceivers(PushWriter writer, SilentPostConfirmer confirmer, PushServer server) {
        this.writer = writer;
        this.confirmer = confirmer;
        this.server = server;
    }

    static PushReceivers start(PushConfig config, String bootstrapServers, TransactionExport payTrace,
                               PublishedElsewhere published, GatewayMetrics metrics, Clock clock) {
        // Every in-flight request has at most one submission waiting; the confirmer adds one more.
        PushWriter writer = new PushWriter(bootstrapServers, CLIENT_ID, config.transactionalId(), config.ackTimeout(),
                config.maxInFlight() + 1).start();
        SilentPostConfirmer confirmer = null;
        try {
            ConfirmationQueue queue = new ConfirmationQueue(config.confirmationQueue());
            confirmer = new SilentPostConfirmer(payTrace, queue, new RateLimiter(config.confirmsPerSecond()), writer,
                    metrics, published, clock).start();
            PushServer server = PushServer.start(config.host(), config.port(), new InFlightLimit(config.maxInFlight()),
                    List.of(new TransactionsEndpoint(config, clock, writer, metrics, published),
                            new SilentPostEndpoint(queue, metrics)),
                    metrics, clock);
            return new PushReceivers(writer, confirmer, server);
        } catch (RuntimeException e) {
            if (confirmer != null) {
                confirmer.close();
            }
            writer.close();
            throw e;
        }
    }

    String url() {
        return server.url();
    }

    Check.Result check() {
        PushWriter.State state = writer.state();
        return state.ready() ? Check.Result.ok("receiving on " + server.url() + "; " + state.detail())
                : Check.Result.failing(state.detail());
    }

    /** Stops accepting first, then confirmations, then the writer (answering what is still queued). */
    @Override
    public void close() {
        server.close();
        confirmer.close();
        writer.close();
    }
}
