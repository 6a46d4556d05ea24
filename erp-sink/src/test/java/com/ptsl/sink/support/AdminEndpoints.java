package com.ptsl.sink.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's /health and /metrics over real HTTP, as Prometheus and an orchestrator see them. */
public final class AdminEndpoints {

    /** One answer: the status code and the body. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The value of the sample written exactly as {@code series} (name plus labels as Prometheus prints them). */
        public OptionalDouble sample(String series) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
            return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // Readiness probes the database with a 2 s bound; leave room above it on a loaded machine.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AdminEndpoints(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer ready() {
        return get("/health/ready");
    }

    public Answer live() {
        return get("/health/live");
    }

    public Answer metrics() {
        return get("/metrics");
    }

    public Answer get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + baseUrl + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + baseUrl + path, e);
        }
    }
}
