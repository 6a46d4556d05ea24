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
