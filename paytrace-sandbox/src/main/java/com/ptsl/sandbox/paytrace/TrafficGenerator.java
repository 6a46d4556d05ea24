package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Acts like a merchant's checkout and back office: makes keyed sales and authorizations, and captures, voids and
 * refunds them, over HTTP through PayTrace's public v1 API only (so it works against the sandbox or a real PayTrace
 * sandbox account alike). Authenticates with {@code /oauth/token} and
 * re-authenticates once when a call answers {@code invalid_token}, as real integrations do.
 *
 * <p>Two ways to use it: {@link #makeSale()} picks a random {@link Target} and amount (a quick, uniform load);
 * {@link #makeSale(SaleRequest)} makes exactly the sale a caller planned, with whatever a real payer fills in or
 * leaves blank (a realistic payment mix decides those fields itself).
 *
 * <p>The lifecycle: {@link #authorize} then {@link #capture}; {@link #voidTransaction} before settlement;
 * {@link #refund} after it (settlement itself is PayTrace's, e.g. {@link PayTraceSandbox#settleNow()});
 * {@link #refundKeyed} without an original. Each answers with the transaction it made or changed and PayTrace's
 * response code; a refusal (816, 817, 818, ...) is an answer too, not an exception.
 *
 * <p>Reproducible: the same seed and targets give the same sequence of customers, invoices and amounts (and the
 * same cards and expiry dates for planned sales). Thread-safe (calls are serialized).
 */
public final class TrafficGenerator {

    /** An SL customer id and one of its open invoices; sales charge at most {@code maxAmount}. */
    public record Target(String customerRef, String invoiceId, BigDecimal maxAmount) {
        public Target {
            if (customerRef == null || customerRef.isBlank()) {
                throw new IllegalArgumentException("customerRef must not be blank");
            }
            if (invoiceId == null || invoiceId.isBlank()) {
                throw new IllegalArgumentException("invoiceId must not be blank");
            }
            Objects.requireNonNull(maxAmount, "maxAmount");
            if (maxAmount.compareTo(CENT) < 0) {
                throw new IllegalArgumentException("maxAmount must be at least 0.01, was " + maxAmount);
            }
        }
    }

    /**
     * One sale exactly as planned: the fields a payer types into a checkout or a payment link. Blank fields are left
     * out of the request, as a checkout does with empty inputs.
     *
     * @param amount              dollars, positive, at most two decimals (1.12 is declined by PayTrace's sandbox)
     * @param invoiceId           PayTrace {@code invoice_id} (what the payer says they pay), or blank
     * @param customerReferenceId PayTrace {@code customer_reference_id} (customer number, PO, ...), or blank
     * @param description         PayTrace {@code description} (free text), or blank
     */
    public record SaleRequest(BigDecimal amount, String invoiceId, String customerReferenceId, String description) {
        public SaleRequest {
            Objects.requireNonNull(amount, "amount");
            if (amount.compareTo(CENT) < 0 || amount.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("amount must be at least 0.01 with at most 2 decimals, was " + amount);
            }
            amount = amount.setScale(2, RoundingMode.UNNECESSARY);
            invoiceId = invoiceId == null ? "" : invoiceId.strip();
            customerReferenceId = customerReferenceId == null ? "" : customerReferenceId.strip();
            description = description == null ? "" : description.strip();
        }
    }

    /**
     * One sale or authorization attempt as the checkout saw it.
     *
     * @param approved     true only for response code 101 (a sale: money taken; an authorization: authorized);
     *                     false for a decline (102) and for an approval that PayTrace auto-voided (103)
     * @param responseCode PayTrace's {@code response_code}: 101, 102 or 103
     */
    public record SaleMade(long transactionId, String customerRef, String invoiceId, BigDecimal amount,
                           boolean approved, Instant madeAt, int responseCode) {

        /** Without the response code, as before it was reported: 101 when approved, else 102. */
        public SaleMade(long transactionId, String customerRef, String invoiceId, BigDecimal amount,
                        boolean approved, Instant madeAt) {
            this(transactionId, customerRef, invoiceId, amount, approved, madeAt, approved ? 101 : 102);
        }
    }

    /**
     * The answer to a capture, void or refund.
     *
     * @param transactionId the transaction changed (capture, void) or created (refund); for a refused refund 0,
     *                      since PayTrace created nothing
     * @param responseCode  PayTrace's {@code response_code}: 112 captured, 109 voided, 106 refunded; 1 when
     *                      refused, with the reasons in {@code errorCodes}
     * @param errorCodes    the keys of PayTrace's {@code errors} (816, 817, 818, 811, 39, ...), empty on success
     * @param message       {@code status_message}, followed by the error messages when refused
     */
    public record FollowUp(long transactionId, int responseCode, boolean success, List<Integer> errorCodes,
                           String message, Instant madeAt) {
        public FollowUp {
            errorCodes = List.copyOf(errorCodes);
        }
    }

    /** The CSC that PayTrace's sandbox approves and then auto-voids (103, a CSC mismatch). */
    public static final String AUTO_VOID_CSC = "999";
    private static final String MATCHING_CSC = "123";

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal MIN_AMOUNT = new BigDecimal("1.00");
    /** PayTrace's sandbox declines exactly this amount (reference §8). */
    private static final BigDecimal DECLINE_AMOUNT = new BigDecimal("1.12");


    private static final int MAX_RATE_LIMIT_RETRIES = 3;
    private static final String SALE_KEYED = "/v1/transactions/sale/keyed";
    private static final String AUTHORIZATION_KEYED = "/v1/transactions/authorization/keyed";

    private final String baseUrl;
    private final String username;
    private final String password;
    private final List<Target> targets;
    private final long randomSeed;
    private final double declineShare;
    private final Random random;
    private final HttpClient http;
    /** Shared with copies made by withers: one login serves them all. */
    private final AtomicReference<String> accessToken;

    public TrafficGenerator(String baseUrl, String username, String password, List<Target> targets, long randomSeed) {
        this(baseUrl, username, password, randomSeed, requireTargets(targets));
    }

    /** Without targets: only {@link #makeSale(SaleRequest)} can be used. */
    public TrafficGenerator(String baseUrl, String username, String password, long randomSeed) {
        this(baseUrl, username, password, randomSeed, List.of());
    }

    private TrafficGenerator(String baseUrl, String username, String password, long randomSeed, List<Target> targets) {
        this(baseUrl, username, password, targets, randomSeed, 0.0,
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build(),
                new AtomicReference<>());
    }

    private TrafficGenerator(String baseUrl, String username, String password, List<Target> targets,
                             long randomSeed, double declineShare, HttpClient http,
                             AtomicReference<String> accessToken) {
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.targets = List.copyOf(targets);
        if (!(declineShare >= 0.0 && declineShare <= 1.0)) {
            throw new IllegalArgumentException("declineShare must be in [0, 1], was " + declineShare);
        }
        this.randomSeed = randomSeed;
        this.declineShare = declineShare;
        this.random = new Random(randomSeed);
        this.http = http;
        this.accessToken = accessToken;
    }

    /**
     * A copy in which about {@code share} of the sales use the decline amount 1.12. The copy restarts the random
     * sequence from the seed (so a configuration always yields the same traffic) and shares the login.
     */
    public TrafficGenerator withDeclineShare(double share) {
        return new TrafficGenerator(baseUrl, username, password, targets, randomSeed, share, http, accessToken);
    }

    public double declineShare() {
        return declineShare;
    }

    private static List<Target> requireTargets(List<Target> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("at least one target is needed");
        }
        return targets;
    }

    /**
     * Makes one sale: a random target, a random amount in cents within [1.00, maxAmount] (or the decline amount),
     * with {@code invoice_id} and {@code customer_reference_id} set and a Luhn-valid test card.
     *
     * @throws IllegalStateException if PayTrace does not record a transaction (e.g. persistent 429/5xx)
     */
    public synchronized SaleMade makeSale() {
        if (targets.isEmpty()) {
            throw new IllegalStateException("this generator has no targets; use makeSale(SaleRequest)");
        }
        Target target = targets.get(random.nextInt(targets.size()));
        // Every draw happens whatever the outcome, so the sequence depends only on the seed.
        BigDecimal randomAmount = randomAmount(target.maxAmount());
        boolean decline = random.nextDouble() < declineShare;
        BigDecimal amount = decline ? DECLINE_AMOUNT : randomAmount;
        return charge(new SaleRequest(amount, target.invoiceId(), target.customerRef(),
                "Payment for invoice " + target.invoiceId()));
    }

    /**
     * Makes exactly this sale (with a Luhn-valid test card drawn from the seed), through the same public API.
     *
     * @throws IllegalStateException if PayTrace does not record a transaction (e.g. a validation error, persistent
     *                               429/5xx)
     */
    public synchronized SaleMade makeSale(SaleRequest request) {
        Objects.requireNonNull(request, "request");
        return charge(request);
    }

    /**
     * Makes this sale with the given CSC; {@link #AUTO_VOID_CSC} gets PayTrace's 103 (approved, then voided because
     * the CSC did not match).
     */
    public synchronized SaleMade makeSale(SaleRequest request, String csc) {
        Objects.requireNonNull(request, "request");
        return charge(SALE_KEYED, request, csc);
    }

    /**
     * Authorizes this amount on a card ({@code authorization/keyed}) without taking the money: capture it later with
     * {@link #capture}, or let it expire. {@link SaleMade#approved()} means authorized (101).
     *
     * @throws IllegalStateException if PayTrace does not record a transaction
     */
    public synchronized SaleMade authorize(SaleRequest request) {
        Objects.requireNonNull(request, "request");
        return charge(AUTHORIZATION_KEYED, request, MATCHING_CSC);
    }

    /** {@link #authorize(SaleRequest)} with the given CSC ({@link #AUTO_VOID_CSC}: 103). */
    public synchronized SaleMade authorize(SaleRequest request, String csc) {
        Objects.requireNonNull(request, "request");
        return charge(AUTHORIZATION_KEYED, request, csc);
    }

    /** Captures the whole authorized amount of {@code authorizationId}. */
    public synchronized FollowUp capture(long authorizationId) {
        return capture(authorizationId, null);
    }

    /** Captures {@code amount} (at most the authorized amount; null = all of it) of {@code authorizationId}. */
    public synchronized FollowUp capture(long authorizationId, BigDecimal amount) {
        ObjectNode body = Json.object();
        body.put("transaction_id", authorizationId);
        putAmount(body, amount);
        return followUp("/v1/transactions/authorization/capture", body, authorizationId);
    }

    /** Voids a transaction still pending settlement, or an uncaptured authorization. */
    public synchronized FollowUp voidTransaction(long transactionId) {
        ObjectNode body = Json.object();
        body.put("transaction_id", transactionId);
        return followUp("/v1/transactions/void", body, transactionId);
    }

    /** Refunds what is left of a settled sale or capture ({@code refund/for_transaction}). */
    public synchronized FollowUp refund(long settledTransactionId) {
        return refund(settledTransactionId, null);
    }

    /**
     * Refunds {@code amount} (null = all that is left) of a settled sale or capture; the answer carries the new
     * refund's id.
     */
    public synchronized FollowUp refund(long settledTransactionId, BigDecimal amount) {
        ObjectNode body = Json.object();
        body.put("transaction_id", settledTransactionId);
        putAmount(body, amount);
        return followUp("/v1/transactions/refund/for_transaction", body, 0);
    }

    /**
     * A refund to a card with no original transaction ({@code refund/keyed}), carrying the request's invoice,
     * reference and description; the answer carries the new refund's id.
     */
    public synchronized FollowUp refundKeyed(SaleRequest request) {
        Objects.requireNonNull(request, "request");
        return followUp("/v1/transactions/refund/keyed", keyedBody(request, null), 0);
    }

    private SaleMade charge(SaleRequest request) {
        return charge(SALE_KEYED, request, MATCHING_CSC);
    }

    private SaleMade charge(String path, SaleRequest request, String csc) {
        HttpResponse<String> response = postWithAuth(path, keyedBody(request, csc));
        JsonNode reply = parse(response);
        JsonNode id = reply.get("transaction_id");
        if (id == null || !id.canConvertToLong()) {
            // The reply of a failed sale never contains the card number, so it can go into the message.
            throw new IllegalStateException("Sale was not recorded: HTTP " + response.statusCode() + " " + response.body());
        }
        int code = reply.path("response_code").asInt();
        boolean approved = reply.path("success").asBoolean(false) && code == 101;
        return new SaleMade(id.asLong(), request.customerReferenceId(), request.invoiceId(), request.amount(), approved,
                Instant.now(), code);
    }

    /**
     * Sends a capture, void or refund. A v1 error reply is an answer (success false, its codes), not an exception;
     * only a call PayTrace did not answer with JSON throws.
     *
     * @param fallbackId the id to report when the reply has none (capture and void: the id acted on)
     */
    private FollowUp followUp(String path, JsonNode body, long fallbackId) {
        HttpResponse<String> response = postWithAuth(path, body);
        JsonNode reply = parse(response);
        if (!reply.has("success")) {
            throw new IllegalStateException("PayTrace call " + path + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        List<Integer> codes = new ArrayList<>();
        StringBuilder message = new StringBuilder(reply.path("status_message").asText(""));
        reply.path("errors").fields().forEachRemaining(e -> {
            try {
                codes.add(Integer.parseInt(e.getKey()));
            } catch (NumberFormatException ignored) {
                // PayTrace's keys are numbers; anything else stays only in the message
            }
            e.getValue().forEach(m -> message.append(' ').append(e.getKey()).append(": ").append(m.asText()));
        });
        boolean success = reply.path("success").asBoolean(false);
        JsonNode id = reply.get("transaction_id");
        long transactionId = success && id != null && id.canConvertToLong() ? id.asLong() : fallbackId;
        return new FollowUp(transactionId, reply.path("response_code").asInt(), success, codes, message.toString(),
                Instant.now());
    }

    private static void putAmount(ObjectNode body, BigDecimal amount) {
        if (amount != null) {
            body.put("amount", amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString());
        }
    }

    /** A keyed request with a Luhn-valid test card drawn from the seed; {@code csc} null leaves it out. */
    private ObjectNode keyedBody(SaleRequest request, String csc) {
        String card = TestCards.ALL.get(random.nextInt(TestCards.ALL.size()));
        int expMonth = 1 + random.nextInt(12);
        int expYear = Year.now().getValue() + 2 + random.nextInt(4);
        // Who pays is not always known to the checkout; the billing name is what the card holder typed.
        String payer = !request.customerReferenceId().isEmpty() ? request.customerReferenceId()
                : !request.invoiceId().isEmpty() ? request.invoiceId() : "Card holder";

        ObjectNode body = Json.object();
        body.put("amount", request.amount().toPlainString());
        ObjectNode creditCard = body.putObject("credit_card");
        creditCard.put("number", card);
        creditCard.put("expiration_month", String.format("%02d", expMonth));
        creditCard.put("expiration_year", Integer.toString(expYear));
        if (csc != null) {
            body.put("csc", csc);
        }
        ObjectNode billing = body.putObject("billing_address");
        billing.put("name", "Customer " + payer);
        billing.put("street_address", (100 + Math.abs(payer.hashCode() % 9000)) + " Main St");
        billing.put("city", "Spokane");
        billing.put("state", "WA");
        billing.put("zip", "99201");
        billing.put("country", "US");
        putIfNotBlank(body, "invoice_id", request.invoiceId());
        putIfNotBlank(body, "customer_reference_id", request.customerReferenceId());
        putIfNotBlank(body, "description", request.description());
        return body;
    }

    private static void putIfNotBlank(ObjectNode body, String field, String value) {
        if (!value.isEmpty()) {
            body.put(field, value);
        }
    }

    public List<SaleMade> makeSales(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        List<SaleMade> sales = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sales.add(makeSale());
        }
        return sales;
    }

    /** Cents uniformly in [1.00, max]; below 1.00 max, in [0.01, max]. Never 1.12 unless asked for a decline. */
    private BigDecimal randomAmount(BigDecimal max) {
        long maxCents = max.setScale(2, RoundingMode.DOWN).movePointRight(2).longValueExact();
        long minCents = Math.min(100, maxCents);
        long cents = minCents + (long) (random.nextDouble() * (maxCents - minCents + 1));
        cents = Math.min(cents, maxCents);
        BigDecimal amount = BigDecimal.valueOf(cents, 2);
        if (amount.compareTo(DECLINE_AMOUNT) == 0) {
            amount = maxCents >= 113 ? new BigDecimal("1.13") : new BigDecimal("1.11");
        }
        return amount;
    }

    private HttpResponse<String> postWithAuth(String path, JsonNode body) {
        boolean reauthenticated = false;
        while (true) {
            String token = accessToken.get();
            if (token == null) {
                token = login();
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                    .build();
            HttpResponse<String> response = sendRetryingRateLimits(request);
            if (response.statusCode() == 401 && !reauthenticated && isInvalidToken(response)) {
                // Expired or revoked: log in again once, like ActiveMerchant's PayTrace gateway.
                accessToken.compareAndSet(token, null);
                reauthenticated = true;
                continue;
            }
            return response;
        }
    }

    private String login() {
        String form = "grant_type=password&username=" + urlEncode(username) + "&password=" + urlEncode(password);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = sendRetryingRateLimits(request);
        JsonNode reply = parse(response);
        String token = reply.path("access_token").asText("");
        if (response.statusCode() != 200 || token.isEmpty()) {
            throw new IllegalStateException("PayTrace login failed: HTTP " + response.statusCode() + " "
                    + reply.path("error").asText("") + " " + reply.path("error_description").asText(""));
        }
        accessToken.set(token);
        return token;
    }

    /** 429 means the request was not processed, so repeating it cannot double-charge; 5xx might have been. */
    private HttpResponse<String> sendRetryingRateLimits(HttpRequest request) {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 429 || attempt >= MAX_RATE_LIMIT_RETRIES) {
                return response;
            }
            pause(50L << attempt);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("PayTrace call " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean isInvalidToken(HttpResponse<String> response) {
        try {
            return "invalid_token".equals(Json.MAPPER.readTree(response.body()).path("error").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            JsonNode node = Json.MAPPER.readTree(response.body());
            return node == null ? Json.object() : node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PayTrace replied HTTP " + response.statusCode() + " without JSON", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
