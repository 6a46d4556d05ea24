package com.ptsl.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

import java.util.regex.Pattern;

/**
 * Keeps every scrape clean under {@code promtool check metrics}, which CI runs on each service's live
 * {@code /metrics}. A few meters that Micrometer's binders derive from JVM and Kafka client metrics break
 * Prometheus' naming rules and cannot be fixed by renaming alone:
 * <ul>
 *   <li>names with an abbreviated unit ({@code process.cpu.time} in ns; Kafka's {@code io-time-ns-total},
 *       {@code bufferpool-wait-time-ns-total}, …): denied — the same information is in {@code process_cpu_usage}
 *       and Kafka's {@code *-ratio} metrics, in base units;</li>
 *   <li>a gauge named {@code *.count} ({@code system.cpu.count}): renamed, because Prometheus reserves the
 *       {@code _count} suffix for histograms and summaries;</li>
 *   <li>a meter without a description (some Kafka client metrics, e.g. {@code node-request-latency-avg}, have
 *       none upstream): given one naming its source, since promtool rejects a metric without HELP.</li>
 * </ul>
 */
final class PrometheusLint implements MeterFilter {

    /** A dot-separated token that is an abbreviated time unit. */
    private static final Pattern ABBREVIATED_UNIT = Pattern.compile("(^|\\.)(ns|us|ms)(\\.|$)");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return ABBREVIATED_UNIT.matcher(id.getName()).find() || "ns".equals(id.getBaseUnit())
                ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        Meter.Id mapped = id;
        if (id.getType() == Meter.Type.GAUGE && id.getName().endsWith(".count")) {
            mapped = id.withName(id.getName().substring(0, id.getName().length() - ".count".length()) + ".number");
        }
        if (mapped.getDescription() == null || mapped.getDescription().isBlank()) {
            mapped = new Meter.Id(mapped.getName(), Tags.of(mapped.getTagsAsIterable()), mapped.getBaseUnit(),
                    "'" + id.getName() + "' as its source reports it (no description given upstream)", mapped.getType());
        }
        return mapped;
    }
}
