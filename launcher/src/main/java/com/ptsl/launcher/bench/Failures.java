package com.ptsl.launcher.bench;

/** The reason a stage failed, in one line for its row: the exception and, where different, its root cause. */
final class Failures {

    private Failures() {
    }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = describe(e);
        return root == e ? top : top + " (cause: " + describe(root) + ")";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
        text = text.replaceAll("\\s+", " ");
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
