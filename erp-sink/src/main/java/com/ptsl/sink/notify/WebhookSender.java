package com.ptsl.sink.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One signed POST of a result and what its answer means: 2xx delivered; 408, 429, any 5xx, a timeout or a connection
 * error worth retrying; anything else (a 4xx, a redirect) permanent, since sending the same body again cannot change
 * the answer.
 */
final class WebhookSender {

    static final String DELIVERY_HEADER = "X-PTSL-Delivery";
    private static final int REASON_BODY_CHARS = 300;

    /** The answer to one attempt; {@code retryAfter} only when the receiver asked for a wait (429/503 Retry-After, seconds). */
    record Attempt(Verdict verdict, String detail, Optional<Duration> retryAfter) {
    }

    enum Verdict { DELIVERED, RETRY, PERMANENT }

    private final HttpClient client;
    private final URI url;
    private final Duration timeout;
    private final WebhookSignature signature;
    private final Clock clock;

    WebhookSender(WebhookSettings settings, Clock clock) {
        this.url = settings.url();
        this.timeout = settings.timeout();
        this.signature = new WebhookSignature(settings.secret());
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POSTs {@code body}; {@code deliveryId} is the same for every attempt at the same result, so a receiver can dedupe. */
    Attempt post(byte[] body, String deliveryId) throws InterruptedException {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "ptsl-erp-sink")
                .header(DELIVERY_HEADER, deliveryId)
                .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            return new Attempt(Verdict.RETRY, e.getClass().getSimpleName() + message, Optional.empty());
        }
        int status = response.statusCode();
        String answer = "HTTP " + status + excerpt(response);
        if (status >= 200 && status < 300) {
            return new Attempt(Verdict.DELIVERED, answer, Optional.empty());
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Attempt(Verdict.RETRY, answer, retryAfter(response));
        }
        return new Attempt(Verdict.PERMANENT, answer, Optional.empty());
    }

    /** The start of the answer's body, for the dead letter's reason; the rest is not read. */
    private static String excerpt(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] head = in.readNBytes(REASON_BODY_CHARS);
            String text = new String(head, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "" : ": " + text;
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.strip());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: the backoff decides
            }
        });
    }
}
