package com.ptsl.service.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.service.metrics.Scrape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a service's admin endpoints over HTTP, as Prometheus, an orchestrator or an operator's tool would. Used by
 * {@code ptsl status}, the launcher and the services' integration tests. The bearer token, when the services are
 * guarded by ADMIN_TOKEN, is sent and never printed.
 */
public final class AdminClient {

    /** Longer than the sink's 2 s database probe, with room for a loaded machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    /** @param token the ADMIN_TOKEN, or null */
    public AdminClient(String token) {
        this.token = token == null || token.isBlank() ? null : token;
    }

    /** One answer: the HTTP status and the body. */
    public record Answer(int status, String body) {

        /** 200, as {@code /health/ready} answers when every check passes. */
        public boolean ok() {
            return status == 200;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("HTTP " + status + " without JSON: " + body, e);
            }
        }
    }

    /** {@code GET <baseUrl><path>}. */
    public Answer get(String baseUrl, String path) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** {@code GET /health/ready}: 200 or 503 with the checks as JSON (or 401 without the right token). */
    public Answer readiness(String baseUrl) throws IOException, InterruptedException {
        return get(baseUrl, "/health/ready");
    }

    /** {@code GET /metrics}, parsed; throws if it does not answer 200. */
    public Scrape scrape(String baseUrl) throws IOException, InterruptedException {
        return Scrape.parse(metricsText(baseUrl));
    }

    /** {@code GET /metrics} as text, for tools such as promtool; throws if it does not answer 200. */
    public String metricsText(String baseUrl) throws IOException, InterruptedException {
        Answer answer = get(baseUrl, "/metrics");
        if (!answer.ok()) {
            throw new IOException(baseUrl + "/metrics answered HTTP " + answer.status()
                    + (answer.status() == 401 ? " (set ADMIN_TOKEN to the services' token)" : ""));
        }
        return answer.body();
    }
}
