package com.ptsl.launcher.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine a run measured, for the report (figures are only comparable on the same kind of machine). */
final class Machine {

    private Machine() {
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        long ram = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            ram = os.getTotalMemorySize();
        }
        return String.format(Locale.US, "%d cores, %,d MB RAM, Java %s (%s), -Xmx %,d MB, %s %s", rt.availableProcessors(),
                ram / (1024 * 1024), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                rt.maxMemory() / (1024 * 1024), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The machine as the report's first row, so the JSON file says what it was measured on. */
    static BenchRow row() {
        return BenchRow.measured("machine", cores(), "cores", null, describe());
    }
}
