package com.ptsl.gateway;

import com.ptsl.gateway.push.PushSignature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A push sender over real HTTP: signs bodies as a partner would, and posts Silent Posts as PayTrace does. */
final class PushClient {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final String secret;
    private final Clock clock;

    PushClient(String baseUrl, String secret, Clock clock) {
        this.baseUrl = baseUrl;
        this.secret = secret;
        this.clock = clock;
    }

    /** POST /v1/push/transactions, signed now with the current secret. */
    HttpResponse<String> push(String json) {
        return push(json.getBytes(StandardCharsets.UTF_8), secret, clock.instant().getEpochSecond());
    }

    HttpResponse<String> push(byte[] body, String signingSecret, long epochSeconds) {
        return send("/v1/push/transactions", "application/json", body, Map.of(
                PushSignature.TIMESTAMP_HEADER, Long.toString(epochSeconds),
                PushSignature.SIGNATURE_HEADER, PushSignature.header(signingSecret, epochSeconds, body)));
    }

    /** Signature headers for {@code body}, signed now. */
    Map<String, String> signatureFor(byte[] body) {
        long ts = clock.instant().getEpochSecond();
        return Map.of(PushSignature.TIMESTAMP_HEADER, Long.toString(ts),
                PushSignature.SIGNATURE_HEADER, PushSignature.header(secret, ts, body));
    }

    /** POST /v1/push/silent-post with {@code parmList} form-encoded, as PayTrace's Secure Checkout sends it. */
    HttpResponse<String> silentPost(String parmList) {
        byte[] form = ("parmList=" + URLEncoder.encode(parmList, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return send("/v1/push/silent-post", "application/x-www-form-urlencoded", form, Map.of());
    }

    /** Any request; {@code contentType} null sends none. */
    HttpResponse<String> send(String path, String contentType, byte[] body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                contentType, headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String contentType, Map<String, String> headers) {
        request.timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }
}
