package com.ptsl.gateway;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** Runs the ingest gateway until SIGTERM/SIGINT. Configuration comes only from the environment. */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("ingest-gateway: " + e.getMessage());
            System.err.println("Run with --help for the list of variables.");
            System.exit(2);
            return;
        }
        GatewayService service = new GatewayService(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "ingest-gateway-shutdown"));
        service.start();
        stopped.await();
    }

    static String usage() {
        return "ingest-gateway: polls PayTrace (JSON API v1) and publishes PAN-scrubbed raw transaction records to Kafka.\n"
                + "Usage: java -cp ... com.ptsl.gateway.GatewayMain [--help]\n\n"
                + "Environment variables:\n" + GatewayConfig.describeVariables();
    }
}
