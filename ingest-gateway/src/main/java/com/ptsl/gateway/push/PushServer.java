package com.ptsl.gateway.push;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.json.Json;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's second HTTP server (not the admin server): the push receivers, on {@code GATEWAY_PUSH_HOST:PORT}.
 * Every request is first admitted against the in-flight bound (over it: 503 at once, nothing read), then handed to
 * its {@link PushRoute}; the answer is written when the route's future completes, so a request waiting for Kafka's
 * commit holds no Jetty thread. Every answer is JSON and counted by endpoint and outcome. Request bodies are
 * never logged (they may hold personal data).
 */
public final class PushServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushServer.class);

    private final Javalin app;
    private final String url;
    private boolean closed;

    private PushServer(Javalin app, String host) {
        this.app = app;
        String shownHost = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        this.url = "http://" + shownHost + ":" + app.port();
    }

    /** Starts listening; throws if the port is taken. */
    public static PushServer start(String host, int port, InFlightLimit limit, List<PushRoute> routes,
                                   GatewayMetrics metrics, Clock clock) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(metrics, "metrics");
        metrics.pushInFlightFrom(limit::inFlight);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.prefer405over404 = true;
            for (PushRoute route : routes) {
                cfg.routes.post(route.endpoint().path(), ctx -> admit(ctx, route, limit, metrics, clock));
            }
            cfg.routes.error(404, ctx -> writeError(ctx, 404,
                    "no such endpoint; POST to /v1/push/transactions or /v1/push/silent-post"));
            cfg.routes.error(405, ctx -> writeError(ctx, 405, "use POST"));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("push receivers could not listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        PushServer server = new PushServer(app, host);
        LOG.info("Push receivers on {} ({}), at most {} requests in flight", server.url,
                String.join(", ", routes.stream().map(r -> "POST " + r.endpoint().path()).toList()), limit.max());
        return server;
    }

    private static void admit(Context ctx, PushRoute route, InFlightLimit limit, GatewayMetrics metrics, Clock clock) {
        long started = System.nanoTime();
        if (!limit.tryEnter()) {
            Answer overloaded = Answer.error(PushOutcome.OVERLOADED, "more than " + limit.max()
                    + " push requests in flight; retry later");
            write(ctx, overloaded);
            metrics.pushAnswered(route.endpoint(), overloaded.outcome(), Duration.ofNanos(System.nanoTime() - started));
            return;
        }
        CompletableFuture<Answer> answer;
        try {
            answer = route.handle(ctx, clock.instant());
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(internalError(route, e));
        }
        CompletableFuture<Answer> safe = answer.exceptionally(e -> internalError(route, e));
        if (safe.isDone()) {
            finish(ctx, route, safe.join(), limit, metrics, started);
            return;
        }
        ctx.future(() -> safe.thenAccept(a -> finish(ctx, route, a, limit, metrics, started)));
    }

    private static void finish(Context ctx, PushRoute route, Answer answer, InFlightLimit limit, GatewayMetrics metrics,
                               long started) {
        try {
            write(ctx, answer);
        } finally {
            limit.exit();
            metrics.pushAnswered(route.endpoint(), answer.outcome(), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Answer internalError(PushRoute route, Throwable e) {
        LOG.error("Push receiver {} failed unexpectedly; nothing was published", route.endpoint().path(), e);
        return Answer.error(PushOutcome.INTERNAL_ERROR, "internal error; nothing was published");
    }

    private static void write(Context ctx, Answer answer) {
        ObjectNode body = answer.body();
        ctx.status(answer.outcome().status());
        if (answer.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Integer.toString(answer.retryAfterSeconds()));
        }
        ctx.contentType("application/json");
        ctx.result(Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void writeError(Context ctx, int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        ctx.status(status).contentType("application/json").result(Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code http://host:port}, no trailing slash. */
    public String url() {
        return url;
    }

    public int port() {
        return app.port();
    }

    /** Stops listening; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            app.stop();
            LOG.info("Push receivers on {} stopped", url);
        }
    }
}
