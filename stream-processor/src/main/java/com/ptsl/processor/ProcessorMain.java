package com.ptsl.processor;

import org.apache.kafka.streams.KafkaStreams;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** Runs the stream processor until SIGTERM: configured from the environment, {@code --help} lists the variables. */
public final class ProcessorMain {

    private ProcessorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println("ptsl stream-processor: PayTrace raw records to Dynamics SL commands (Kafka Streams, exactly once)");
            System.out.println();
            System.out.print(ProcessorConfig.help());
            return;
        }
        ProcessorConfig config;
        try {
            config = ProcessorConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        ProcessorService service = new ProcessorService(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "processor-shutdown"));
        // ERROR means every thread gave up; exiting lets the supervisor restart the process.
        service.onStateChange((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        service.start();
        stopped.await();
        if (service.state() == KafkaStreams.State.ERROR) {
            service.close();
            System.exit(1);
        }
    }
}
