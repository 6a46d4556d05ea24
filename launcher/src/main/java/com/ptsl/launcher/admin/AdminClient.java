package com.ptsl.launcher.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a service's admin endpoints over HTTP, as an operator's tools would: {@code /health/ready} and
 * {@code /metrics}. The bearer token, when the services are guarded by ADMIN_TOKEN, is sent and never printed.
 */
public final class AdminClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String token;

    /** @param token the ADMIN_TOKEN, or null */
    public AdminClient(String token) {
        this.token = token == null || token.isBlank() ? null : token;
    }

    /** The answer of {@code GET <base>/health/ready}: its status code and JSON body. */
    public record Readiness(int status, JsonNode body) {
        public boolean ready() {
            return status == 200;
        }

        public String service() {
            return body.path("service").asText("?");
        }
    }

    public Readiness readiness(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = get(baseUrl, "/health/ready");
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(baseUrl + "/health/ready answered HTTP " + response.statusCode() + " without JSON", e);
        }
        return new Readiness(response.statusCode(), body);
    }

    public Scrape scrape(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = get(baseUrl, "/metrics");
        if (response.statusCode() != 200) {
            throw new IOException(baseUrl + "/metrics answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? " (set ADMIN_TOKEN to the services' token)" : ""));
        }
        return Scrape.parse(response.body());
    }

    /** The raw exposition text, for tools such as promtool. */
    public String metricsText(String baseUrl) throws IOException, InterruptedException {
        return get(baseUrl, "/metrics").body();
    }

    private HttpResponse<String> get(String baseUrl, String path) throws IOException, InterruptedException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
