package com.ptsl.processor.errors;

import java.util.regex.Pattern;

/**
 * Removes card-number-like digit runs (13 to 19 digits) from text this service writes itself:
 * reasons, review details, log lines. The gateway already scrubs PANs from the records; this keeps
 * a mistake upstream from reaching Kafka or the logs through an error message that quotes a field.
 * PayTrace transaction ids (9 digits) and amounts are far shorter and pass untouched.
 */
public final class Redaction {

    private static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)\\d{13,19}(?!\\d)");

    private Redaction() {
    }

    public static String digitRuns(String text) {
        return text == null ? null : DIGIT_RUN.matcher(text).replaceAll("[redacted]");
    }
}
