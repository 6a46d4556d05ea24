package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for tests: real requests, raw bodies, no sandbox internals. */
final class ApiClient {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The §3.1 record fields, in PayTrace's order (a refund/for_transaction adds original_transaction_id). */
    static final java.util.List<String> RECORD_FIELDS = java.util.List.of("transaction_id", "credit_card",
            "transaction_type", "description", "amount", "invoice_id", "shipping_address", "billing_address",
            "receipt_emailed_to", "tax_amount", "customer_reference_id", "approval_code", "approval_message",
            "avs_response", "csc_response", "status_code", "status_message", "created", "settled", "customer_id");

    /** PayTrace's Visa test card: Luhn-valid. */
    static final String TEST_CARD = TestCards.VISA;

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply post(String path, String contentType, String body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    Reply postJson(String path, String json, String bearer) {
        return post(path, "application/json", json, bearer);
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    Reply tokenReply(String username, String password) {
        return post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=" + username + "&password=" + password, null);
    }

    String token(SandboxConfig config) {
        Reply reply = tokenReply(config.username(), config.password());
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply.body());
        }
        return reply.json().get("access_token").asText();
    }

    /** A keyed sale with the given amount and csc (null = none) using the test card. */
    Reply sale(String token, String amount, String csc, String invoiceId, String customerRef) {
        String json = """
                {"amount":"%s",
                 "credit_card":{"number":"%s","expiration_month":"12","expiration_year":"2031"},
                 %s
                 "billing_address":{"name":"Steve Smith","street_address":"8320 E. West St.","city":"Spokane","state":"WA","zip":"85284"},
                 "invoice_id":"%s","customer_reference_id":"%s","description":"test sale","tax_amount":"1.10",
                 "email":"steve@example.com","integrator_id":"9999test"}
                """.formatted(amount, TEST_CARD, csc == null ? "" : "\"csc\":\"" + csc + "\",", invoiceId, customerRef);
        return postJson("/v1/transactions/sale/keyed", json, token);
    }

    /** Like {@link #sale} but {@code authorization/keyed}. */
    Reply authorize(String token, String amount, String csc, String invoiceId, String customerRef) {
        String json = """
                {"amount":"%s",
                 "credit_card":{"number":"%s","expiration_month":"12","expiration_year":"2031"},
                 %s
                 "billing_address":{"name":"Steve Smith","street_address":"8320 E. West St.","city":"Spokane","state":"WA","zip":"85284"},
                 "invoice_id":"%s","customer_reference_id":"%s","description":"test authorization"}
                """.formatted(amount, TEST_CARD, csc == null ? "" : "\"csc\":\"" + csc + "\",", invoiceId, customerRef);
        return postJson("/v1/transactions/authorization/keyed", json, token);
    }

    /** {@code authorization/capture}; a null amount is left out (capture all). */
    Reply capture(String token, long id, String amount) {
        return postJson("/v1/transactions/authorization/capture", idAndAmount(id, amount), token);
    }

    Reply voidTransaction(String token, long id) {
        return postJson("/v1/transactions/void", "{\"transaction_id\":" + id + "}", token);
    }

    /** {@code refund/for_transaction}; a null amount is left out (refund what is left). */
    Reply refund(String token, long id, String amount) {
        return postJson("/v1/transactions/refund/for_transaction", idAndAmount(id, amount), token);
    }

    Reply refundKeyed(String token, String amount, String invoiceId) {
        String json = """
                {"amount":"%s","credit_card":{"number":"%s","expiration_month":"11","expiration_year":"2030"},
                 "billing_address":{"name":"Refund Person","zip":"99201"},"invoice_id":"%s","description":"keyed refund"}
                """.formatted(amount, TEST_CARD, invoiceId);
        return postJson("/v1/transactions/refund/keyed", json, token);
    }

    Reply createCustomer(String token, String customerId, String name) {
        String json = """
                {"customer_id":"%s","credit_card":{"number":"%s","expiration_month":"10","expiration_year":"2032"},
                 "billing_address":{"name":"%s","street_address":"1 Vault Way","city":"Spokane","state":"WA","zip":"99201"}}
                """.formatted(customerId, TestCards.MASTERCARD, name);
        return postJson("/v1/customer/create", json, token);
    }

    /** {@code sale/by_customer} or {@code authorization/by_customer}, by {@code kind} ("sale" / "authorization"). */
    Reply byCustomer(String token, String kind, String customerId, String amount, String invoiceId) {
        String json = """
                {"customer_id":"%s","amount":"%s","invoice_id":"%s","csc":"123"}
                """.formatted(customerId, amount, invoiceId);
        return postJson("/v1/transactions/" + kind + "/by_customer", json, token);
    }

    /** The export record of one transaction ({@code export/by_id}). */
    JsonNode record(String token, long id) {
        Reply reply = postJson("/v1/transactions/export/by_id", "{\"transaction_id\":" + id + "}", token);
        if (reply.status() != 200) {
            throw new IllegalStateException("export of " + id + " failed: " + reply.body());
        }
        return reply.json().get("transactions").get(0);
    }

    static long id(Reply reply) {
        JsonNode id = reply.json().get("transaction_id");
        if (id == null || !id.isIntegralNumber()) {
            throw new IllegalStateException("no transaction_id in " + reply.body());
        }
        return id.asLong();
    }

    /** The single error code of a v1 error reply, e.g. "816". */
    static String errorCode(Reply reply) {
        JsonNode errors = reply.json().get("errors");
        if (errors == null || errors.size() != 1) {
            throw new IllegalStateException("expected one error in " + reply.body());
        }
        return errors.fieldNames().next();
    }

    private static String idAndAmount(long id, String amount) {
        return amount == null ? "{\"transaction_id\":" + id + "}"
                : "{\"transaction_id\":" + id + ",\"amount\":\"" + amount + "\"}";
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
