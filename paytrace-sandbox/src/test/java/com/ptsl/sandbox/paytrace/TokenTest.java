package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenTest {

    private static final String PROTECTED = "/v1/transactions/export/by_id";

    private static PayTraceSandbox sandbox;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults());
        api = new ApiClient(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void goodCredentialsGiveABearerTokenOfPayTracesShape() {
        ApiClient.Reply reply = api.tokenReply("sandbox-api-user", "sandbox-api-password");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        JsonNode json = reply.json();
        assertThat(json.get("access_token").asText()).matches("^[0-9a-f]+:[0-9a-f]+:[0-9a-f]+$");
        assertThat(json.get("token_type").asText()).isEqualTo("bearer");
        assertThat(json.get("expires_in").isIntegralNumber()).isTrue();
        assertThat(json.get("expires_in").asLong()).isEqualTo(7200);
        assertThat(json.get("created_at").asLong()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    }

    @Test
    void tokenRequestMayBeJsonOrQueryParameters() {
        ApiClient.Reply json = api.postJson("/oauth/token",
                "{\"grant_type\":\"password\",\"username\":\"sandbox-api-user\",\"password\":\"sandbox-api-password\"}", null);
        ApiClient.Reply query = api.post("/oauth/token?grant_type=password&username=sandbox-api-user&password=sandbox-api-password",
                null, "", null);

        assertThat(json.status()).isEqualTo(200);
        assertThat(query.status()).isEqualTo(200);
        assertThat(json.json().get("access_token").asText()).isNotEqualTo(query.json().get("access_token").asText());
    }

    @Test
    void badCredentialsGiveInvalidGrant() {
        ApiClient.Reply reply = api.tokenReply("sandbox-api-user", "wrong");

        assertThat(reply.status()).isIn(400, 401);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(reply.json().get("error_description").asText())
                .startsWith("The provided authorization grant is invalid, expired, revoked");
        assertThat(reply.json().has("access_token")).isFalse();
    }

    @Test
    void otherGrantTypesAreRejected() {
        ApiClient.Reply reply = api.post("/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=sandbox-api-user&client_secret=sandbox-api-password", null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void v1CallsWithoutAValidTokenGet401InvalidToken() {
        ApiClient.Reply none = api.postJson(PROTECTED, "{\"transaction_id\":1}", null);
        ApiClient.Reply unknown = api.postJson(PROTECTED, "{\"transaction_id\":1}", "abc:def:123");

        for (ApiClient.Reply reply : new ApiClient.Reply[] {none, unknown}) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("error").asText()).isEqualTo("invalid_token");
            assertThat(reply.json().get("error_description").asText()).isNotBlank();
        }
    }

    @Test
    void expiredTokensGet401AndANewLoginWorks() {
        // Own sandbox: expiring every token must not disturb the other tests of this class.
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults())) {
            ApiClient client = new ApiClient(own.baseUrl());
            String token = client.token(own.config());
            assertThat(client.postJson(PROTECTED, "{\"transaction_id\":1}", token).status()).isEqualTo(400); // 811

            own.faults().expireAllTokens();

            ApiClient.Reply expired = client.postJson(PROTECTED, "{\"transaction_id\":1}", token);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().get("error").asText()).isEqualTo("invalid_token");
            assertThat(expired.json().get("error_description").asText()).contains("expired");
            assertThat(expired.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    h -> assertThat(h).startsWith("Bearer").contains("invalid_token"));

            String fresh = client.token(own.config());
            assertThat(client.postJson(PROTECTED, "{\"transaction_id\":1}", fresh).status()).isEqualTo(400);
        }
    }

    @Test
    void tokenLifetimeIsConfigurable() {
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults().withTokenLifetime(Duration.ofMinutes(5)))) {
            ApiClient.Reply reply = new ApiClient(own.baseUrl()).tokenReply("sandbox-api-user", "sandbox-api-password");

            assertThat(reply.json().get("expires_in").asLong()).isEqualTo(300);
        }
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        String token = api.token(sandbox.config());
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.baseUrl() + PROTECTED))
                .header("Authorization", "bearer " + token)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"transaction_id\":1}"))
                .build();
        try {
            int status = java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(status).isEqualTo(400); // authenticated; 811 not found
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pingNeedsNoToken() {
        ApiClient.Reply reply = api.postJson("/v1/ping", "", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("success").asBoolean()).isTrue();
    }
}
