package com.ptsl.launcher.reconcile;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The heap while one phase runs: the highest used heap seen (sampled every 10 ms from a daemon thread), the sum of the
 * heap pools' own peak counters since {@link #start()} (an upper bound: the pools need not peak together), and the
 * collections the phase caused.
 */
final class HeapWatch implements AutoCloseable {

    /** What was seen. */
    record Seen(long sampledPeakBytes, long poolPeakBytes, long collections, long collectionMillis) {
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private volatile boolean running;
    private volatile long peak;
    private long collectionsBefore;
    private long collectionMillisBefore;
    private Thread sampler;

    HeapWatch start() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        collectionsBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        collectionMillisBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        peak = memory.getHeapMemoryUsage().getUsed();
        running = true;
        sampler = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(10); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
        return this;
    }

    Seen stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long pools = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long collections = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - collectionsBefore;
        long millis = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - collectionMillisBefore;
        return new Seen(Math.max(peak, memory.getHeapMemoryUsage().getUsed()), pools, collections, millis);
    }

    /** Used heap after asking for a full collection: what the process holds before a phase starts. */
    static long settledHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }
}
