package com.ptsl.sink;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** Runs erp-sink as a process: configuration from the environment, stop on SIGTERM. */
public final class SinkMain {

    private SinkMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(SinkConfig.help());
            return;
        }
        SinkConfig config;
        try {
            config = SinkConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("erp-sink: " + e.getMessage() + "\n\n" + SinkConfig.help());
            System.exit(2);
            return;
        }
        SinkService service = new SinkService(config);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            done.countDown();
        }, "erp-sink-shutdown"));
        try {
            service.start();
        } catch (IllegalStateException e) {
            // Typically the admin port is taken: say so in one line rather than a stack trace.
            System.err.println("erp-sink: " + e.getMessage());
            System.exit(1);
        }
        done.await();
    }
}
