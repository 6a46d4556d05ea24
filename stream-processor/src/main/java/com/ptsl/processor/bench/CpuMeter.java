package com.ptsl.processor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent while a run is timed: by the application's own threads (stream threads and their clients, named
 * after the application id) and by the whole process (which, under {@code ptsl bench}, holds the broker too). On a
 * shared machine events/s moves with the neighbours' load; CPU per event does much less, so both are reported.
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String threadNamePart;
    private final Map<Long, Long> startByThread = new HashMap<>();
    private final long processStart;

    private CpuMeter(String threadNamePart) {
        this.threadNamePart = threadNamePart;
        this.processStart = processCpuNanos();
        forEachThread((id, cpu) -> startByThread.put(id, cpu));
    }

    static CpuMeter start(String threadNamePart) {
        return new CpuMeter(threadNamePart);
    }

    /** The application's threads' CPU since start, ns (threads started since count from zero). */
    long applicationNanos() {
        long[] total = {0};
        forEachThread((id, cpu) -> total[0] += cpu - startByThread.getOrDefault(id, 0L));
        return total[0];
    }

    /** The whole process's CPU since start, ns; -1 when the JVM does not say. */
    long processNanos() {
        long now = processCpuNanos();
        return now < 0 || processStart < 0 ? -1 : now - processStart;
    }

    private void forEachThread(java.util.function.BiConsumer<Long, Long> out) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return;
        }
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            ThreadInfo info = infos[i];
            if (info != null && info.getThreadName().contains(threadNamePart)) {
                long cpu = THREADS.getThreadCpuTime(ids[i]);
                if (cpu >= 0) {
                    out.accept(ids[i], cpu);
                }
            }
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
