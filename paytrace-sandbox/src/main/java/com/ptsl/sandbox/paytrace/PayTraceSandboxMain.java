package com.ptsl.sandbox.paytrace;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Runs a sandbox until the JVM is stopped (Ctrl-C), for manual work against a fixed port. */
public final class PayTraceSandboxMain {

    static final int DEFAULT_PORT = 8091;

    private PayTraceSandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                usage(System.out);
                return;
            }
            System.err.println("Unknown argument: " + arg);
            usage(System.err);
            System.exit(2);
        }
        SandboxConfig config;
        Optional<Duration> settleEvery;
        try {
            config = configFrom(System.getenv());
            settleEvery = settleIntervalFrom(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        PayTraceSandbox sandbox = PayTraceSandbox.start(config);
        settleEvery.ifPresent(sandbox::startSettlementSchedule);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "paytrace-sandbox-shutdown"));
        System.out.println(sandbox.baseUrl());
        System.out.println("API user: " + config.username() + "  (merchant zone " + config.merchantZone() + ")");
        System.out.println(settleEvery.map(d -> "Settles every " + d.toSeconds() + " s")
                .orElse("Settles on POST " + PayTraceSandbox.SETTLE + " only"));
        if (config.silentPostEnabled()) {
            System.out.println("Silent Post of every sale/authorization to " + config.silentPostUrl());
        }
        if (config.pushEnabled()) {
            System.out.println("Signed push of every sale/authorization to " + config.pushUrl());
        }
        stopped.await();
    }

    static SandboxConfig configFrom(Map<String, String> env) {
        SandboxConfig config = SandboxConfig.defaults().withPort(DEFAULT_PORT);
        String port = env.get("PAYTRACE_SANDBOX_PORT");
        if (port != null && !port.isBlank()) {
            try {
                config = config.withPort(Integer.parseInt(port.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PAYTRACE_SANDBOX_PORT is not a number: " + port);
            }
        }
        String user = env.get("PAYTRACE_SANDBOX_USERNAME");
        if (user != null && !user.isBlank()) {
            config = config.withUsername(user);
        }
        String password = env.get("PAYTRACE_SANDBOX_PASSWORD");
        if (password != null && !password.isBlank()) {
            config = config.withPassword(password);
        }
        String zone = env.get("PAYTRACE_SANDBOX_ZONE");
        if (zone != null && !zone.isBlank()) {
            config = config.withMerchantZone(ZoneId.of(zone.trim()));
        }
        String lifetime = env.get("PAYTRACE_SANDBOX_TOKEN_SECONDS");
        if (lifetime != null && !lifetime.isBlank()) {
            config = config.withTokenLifetime(Duration.ofSeconds(Long.parseLong(lifetime.trim())));
        }
        String firstBatch = env.get("PAYTRACE_SANDBOX_FIRST_BATCH");
        if (firstBatch != null && !firstBatch.isBlank()) {
            try {
                config = config.withFirstBatchNumber(Integer.parseInt(firstBatch.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PAYTRACE_SANDBOX_FIRST_BATCH is not a number: " + firstBatch);
            }
        }
        URI silentPost = url(env, "PAYTRACE_SANDBOX_SILENT_POST_URL");
        if (silentPost != null) {
            config = config.withSilentPostUrl(silentPost);
        }
        URI push = url(env, "PAYTRACE_SANDBOX_PUSH_URL");
        String secret = env.get("PAYTRACE_SANDBOX_PUSH_SECRET");
        boolean hasSecret = secret != null && !secret.isBlank();
        if (push != null || hasSecret) {
            if (push == null || !hasSecret) {
                throw new IllegalArgumentException("PAYTRACE_SANDBOX_PUSH_URL and PAYTRACE_SANDBOX_PUSH_SECRET go together");
            }
            config = config.withPush(push, secret);
        }
        return config;
    }

    private static URI url(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + value);
        }
    }

    /** {@code PAYTRACE_SANDBOX_SETTLE_SECONDS}: a cut-off every that many seconds; unset = only on request. */
    static Optional<Duration> settleIntervalFrom(Map<String, String> env) {
        String seconds = env.get("PAYTRACE_SANDBOX_SETTLE_SECONDS");
        if (seconds == null || seconds.isBlank()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value < 1) {
                throw new IllegalArgumentException("PAYTRACE_SANDBOX_SETTLE_SECONDS must be at least 1: " + seconds);
            }
            return Optional.of(Duration.ofSeconds(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PAYTRACE_SANDBOX_SETTLE_SECONDS is not a number: " + seconds);
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: PayTraceSandboxMain [--help]");
        out.println();
        out.println("Runs a PayTrace JSON API v1 simulator on 127.0.0.1 and prints its base URL.");
        out.println("Endpoints (all POST): /oauth/token, /v1/ping,");
        out.println("  /v1/transactions/sale/{keyed,by_customer}, /v1/transactions/authorization/{keyed,by_customer,capture},");
        out.println("  /v1/transactions/void, /v1/transactions/refund/{for_transaction,keyed},");
        out.println("  /v1/transactions/export/{by_date_range,by_id}, /v1/customer/create,");
        out.println("  /v1/batches/{export,export_one,transaction_list}");
        out.println("  " + PayTraceSandbox.SETTLE + "  (not PayTrace's: a settlement cut-off now; bearer token needed)");
        out.println();
        out.println("Environment:");
        out.println("  PAYTRACE_SANDBOX_PORT           port (default " + DEFAULT_PORT + ", 0 = any free port)");
        out.println("  PAYTRACE_SANDBOX_USERNAME       API user (default sandbox-api-user)");
        out.println("  PAYTRACE_SANDBOX_PASSWORD       API password (default sandbox-api-password)");
        out.println("  PAYTRACE_SANDBOX_ZONE           merchant time zone (default America/Los_Angeles)");
        out.println("  PAYTRACE_SANDBOX_TOKEN_SECONDS  access token lifetime (default 7200)");
        out.println("  PAYTRACE_SANDBOX_SETTLE_SECONDS settle every that many seconds (default: only on request)");
        out.println("  PAYTRACE_SANDBOX_FIRST_BATCH    number of the first settlement batch (default 1)");
        out.println("  PAYTRACE_SANDBOX_SILENT_POST_URL  Silent Post (form parmList) after each sale/authorization");
        out.println("                                  (default: off), e.g. http://127.0.0.1:8090/v1/push/silent-post");
        out.println("  PAYTRACE_SANDBOX_PUSH_URL       signed JSON push of each sale/authorization's export record, as a");
        out.println("                                  partner would (not PayTrace's; default: off),");
        out.println("                                  e.g. http://127.0.0.1:8090/v1/push/transactions");
        out.println("  PAYTRACE_SANDBOX_PUSH_SECRET    HMAC-SHA256 secret of that push (required with the URL, never printed)");
        out.println();
        out.println("Test data: amount 1.12 declines (102); csc 999 approves then auto-voids (103);");
        out.println("           uncaptured authorizations expire at the first cut-off 7 days after them.");
    }
}
