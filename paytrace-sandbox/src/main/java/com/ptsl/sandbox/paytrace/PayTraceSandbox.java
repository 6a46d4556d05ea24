package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.auth.BearerAuthFilter;
import com.ptsl.sandbox.paytrace.auth.OAuthTokenHandler;
import com.ptsl.sandbox.paytrace.auth.TokenService;
import com.ptsl.sandbox.paytrace.errors.ApiException;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.export.ExportHandler;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.batches.BatchExportHandler;
import com.ptsl.sandbox.paytrace.batches.Batches;
import com.ptsl.sandbox.paytrace.push.PushHooks;
import com.ptsl.sandbox.paytrace.settlement.SettleAdminHandler;
import com.ptsl.sandbox.paytrace.settlement.SettlementResult;
import com.ptsl.sandbox.paytrace.settlement.SettlementRun;
import com.ptsl.sandbox.paytrace.settlement.SettlementSchedule;
import com.ptsl.sandbox.paytrace.transactions.CaptureHandler;
import com.ptsl.sandbox.paytrace.transactions.ChargeHandler;
import com.ptsl.sandbox.paytrace.transactions.ChargeRequest;
import com.ptsl.sandbox.paytrace.transactions.RefundHandler;
import com.ptsl.sandbox.paytrace.transactions.TransactionStore;
import com.ptsl.sandbox.paytrace.transactions.VoidHandler;
import com.ptsl.sandbox.paytrace.vault.ByCustomerRequests;
import com.ptsl.sandbox.paytrace.vault.CustomerCreateHandler;
import com.ptsl.sandbox.paytrace.vault.CustomerVault;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A simulator of PayTrace's JSON API v1 over real HTTP on 127.0.0.1, faithful enough that a client cannot tell it
 * from PayTrace (paths, field names, formats, status codes, error bodies per shared/reference/paytrace-api.md).
 *
 * <pre>{@code
 * try (PayTraceSandbox sandbox = PayTraceSandbox.start(SandboxConfig.defaults())) {
 *     String base = sandbox.baseUrl();   // http://127.0.0.1:<port>
 *     SettlementResult cutOff = sandbox.settleNow();   // every pending transaction into batch GB1
 * }
 * }</pre>
 *
 * <p>Settlement, which PayTrace runs on its own once a day, is triggered here by {@link #settleNow()}, by
 * {@link #startSettlementSchedule(Duration)}, or over HTTP with {@code POST /sandbox/settle} (bearer token needed).
 * Tests that need time to pass (authorization expiry, settle days) start the sandbox with a {@link ManualClock}.
 *
 * <p>With {@link SandboxConfig#silentPostUrl()} or {@link SandboxConfig#pushUrl()} set, every sale/authorization is
 * also posted to those URLs in the background ({@link PushHooks}): a Secure Checkout Silent Post and a signed push of
 * its export record, as a partner or the merchant's e-commerce platform would send it. {@link #pushesSent()} and
 * friends count the outcomes.
 */
public final class PayTraceSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PayTraceSandbox.class);

    private static final String PING = "/v1/ping";
    /** Outside /v1: not a PayTrace endpoint (invented, docs/sandbox-inventions.md). */
    public static final String SETTLE = "/sandbox/settle";

    private final SandboxConfig config;
    private final TransactionStore store;
    private final Faults faults;
    private final CustomerVault vault = new CustomerVault();
    private final SettlementRun settlement;
    private final SettlementSchedule schedule;
    private final PushHooks hooks;
    private final Clock clock;
    private final Javalin app;
    private final String baseUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PayTraceSandbox(SandboxConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        TokenService tokens = new TokenService(clock, config.tokenLifetime());
        this.store = new TransactionStore(clock, config.firstTransactionId());
        this.faults = new Faults(tokens);
        this.settlement = new SettlementRun(store, config.firstBatchNumber(), config.authorizationExpiry());
        this.schedule = new SettlementSchedule(settlement);
        // Signed with the real clock: a receiver checks the timestamp against its own, whatever time the records carry.
        this.hooks = new PushHooks(config, Clock.systemUTC());
        this.app = createApp(tokens);
        try {
            app.start();
        } catch (RuntimeException e) {
            hooks.close();
            throw new IllegalStateException("PayTrace sandbox could not start on 127.0.0.1:" + config.port(), e);
        }
        this.baseUrl = "http://127.0.0.1:" + app.port();
        LOG.info("PayTrace sandbox listening on {} (merchant zone {})", baseUrl, config.merchantZone());
        if (hooks.enabled()) {
            LOG.info("PayTrace sandbox on {}: {}", baseUrl, String.join(", ", hooks.describe()));
        }
    }

    /** Starts a sandbox; port 0 picks a free port. Binds 127.0.0.1 only. */
    public static PayTraceSandbox start(SandboxConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts a sandbox that reads all its time from {@code clock} (creation and settle times, card expiry, token
     * lifetimes); tests pass a {@link ManualClock} to make days pass.
     */
    public static PayTraceSandbox start(SandboxConfig config, Clock clock) {
        return new PayTraceSandbox(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
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

    /** Transactions recorded so far, of every kind (declined and voided ones too; a refund is one more). */
    public int transactionCount() {
        return store.size();
    }

    /** The clock the sandbox reads its time from. */
    public Clock clock() {
        return clock;
    }

    /**
     * A cut-off now: every pending (Y) transaction into one new batch {@code GB<n>}, uncaptured authorizations older
     * than {@link SandboxConfig#authorizationExpiry()} expired. Nothing pending makes no batch.
     */
    public SettlementResult settleNow() {
        return settlement.settleNow();
    }

    /** Number the next batch will get. */
    public int nextBatchNumber() {
        return settlement.nextBatchNumber();
    }

    /**
     * Runs {@link #settleNow()} every {@code every} of real time until {@link #stopSettlementSchedule()} or
     * {@link #close()}; calling it again restarts with the new interval.
     */
    public void startSettlementSchedule(Duration every) {
        schedule.start(every);
    }

    /** Idempotent. */
    public void stopSettlementSchedule() {
        schedule.stop();
    }

    public boolean settlementScheduleRunning() {
        return schedule.running();
    }

    /** Silent Posts answered 2xx. */
    public long silentPostsSent() {
        return hooks.sent(PushHooks.Kind.SILENT_POST);
    }

    /** Silent Posts given up (refused, unreachable after every retry, dropped at close or when too many waited). */
    public long silentPostsFailed() {
        return hooks.failed(PushHooks.Kind.SILENT_POST);
    }

    /** Partner pushes answered 2xx. */
    public long pushesSent() {
        return hooks.sent(PushHooks.Kind.PARTNER_PUSH);
    }

    /** Partner pushes given up (refused, unreachable after every retry, dropped at close or when too many waited). */
    public long pushesFailed() {
        return hooks.failed(PushHooks.Kind.PARTNER_PUSH);
    }

    /** Silent Posts and pushes queued or waiting for a retry. */
    public int deliveriesPending() {
        return hooks.pending(PushHooks.Kind.SILENT_POST) + hooks.pending(PushHooks.Kind.PARTNER_PUSH);
    }

    /** Attempts after the first, Silent Posts and pushes together. */
    public long deliveryRetries() {
        return hooks.retries();
    }

    /** Idempotent. Stops the API first, then the push pool (what it had not delivered counts as failed). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            schedule.stop();
            app.stop();
            hooks.close();
            LOG.info("PayTrace sandbox on {} stopped", baseUrl);
        }
    }

    private Javalin createApp(TokenService tokens) {
        OAuthTokenHandler oauth = new OAuthTokenHandler(tokens, config.username(), config.password());
        BearerAuthFilter auth = new BearerAuthFilter(tokens, Set.of(PING));
        ByCustomerRequests byCustomer = new ByCustomerRequests(vault);
        ChargeHandler saleKeyed = charge(ChargeHandler.Kind.SALE, ChargeRequest::keyed);
        ChargeHandler saleByCustomer = charge(ChargeHandler.Kind.SALE, byCustomer::read);
        ChargeHandler authKeyed = charge(ChargeHandler.Kind.AUTHORIZATION, ChargeRequest::keyed);
        ChargeHandler authByCustomer = charge(ChargeHandler.Kind.AUTHORIZATION, byCustomer::read);
        RefundHandler refund = new RefundHandler(store, config);
        ExportHandler export = new ExportHandler(store, config.merchantZone());
        BatchExportHandler batches = new BatchExportHandler(new Batches(store), config.merchantZone());
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
            cfg.routes.beforeMatched("/sandbox/*", auth);

            cfg.routes.post("/oauth/token", oauth);
            cfg.routes.post(PING, PayTraceSandbox::ping);
            cfg.routes.post("/v1/transactions/sale/keyed", saleKeyed);
            cfg.routes.post("/v1/transactions/sale/by_customer", saleByCustomer);
            cfg.routes.post("/v1/transactions/authorization/keyed", authKeyed);
            cfg.routes.post("/v1/transactions/authorization/by_customer", authByCustomer);
            cfg.routes.post("/v1/transactions/authorization/capture", new CaptureHandler(store));
            cfg.routes.post("/v1/transactions/void", new VoidHandler(store));
            cfg.routes.post("/v1/transactions/refund/for_transaction", refund::forTransaction);
            cfg.routes.post("/v1/transactions/refund/keyed", refund::keyed);
            cfg.routes.post("/v1/transactions/export/by_date_range", export::byDateRange);
            cfg.routes.post("/v1/transactions/export/by_id", export::byId);
            cfg.routes.post("/v1/customer/create", new CustomerCreateHandler(vault));
            cfg.routes.post("/v1/batches/export", batches::export);
            cfg.routes.post("/v1/batches/export_one", batches::exportOne);
            cfg.routes.post("/v1/batches/transaction_list", batches::transactionList);
            cfg.routes.post(SETTLE, new SettleAdminHandler(settlement, config.merchantZone()));

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

    private ChargeHandler charge(ChargeHandler.Kind kind,
                                 Function<JsonNode, ChargeRequest> reader) {
        return new ChargeHandler(kind, reader, store, config, clock, hooks::transactionMade);
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
