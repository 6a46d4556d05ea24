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
 * Acts like a merchant's checkout: makes keyed sales over HTTP through PayTrace's public v1 API only (so it works
 * against the sandbox or a real PayTrace sandbox account alike). Authenticates with {@code /oauth/token} and
 * re-authenticates once when a call answers {@code invalid_token}, as real integrations do.
 *
 * <p>Two ways to use it: {@link #makeSale()} picks a random {@link Target} and amount (a quick, uniform load);
 * {@link #makeSale(SaleRequest)} makes exactly the sale a caller planned, with whatever a real payer fills in or
 * leaves blank (a realistic payment mix decides those fields itself).
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
     * One sale attempt as the checkout saw it.
     *
     * @param approved true only for response code 101 (money taken); false for a decline (102) and for an
     *                 approval that PayTrace auto-voided (103)
     */
    public record SaleMade(long transactionId, String customerRef, String invoiceId, BigDecimal amount,
                           boolean approved, Instant madeAt) {
    }

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal MIN_AMOUNT = new BigDecimal("1.00");
    /** PayTrace's sandbox declines exactly this amount (reference §8). */
    private static final BigDecimal DECLINE_AMOUNT = new BigDecimal("1.12");


    private static final int MAX_RATE_LIMIT_RETRIES = 3;

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

    private SaleMade charge(SaleRequest request) {
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
        body.put("csc", "123");
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

        HttpResponse<String> response = postWithAuth("/v1/transactions/sale/keyed", body);
        JsonNode reply = parse(response);
        JsonNode id = reply.get("transaction_id");
        if (id == null || !id.canConvertToLong()) {
            // The reply of a failed sale never contains the card number, so it can go into the message.
            throw new IllegalStateException("Sale was not recorded: HTTP " + response.statusCode() + " " + response.body());
        }
        boolean approved = reply.path("success").asBoolean(false) && reply.path("response_code").asInt() == 101;
        return new SaleMade(id.asLong(), request.customerReferenceId(), request.invoiceId(), request.amount(), approved,
                Instant.now());
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
