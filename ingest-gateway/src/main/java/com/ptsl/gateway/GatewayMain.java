package com.ptsl.gateway;

import com.ptsl.service.config.ConfigException;
import com.ptsl.service.config.Variable;

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
        } catch (ConfigException e) {
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
        try {
            service.start();
        } catch (RuntimeException e) {
            // Kafka unreachable at start, admin port taken: one line, then the shutdown hook closes what opened.
            System.err.println("ingest-gateway: could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    static String usage() {
        return "ingest-gateway: polls PayTrace (JSON API v1) and publishes PAN-scrubbed raw transaction records and\n"
                + "settlement batches to Kafka.\n"
                + "Serves /health/live, /health/ready and Prometheus /metrics on ADMIN_HOST:ADMIN_PORT.\n"
                + "Usage: java -cp ... com.ptsl.gateway.GatewayMain [--help]\n\n"
                + "Environment variables:\n" + Variable.help(GatewayConfig.VARIABLES);
    }
}
