package com.ptsl.gateway.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Endpoint;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Outcome;
import com.ptsl.gateway.pci.PanScrubber;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small client of PayTrace's JSON API v1 (reference/paytrace-api.md): OAuth password grant, transaction exports,
 * settlement batch exports.
 *
 * <p>The bearer token is cached until shortly before {@code expires_in} runs out. A call answered with HTTP 401 or
 * {@code {"error":"invalid_token"}} (revoked or expired early) gets one fresh token and one retry; a second refusal
 * is an error. Every HTTP exchange is reported to a {@link PayTraceCallObserver} (monitoring). Records are returned
 * verbatim as Jackson trees; numbers are read as BigDecimal so {@code amount} keeps its text. Credentials and
 * tokens never appear in logs, exception messages or {@code toString}.
 *
 * <p>Thread-safe.
 */
public final class PayTraceClient implements TransactionExport, BatchExport {

    /** PayTrace's request date format (MM/DD/YYYY). */
    private static final DateTimeFormatter REQUEST_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);
    /** PayTrace documents 2 h tokens; used only if a reply omits {@code expires_in}. */
    private static final long DEFAULT_EXPIRES_IN_SECONDS = 7200;
    /** Refresh this long before expiry so a token does not run out between check and use. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    private static final String TRANSACTION_NOT_FOUND = "811";

    /** API user credentials; {@code integratorId} may be null. */
    public record Credentials(String username, String password, String integratorId) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***, integratorId=" + integratorId + "]";
        }
    }

    /** The cached token. Its value is never printed. */
    private record BearerToken(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "BearerToken[***, refreshAt=" + refreshAt + "]";
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    private final URI baseUrl;
    private final Credentials credentials;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient http;
    private final PayTraceCallObserver observer;
    private final AtomicLong tokenRequests = new AtomicLong();
    private final Object tokenLock = new Object();
    private BearerToken token; // guarded by tokenLock

    public PayTraceClient(URI baseUrl, Credentials credentials) {
        this(baseUrl, credentials, Duration.ofSeconds(30), Clock.systemUTC());
    }

    public PayTraceClient(URI baseUrl, Credentials credentials, Duration requestTimeout, Clock clock) {
        this(baseUrl, credentials, requestTimeout, clock, PayTraceCallObserver.NONE);
    }

    public PayTraceClient(URI baseUrl, Credentials credentials, Duration requestTimeout, Clock clock,
                          PayTraceCallObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // never send the bearer token anywhere else
                .build();
    }

    /**
     * {@code POST /v1/transactions/export/by_date_range}: every transaction of the merchant-local days
     * [start, end], both inclusive. PayTrace has no paging here, so keep the range small.
     */
    @Override
    public List<ObjectNode> exportByDateRange(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        ObjectNode body = Json.object();
        body.put("start_date", REQUEST_DATE.format(start));
        body.put("end_date", REQUEST_DATE.format(end));
        String call = "export/by_date_range " + start + ".." + end;
        return objects(call, post(Endpoint.EXPORT_BY_DATE_RANGE, body, call), "transactions");
    }

    /** {@code POST /v1/transactions/export/by_id}: the transaction, or empty if PayTrace does not know it (error 811). */
    @Override
    public Optional<ObjectNode> exportById(long transactionId) {
        ObjectNode body = Json.object();
        body.put("transaction_id", transactionId);
        String call = "export/by_id " + transactionId;
        try {
            List<ObjectNode> found = objects(call, post(Endpoint.EXPORT_BY_ID, body, call), "transactions");
            return found.stream().findFirst();
        } catch (PayTraceApiException e) {
            if (e.hasCode(TRANSACTION_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code POST /v1/batches/export}: the batch summaries ({@code batches[]}) of the settle days [start, end]. */
    @Override
    public List<ObjectNode> exportBatches(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        ObjectNode body = Json.object();
        body.put("start_date", REQUEST_DATE.format(start));
        body.put("end_date", REQUEST_DATE.format(end));
        String call = "batches/export " + start + ".." + end;
        return objects(call, post(Endpoint.BATCHES_EXPORT, body, call), "batches");
    }

    /**
     * {@code POST /v1/batches/transaction_list}: the records ({@code transactions[]}) of one batch. The number goes
     * out as a JSON number when it is one, as PayTrace's own batch numbers are.
     */
    @Override
    public List<ObjectNode> batchTransactions(String batchNumber) {
        ObjectNode body = Json.object();
        if (batchNumber.matches("[0-9]{1,18}")) {
            body.put("batch_number", Long.parseLong(batchNumber));
        } else {
            body.put("batch_number", batchNumber);
        }
        String call = "batches/transaction_list " + batchNumber;
        return objects(call, post(Endpoint.BATCHES_TRANSACTION_LIST, body, call), "transactions");
    }

    /** How many times a token was requested; lets tests see that tokens are cached and renewed. */
    public long tokenRequests() {
        return tokenRequests.get();
    }

    /** Drops the cached token, e.g. after a credentials change; the next call authenticates. */
    public void forgetToken() {
        synchronized (tokenLock) {
            token = null;
        }
    }

    @Override
    public String toString() {
        return "PayTraceClient[" + baseUrl + ", " + credentials + "]";
    }

    // --- calls -------------------------------------------------------------------------------------------

    private JsonNode post(Endpoint endpoint, ObjectNode body, String call) {
        if (credentials.integratorId() != null && !credentials.integratorId().isBlank()) {
            body.put("integrator_id", credentials.integratorId());
        }
        BearerToken used = currentToken();
        Reply reply = send(endpoint, body, used, call);
        if (isInvalidToken(reply)) {
            // Expired or revoked before we expected it: one fresh token, one retry (as ActiveMerchant does).
            invalidate(used);
            reply = send(endpoint, body, currentToken(), call);
            if (isInvalidToken(reply)) {
                throw new PayTraceApiException(call, reply.status(), errorsOf(reply.body()));
            }
        }
        return interpret(call, reply);
    }

    private Reply send(Endpoint endpoint, ObjectNode body, BearerToken bearer, String call) {
        HttpRequest request = HttpRequest.newBuilder(resolve(endpoint.path()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer.value())
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8))
                .build();
        return exchange(endpoint, request, call);
    }

    private Reply exchange(Endpoint endpoint, HttpRequest request, String call) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            observer.called(endpoint, Outcome.ofFailure(e));
            throw new PayTraceUnavailableException("PayTrace did not answer " + call + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), -1, e);
        } catch (InterruptedException e) {
            // Not reported: we gave up (shutdown), which says nothing about PayTrace.
            Thread.currentThread().interrupt();
            throw new PayTraceUnavailableException("Interrupted while calling PayTrace " + call, -1, e);
        }
        int status = response.statusCode();
        observer.called(endpoint, Outcome.ofStatus(status));
        if (status == 429 || status == 408 || status >= 500) {
            // The body of a proxy or rate-limit error says nothing useful and is not logged.
            throw new PayTraceUnavailableException("PayTrace answered HTTP " + status + " to " + call, status, null);
        }
        JsonNode body;
        try {
            byte[] bytes = response.body();
            body = bytes == null || bytes.length == 0 ? Json.object() : Json.parse(bytes);
        } catch (IOException e) {
            // Never put the unreadable body into the message: it could contain anything.
            throw new PayTraceUnavailableException("PayTrace answered " + call + " with HTTP " + status
                    + " and a body that is not JSON", status, null);
        }
        return new Reply(status, body);
    }

    private static JsonNode interpret(String call, Reply reply) {
        JsonNode body = reply.body();
        boolean ok = reply.status() >= 200 && reply.status() < 300;
        if (!ok || body.path("success").isBoolean() && !body.path("success").booleanValue() || body.has("error")) {
            throw new PayTraceApiException(call, reply.status(), errorsOf(body));
        }
        return body;
    }

    /** The objects of the reply's array {@code field}; absent or null means none. */
    private static List<ObjectNode> objects(String call, JsonNode body, String field) {
        JsonNode list = body.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new PayTraceApiException(call, 200, Map.of("unexpected_reply", List.of(field + " is not an array")));
        }
        List<ObjectNode> records = new ArrayList<>(list.size());
        for (JsonNode element : list) {
            if (!(element instanceof ObjectNode record)) {
                throw new PayTraceApiException(call, 200,
                        Map.of("unexpected_reply", List.of("a " + field + " element is not an object")));
            }
            records.add(record);
        }
        return records;
    }

    private static boolean isInvalidToken(Reply reply) {
        return reply.status() == 401 || "invalid_token".equals(reply.body().path("error").asText(null));
    }

    /** v1 {@code errors{code:[msg]}} or OAuth {@code error/error_description}; messages PAN-scrubbed for safety. */
    static Map<String, List<String>> errorsOf(JsonNode body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        JsonNode v1 = body.path("errors");
        if (v1.isObject()) {
            for (Map.Entry<String, JsonNode> field : v1.properties()) {
                List<String> messages = new ArrayList<>();
                if (field.getValue().isArray()) {
                    field.getValue().forEach(m -> messages.add(safe(m.asText())));
                } else {
                    messages.add(safe(field.getValue().asText()));
                }
                errors.put(field.getKey(), messages);
            }
        }
        if (body.hasNonNull("error")) {
            errors.put(safe(body.get("error").asText()), List.of(safe(body.path("error_description").asText(""))));
        }
        if (errors.isEmpty() && body.hasNonNull("status_message")) {
            errors.put("response_code_" + body.path("response_code").asText("?"), List.of(safe(body.get("status_message").asText())));
        }
        return errors;
    }

    private static String safe(String text) {
        return PanScrubber.scrubText(text).text();
    }

    // --- token ----------------------------------------------------------------------------------------

    private BearerToken currentToken() {
        synchronized (tokenLock) {
            if (token == null || !clock.instant().isBefore(token.refreshAt())) {
                token = authenticate();
            }
            return token;
        }
    }

    private void invalidate(BearerToken stale) {
        synchronized (tokenLock) {
            if (token == stale) {
                token = null;
            }
        }
    }

    /** {@code POST /oauth/token}, form-urlencoded password grant (reference §1). */
    private BearerToken authenticate() {
        tokenRequests.incrementAndGet();
        String form = "grant_type=password"
                + "&username=" + URLEncoder.encode(credentials.username(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(credentials.password(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(resolve(Endpoint.OAUTH_TOKEN.path()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        String call = "oauth/token";
        Reply reply = exchange(Endpoint.OAUTH_TOKEN, request, call);
        String value = reply.body().path("access_token").asText(null);
        if (reply.status() != 200 || value == null || value.isBlank()) {
            throw new PayTraceApiException(call, reply.status(), errorsOf(reply.body()));
        }
        long expiresIn = reply.body().path("expires_in").asLong(DEFAULT_EXPIRES_IN_SECONDS);
        Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 1));
        Duration margin = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(4)) > 0 ? EXPIRY_MARGIN : lifetime.dividedBy(4);
        return new BearerToken(value, clock.instant().plus(lifetime).minus(margin));
    }

    private URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }
}
