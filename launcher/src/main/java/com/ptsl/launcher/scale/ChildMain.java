package com.ptsl.launcher.scale;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The entry point of a service instance the launcher starts as a child JVM: {@code ChildMain <main class> [args]}
 * runs that service's own main ({@code ProcessorMain}, {@code SinkMain}) unchanged, and exits (running the
 * service's shutdown hook, as on SIGTERM) as soon as the launcher is gone. The launcher's shutdown hook stops its
 * children on Ctrl-C and on a normal exit; this covers the case no hook sees, the launcher itself being killed, so
 * that no instance is ever left consuming behind it.
 */
public final class ChildMain {

    /** The only mains a child may run: the two services that scale out. */
    static final String PROCESSOR_MAIN = "com.ptsl.processor.ProcessorMain";
    static final String SINK_MAIN = "com.ptsl.sink.SinkMain";
    /** How long the service's own shutdown hook gets once the launcher is gone. */
    private static final long STOP_GRACE_MILLIS = 20_000;

    private ChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0 || !(args[0].equals(PROCESSOR_MAIN) || args[0].equals(SINK_MAIN))) {
            System.err.println("usage: ChildMain " + PROCESSOR_MAIN + "|" + SINK_MAIN + " [args]");
            System.exit(2);
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("the launcher that started this instance is gone; not starting");
            System.exit(1);
            return;
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("the launcher (pid " + parent.get().pid() + ") exited; stopping");
            // The launcher took the embedded brokers and SL with it, so a clean close may wait for them forever.
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(STOP_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.println("did not stop within " + STOP_GRACE_MILLIS / 1000 + " s; halting");
                Runtime.getRuntime().halt(1);
            }, "orphan-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(1);
        });
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
