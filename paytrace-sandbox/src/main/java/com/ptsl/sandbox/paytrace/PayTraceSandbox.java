package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.auth.BearerAuthFilter;
import com.ptsl.sandbox.paytrace.auth.OAuthTokenHandler;
import com.ptsl.sandbox.paytrace.auth.TokenService;
import com.ptsl.sandbox.paytrace.errors.ApiException;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.export.ExportHandler;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.transactions.SaleHandler;
import com.ptsl.sandbox.paytrace.transactions.TransactionStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A simulator of PayTrace's JSON API v1 over real HTTP on 127.0.0.1, faithful enough that a client cannot tell it
 * from PayTrace (paths, field names, formats, status codes, error bodies per shared/reference/paytrace-api.md).
 *
 * <pre>{@code
 * try (PayTraceSandbox sandbox = PayTraceSandbox.start(SandboxConfig.defaults())) {
 *     String base = sandbox.baseUrl();   // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class PayTraceSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PayTraceSandbox.class);

    private static final String PING = "/v1/ping";

    private final SandboxConfig config;
    private final TransactionStore store;
    private final Faults faults;
    private final Javalin app;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PayTraceSandbox(SandboxConfig config, Clock clock) {
        this.config = config;
        TokenService tokens = new TokenService(clock, config.tokenLifetime());
        this.store = new TransactionStore(clock, config.firstTransactionId());
        this.faults = new Faults(tokens);
        this.app = createApp(config, clock, tokens, store, faults);
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("PayTrace sandbox could not start on 127.0.0.1:" + config.port(), e);
        }
        this.baseUrl = "http://127.0.0.1:" + app.port();
        LOG.info("PayTrace sandbox listening on {} (merchant zone {})", baseUrl, config.merchantZone());
    }

    /** Starts a sandbox; port 0 picks a free port. Binds 127.0.0.1 only. */
    public static PayTraceSandbox start(SandboxConfig config) {
        return new PayTraceSandbox(Objects.requireNonNull(config, "config"), Clock.systemUTC());
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public SandboxConfig config() {
        return config;
    }

    public Faults faults() {
        return faults;
    }

    /** Shortcut for {@code faults().expireAllTokens()}. */
    public void expireAllTokens() {
        faults.expireAllTokens();
    }

    /** Transactions recorded so far (approved, declined and voided sales). */
    public int transactionCount() {
        return store.size();
    }

    /** Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.stop();
            LOG.info("PayTrace sandbox on {} stopped", baseUrl);
        }
    }

    private static Javalin createApp(SandboxConfig config, Clock clock, TokenService tokens, TransactionStore store,
                                     Faults faults) {
        OAuthTokenHandler oauth = new OAuthTokenHandler(tokens, config.username(), config.password());
        BearerAuthFilter auth = new BearerAuthFilter(tokens, Set.of(PING));
        SaleHandler sale = new SaleHandler(store, config, clock);
        ExportHandler export = new ExportHandler(store, config.merchantZone());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = config.port();

            // Injected faults hit every request, matched or not, before anything else runs.
            cfg.routes.before(ctx -> {
                OptionalInt failure = faults.takeNextFailure();
                if (failure.isPresent()) {
                    throw new ApiException(failure.getAsInt(), Json.object());
                }
            });
            // beforeMatched: as in a Rails app, an unknown path is a 404 before any token check.
            cfg.routes.beforeMatched("/v1/*", auth);

            cfg.routes.post("/oauth/token", oauth);
            cfg.routes.post(PING, PayTraceSandbox::ping);
            cfg.routes.post("/v1/transactions/sale/keyed", sale);
            cfg.routes.post("/v1/transactions/export/by_date_range", export::byDateRange);
            cfg.routes.post("/v1/transactions/export/by_id", export::byId);

            cfg.routes.exception(ApiException.class, PayTraceSandbox::writeApiException);
            cfg.routes.exception(HttpResponseException.class, PayTraceSandbox::writeHttpException);
            // The server never crashes: anything unexpected is a JSON 500 and a log line (no request data in it).
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
                Json.respond(ctx, 500, PayTraceErrors.v1Body(java.util.Map.of(PayTraceErrors.MALFORMED_REQUEST,
                        java.util.List.of("An internal error has occurred."))));
            });
        });
    }

    /** PayTrace documents only that ping needs no token; the reply shape is the v1 success envelope. */
    private static void ping(Context ctx) {
        ObjectNode body = Json.object();
        body.put("success", true);
        body.put("response_code", 1);
        body.put("status_message", "Your request has been successfully completed.");
        Json.respond(ctx, 200, body);
    }

    private static void writeApiException(ApiException e, Context ctx) {
        e.headers().forEach(ctx::header);
        Json.respond(ctx, e.status(), e.body());
    }

    /** Javalin's own errors (no route, body too large, ...) as JSON instead of its plain-text default. */
    private static void writeHttpException(HttpResponseException e, Context ctx) {
        if (e instanceof NotFoundResponse) {
            Json.respond(ctx, 404, PayTraceErrors.notFoundBody(ctx.method().name(), ctx.path()));
            return;
        }
        ObjectNode body = Json.object();
        body.put("error", "http_" + e.getStatus());
        body.put("error_description", e.getMessage() == null ? "" : e.getMessage());
        Json.respond(ctx, e.getStatus(), body);
    }
}
