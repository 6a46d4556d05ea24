package com.ptsl.launcher.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress line of a run, on stderr so stdout keeps only the table and the path:
 * {@code [bench 2/5 push-ingest +63.2 s] 40,000 records acked (21,300 records/s)}.
 */
public final class BenchProgress {

    private final PrintWriter err;
    private final long startNanos = System.nanoTime();
    private final int stages;
    private volatile int index;
    private volatile String stage = "setup";

    public BenchProgress(PrintWriter err, int stages) {
        this.err = err;
        this.stages = stages;
    }

    /** Moves the line on to stage {@code name}, the {@code index}-th of the run (from 1). */
    public void stage(int index, String name) {
        this.index = index;
        this.stage = name;
        line("started");
    }

    public void line(String text) {
        String prefix = index == 0 ? "[bench" : "[bench " + index + "/" + stages + " " + stage;
        synchronized (err) {
            err.println(String.format(Locale.US, "%s +%.1f s] %s", prefix, elapsedSeconds(), text));
            err.flush();
        }
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
