package com.ptsl.service.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.service.health.Readiness;
import com.ptsl.service.metrics.ServiceMetrics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A service's admin HTTP server (Javalin): {@code GET /health/live}, {@code GET /health/ready} (200, or 503
 * naming each failing check and why) and {@code GET /metrics} (Prometheus text format). Small on purpose: no
 * business routes live here. {@link #close()} is idempotent.
 */
public final class AdminServer implements AutoCloseable {

    /** What Prometheus asks for and accepts from {@code /metrics}. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final String url;
    private boolean closed;

    private AdminServer(Javalin app, String host) {
        this.app = app;
        String shownHost = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        this.url = "http://" + shownHost + ":" + app.port();
    }

    /** Starts listening; throws if the port is taken. */
    public static AdminServer start(AdminConfig config, Readiness readiness, ServiceMetrics metrics) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(metrics, "metrics");
        // Prometheus cannot call /health/ready, so readiness is also a gauge: the "service not ready" alert reads it.
        Gauge.builder("ptsl.service.ready", readiness, r -> r.evaluate().ready() ? 1 : 0)
                .description("1 when every readiness check of this service passes (as GET /health/ready answers 200), else 0")
                .register(metrics.registry());
        byte[] token = config.token() == null ? null : ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.routes.before(ctx -> {
                if (token != null && !ctx.path().equals("/health/live") && !authorized(ctx, token)) {
                    ctx.header("WWW-Authenticate", "Bearer");
                    ctx.status(401).json(message("missing or wrong bearer token (ADMIN_TOKEN)"));
                    ctx.skipRemainingHandlers();
                }
            });
            cfg.routes.get("/health/live", ctx -> ctx.json(status(readiness.service(), true)));
            cfg.routes.get("/health/ready", ctx -> ready(ctx, readiness));
            cfg.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(metrics.scrape()));
            cfg.routes.error(404, ctx -> ctx.json(message("no such endpoint; try /health/live, /health/ready or /metrics")));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("admin server of " + readiness.service() + " could not listen on "
                    + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        AdminServer server = new AdminServer(app, config.host());
        LOG.info("{} admin endpoints on {} (/health/live, /health/ready, /metrics)", readiness.service(), server.url);
        return server;
    }

    /** {@code http://host:port}, no trailing slash. */
    public String url() {
        return url;
    }

    public int port() {
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            app.stop();
        }
    }

    private static void ready(Context ctx, Readiness readiness) {
        Readiness.Report report = readiness.evaluate();
        ObjectNode body = status(report.service(), report.ready());
        ObjectNode checks = body.putObject("checks");
        report.checks().forEach((name, result) -> checks.putObject(name)
                .put("status", result.ok() ? "UP" : "DOWN")
                .put("detail", result.detail()));
        ctx.status(report.ready() ? 200 : 503).json(body);
    }

    private static ObjectNode status(String service, boolean up) {
        return JSON.createObjectNode().put("service", service).put("status", up ? "UP" : "DOWN");
    }

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("error", text);
    }

    private static boolean authorized(Context ctx, byte[] expected) {
        String header = ctx.header("Authorization");
        // Constant-time, so the comparison does not tell how much of a guess was right.
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expected);
    }
}
