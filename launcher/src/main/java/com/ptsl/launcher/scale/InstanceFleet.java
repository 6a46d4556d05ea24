package com.ptsl.launcher.scale;

import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.metrics.Scrape;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The instances of one service over the same topics and the same consumer group: {@code stream-processor-1..n}
 * (one Kafka Streams application id) or {@code erp-sink-1..n} (one consumer group).
 */
public final class InstanceFleet {

    private final String service;
    private final String groupId;
    private final List<ServiceInstance> instances;

    InstanceFleet(String service, String groupId, List<ServiceInstance> instances) {
        this.service = service;
        this.groupId = groupId;
        this.instances = List.copyOf(instances);
    }

    /** {@code stream-processor} or {@code erp-sink}. */
    public String service() {
        return service;
    }

    /** The consumer group every instance joins: the Streams application id, or SINK_GROUP_ID. */
    public String groupId() {
        return groupId;
    }

    public List<ServiceInstance> instances() {
        return instances;
    }

    /** The instances still running. */
    public List<ServiceInstance> live() {
        return instances.stream().filter(ServiceInstance::alive).toList();
    }

    /**
     * The service's figures as one scrape: every running instance's /metrics read now, plus each killed instance's
     * as read just before it was killed; counters and histogram buckets then sum over instances as PromQL's
     * {@code sum()} would. A killed instance's work after its last commit is done again by a survivor, so such work
     * is counted twice; the SL database, not these figures, is what the invariants check.
     */
    public Scrape figures(AdminClient http) throws IOException, InterruptedException {
        List<String> texts = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            if (instance.alive()) {
                texts.add(http.metricsText(instance.adminUrl()));
            } else if (instance.lastMetrics() != null) {
                texts.add(instance.lastMetrics());
            }
        }
        return Scrape.parse(String.join("\n", texts));
    }

    /** Throws, with the end of its log, if an instance that was not killed has exited. */
    void requireRunning() {
        for (ServiceInstance instance : instances) {
            if (!instance.alive() && !instance.killed()) {
                throw new IllegalStateException(instance.exitDescription());
            }
        }
    }

    /** SIGTERM to every instance at once, then waits for each (killing one that outstays {@code grace}). */
    void stop(Duration grace) {
        instances.forEach(ServiceInstance::requestStop);
        instances.forEach(i -> i.awaitStop(grace));
    }
}
