package com.ptsl.sink.notify;

import com.ptsl.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The webhook's meters, in the sink's registry: {@code ptsl.sink.webhook.deliveries{outcome}} with three values
 * (delivered, retried: an attempt that will be tried again, dead_lettered) and the time of each POST. Only the outcome
 * is a label: no URL, status code or commandId, so the series stay bounded.
 */
public final class WebhookMetrics {

    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private final Timer request;

    public WebhookMetrics(MeterRegistry registry) {
        delivered = deliveries(registry, "delivered");
        retried = deliveries(registry, "retried");
        deadLettered = deliveries(registry, "dead_lettered");
        request = ServiceMetrics.latencyTimer(registry, "ptsl.sink.webhook.request",
                "one POST of a result to SINK_WEBHOOK_URL, whatever its answer (timeouts included)");
    }

    private static Counter deliveries(MeterRegistry registry, String outcome) {
        return Counter.builder("ptsl.sink.webhook.deliveries")
                .description("results POSTed to the webhook, by outcome: delivered (2xx), retried (an attempt answered 5xx, 408, 429 "
                        + "or not at all, tried again), dead_lettered (a permanent 4xx, or no 2xx after SINK_WEBHOOK_MAX_ATTEMPTS; "
                        + "sent to erp.results.webhook.dlq)")
                .tag("outcome", outcome)
                .register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void retried() {
        retried.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void request(long nanos) {
        request.record(nanos, TimeUnit.NANOSECONDS);
    }

    public long deliveredCount() {
        return (long) delivered.count();
    }

    public long retriedCount() {
        return (long) retried.count();
    }

    public long deadLetteredCount() {
        return (long) deadLettered.count();
    }
}
