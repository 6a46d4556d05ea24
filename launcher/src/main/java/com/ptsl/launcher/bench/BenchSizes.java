package com.ptsl.launcher.bench;

import java.util.List;

/**
 * How much each stage does. {@link #full()} is sized so the whole run takes a few minutes on a 2-core machine with every
 * figure measured over many seconds; {@link #quick()} is a smoke run of about a minute.
 *
 * @param rawRecords    ProducerPerformance's records (ConsumerPerformance reads them back)
 * @param pushRecords   records pushed to the gateway at full speed
 * @param pushBatch     records per push request
 * @param pushSenders   concurrent push senders
 * @param streamsEvents raw events through the Streams probe
 * @param sinkCommands  ERP commands through the sink probe
 * @param e2eSeconds    seconds of traffic per end-to-end rate
 * @param e2eRates      the fixed end-to-end rates, events/s
 * @param e2eSenders    sender threads of the end-to-end pushes
 */
public record BenchSizes(int rawRecords, int pushRecords, int pushBatch, int pushSenders, int streamsEvents, int sinkCommands,
                         double e2eSeconds, List<Integer> e2eRates, int e2eSenders) {

    public static final List<Integer> RATES = List.of(100, 500, 1_000);

    public BenchSizes {
        e2eRates = List.copyOf(e2eRates);
        positive("raw records", rawRecords);
        positive("push records", pushRecords);
        positive("push batch", pushBatch);
        positive("push senders", pushSenders);
        positive("streams events", streamsEvents);
        positive("sink commands", sinkCommands);
        positive("e2e senders", e2eSenders);
        if (!(e2eSeconds > 0)) {
            throw new IllegalArgumentException("e2e seconds must be positive, was " + e2eSeconds);
        }
        if (e2eRates.isEmpty()) {
            throw new IllegalArgumentException("give at least one e2e rate");
        }
        for (int rate : e2eRates) {
            positive("e2e rate", rate);
        }
        if (pushBatch > 500) {
            throw new IllegalArgumentException("push batch must be at most 500 (the gateway's GATEWAY_PUSH_MAX_EVENTS), was " + pushBatch);
        }
    }

    public static BenchSizes full() {
        return new BenchSizes(300_000, 100_000, 100, 8, 100_000, 50_000, 15, RATES, 4);
    }

    public static BenchSizes quick() {
        return new BenchSizes(20_000, 5_000, 100, 4, 5_000, 2_000, 3, RATES, 4);
    }

    private static void positive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be positive, was " + n);
        }
    }
}
