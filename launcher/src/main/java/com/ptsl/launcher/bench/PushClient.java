package com.ptsl.launcher.bench;

import com.ptsl.gateway.push.PushSignature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A partner's sender of signed pushes to the gateway's {@code POST /v1/push/transactions}: the body is one export record
 * or a JSON array of them, signed at the moment it is sent ({@link PushSignature}, the contract's own signer). HTTP/1.1 over kept-alive connections, as
 * a server-to-server sender would; no HTTP/2 upgrade dance on plain HTTP.
 */
final class PushClient {

    /** An answer: 202 means every record of the request was acknowledged by Kafka. */
    record Answer(int status, String body, Duration retryAfter) {
        boolean accepted() {
            return status == 202;
        }

        boolean overloaded() {
            return status == 503;
        }
    }

    /** How long to wait before re-sending after a 503 that names no Retry-After (the contract always names one). */
    /** The gateway's signed-push endpoint. */
    static final String PATH = "/v1/push/transactions";
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final String secret;
    private final HttpClient http;

    PushClient(String pushUrl, String secret) {
        this.endpoint = URI.create(pushUrl.replaceAll("/+$", "") + PATH);
        this.secret = secret;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI endpoint() {
        return endpoint;
    }

    Answer send(byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(body), HttpResponse.BodyHandlers.ofString());
        return answer(response);
    }

    CompletableFuture<Answer> sendAsync(byte[] body) {
        return http.sendAsync(request(body), HttpResponse.BodyHandlers.ofString()).thenApply(PushClient::answer);
    }

    private HttpRequest request(byte[] body) {
        long now = Instant.now().getEpochSecond();
        return HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(PushSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(PushSignature.SIGNATURE_HEADER, PushSignature.header(secret, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body(), retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
    }

    /** Retry-After in seconds (the only form the gateway sends); anything unreadable means the default. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds <= 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(Math.min(seconds, 30));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    /** Why a request got no answer, for a failure row; a refused connection says that nothing listens there. */
    String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused at " + endpoint + ": nothing listens there (are the gateway's push receivers on?)";
        }
        return "cannot POST to " + endpoint + ": " + Failures.reason(e);
    }

    /** A short form of an answer for a failure row: status and the start of the body. */
    static String describe(Answer a) {
        String body = a.body() == null ? "" : a.body().strip();
        return "HTTP " + a.status() + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
    }
}
