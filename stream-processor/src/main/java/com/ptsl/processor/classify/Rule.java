package com.ptsl.processor.classify;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * One row of the classifier's table: patterns over the record's fields (upper-cased and trimmed) and the
 * kind it means. Each pattern also offers an example value it matches, so a test can build, for every row,
 * a record that only that row and the rows above it could claim.
 *
 * @param spec         what the row says, as a sentence (and the name of its spec test)
 * @param type         transaction_type
 * @param status       status_code
 * @param message      status_message
 * @param extraField   a further field the row looks at, or NONE
 * @param extra        the pattern for {@code extraField}
 * @param responseCode the record's own response_code the row requires, or null for any (usually absent in exports)
 * @param sign         the amount's sign
 */
public record Rule(String spec, Text type, Text status, Text message, Field extraField, Text extra, Integer responseCode,
                   Sign sign, TransactionKind kind) {

    /** The optional further field a row may look at. */
    public enum Field { NONE, APPROVAL_MESSAGE, CSC_RESPONSE }

    /** The amount's sign a row requires. */
    public enum Sign {
        ANY_SIGN, NEGATIVE, POSITIVE, NONZERO;

        boolean matches(int signum) {
            return switch (this) {
                case ANY_SIGN -> true;
                case NEGATIVE -> signum < 0;
                case POSITIVE -> signum > 0;
                case NONZERO -> signum != 0;
            };
        }

        /** An amount sign this accepts. */
        public int example() {
            return this == NEGATIVE ? -1 : 1;
        }
    }

    /** A pattern over one upper-cased, trimmed text field. */
    public record Text(String describe, Predicate<String> test, String example) {
        public static final Text ANY = new Text("*", s -> true, "");

        public static Text is(String... values) {
            return is(List.of(values));
        }

        public static Text is(List<String> values) {
            return new Text(String.join("|", values), values::contains, values.get(0));
        }

        public static Text contains(String... parts) {
            List<String> all = List.of(parts);
            return new Text("~" + String.join("|~", all), s -> all.stream().anyMatch(s::contains), parts[0]);
        }

        /** GB&lt;batch#&gt;, or any code that says Settled (moqui's reading of the detail record schema). */
        public static Text settled() {
            return new Text("GB<n>|~SETTLED", s -> s.startsWith("GB") || s.contains("SETTLED"), "GB571");
        }

        boolean matches(String value) {
            return test.test(value);
        }

        @Override
        public String toString() {
            return describe;
        }
    }

    /** The record's fields the rows look at, normalised once. */
    record Facts(String type, String status, String message, String approvalMessage, String cscResponse, OptionalInt responseCode,
                 int sign) {
    }

    public Rule {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kind, "kind");
    }

    boolean matches(Facts f) {
        if (responseCode != null && (f.responseCode().isEmpty() || f.responseCode().getAsInt() != responseCode)) {
            return false;
        }
        String extraValue = switch (extraField) {
            case NONE -> "";
            case APPROVAL_MESSAGE -> f.approvalMessage();
            case CSC_RESPONSE -> f.cscResponse();
        };
        return type.matches(f.type()) && status.matches(f.status()) && message.matches(f.message())
                && (extraField == Field.NONE || extra.matches(extraValue)) && sign.matches(f.sign());
    }

    /** The row as a line of the table in docs/architecture.md. */
    @Override
    public String toString() {
        return "| " + type + " | " + status + " | " + message + " | "
                + (extraField == Field.NONE ? "" : extraField.name().toLowerCase(Locale.ROOT) + " " + extra) + " | "
                + (responseCode == null ? "" : responseCode) + " | " + sign.name().toLowerCase(Locale.ROOT) + " | " + kind + " |";
    }
}
