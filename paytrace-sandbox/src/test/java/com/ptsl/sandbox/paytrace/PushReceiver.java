package com.ptsl.sandbox.paytrace;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver on 127.0.0.1 for the sandbox's push hooks: records every request and answers with scripted
 * statuses (then 202). Can hold requests at a gate, to show that nobody waits for it.
 */
final class PushReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private final AtomicInteger holding = new AtomicInteger();
    private volatile int thenAnswer = 202;
    private volatile String retryAfter;
    private volatile CountDownLatch gate;

    PushReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next answers, in order; afterwards {@link #thenAnswer}. */
    synchronized PushReceiver answer(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    PushReceiver thenAlwaysAnswer(int status) {
        thenAnswer = status;
        return this;
    }

    PushReceiver withRetryAfter(String seconds) {
        retryAfter = seconds;
        return this;
    }

    /** Holds every request until {@link #open()}. */
    PushReceiver holdRequests() {
        gate = new CountDownLatch(1);
        return this;
    }

    void open() {
        CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
    }

    /** Requests held at the gate right now. */
    int holding() {
        return holding.get();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        pool.shutdownNow();
    }

    /** {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, computed here independently of the sandbox. */
    static String expectedSignature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = new byte[timestamp.length() + 1 + body.length];
            byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
            System.arraycopy(prefix, 0, signed, 0, prefix.length);
            System.arraycopy(body, 0, signed, prefix.length, body.length);
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        CountDownLatch g = gate;
        if (g != null) {
            holding.incrementAndGet();
            try {
                g.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                holding.decrementAndGet();
            }
        }
        int status;
        synchronized (this) {
            status = script.isEmpty() ? thenAnswer : script.poll();
        }
        if (retryAfter != null && status == 503) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] reply = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }
}
