package com.ptsl.launcher.review;

import com.ptsl.launcher.kafka.KafkaAccessException;
import com.ptsl.launcher.kafka.KafkaOptions;
import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ptsl review list}: the open review items, read straight from {@code payments.review} (from its beginning to
 * the end it had when the command started; the latest record per transaction is the item's state).
 */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the payments waiting for a person's decision (topic payments.review).",
                "%nPer item: transaction id, reason, status, SL customer ('unknown' when none was found), amount, "
                        + "what was posted on account for it, when it was raised (UTC), what must be decided, and the "
                        + "candidate invoices (RefNbr, available balance, why) indented under it; then totals by reason. "
                        + "The PayTrace record itself is never printed. The topic is read from its beginning to the end "
                        + "it had when the command started, with no consumer group and nothing committed; the latest "
                        + "record per transaction is the item's state.",
                "%nExit code: 0 listed (also when nothing is open); 2 bad option, Kafka unreachable or topic missing.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  ptsl review list",
                "  ptsl review list --reason UNMATCHED,OVERPAYMENT",
                "  ptsl review list --all --format json > review.json",
                "  ptsl review list --bootstrap-server kafka-1:9092",
                "  KAFKA_BOOTSTRAP_SERVERS=kafka-1:9092 ptsl review list"})
final class ReviewListCommand implements Callable<Integer> {

    enum Format { table, json }

    @Option(names = "--all", description = "Also show RESOLVED items (default: open items only).")
    boolean all;

    @Option(names = "--reason", paramLabel = "REASON", split = ",", converter = ReasonConverter.class,
            description = "Only items with this reason; repeatable or comma separated, any case. One of: "
                    + "UNKNOWN_CUSTOMER, UNMATCHED, OVERPAYMENT, UNDERPAYMENT, AMOUNT_MISMATCH, REJECTED_BY_SL, "
                    + "UNKNOWN_INVOICE, AMBIGUOUS_AMOUNT, DEADLINE_PASSED.")
    List<ReviewReason> reasons;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            description = "table (for people, with a totals line) or json (an array for scripts; money as "
                    + "strings with two decimals). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReviewQueue queue;
        try (KafkaTopicReader reader = kafka.reader(err)) {
            queue = new ReviewQueueReader(reader).read();
        } catch (KafkaAccessException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return 2;
        }
        List<ReviewItem> items = (all ? queue.all() : queue.open()).stream()
                .filter(i -> reasons == null || reasons.contains(i.getReason()))
                .toList();
        out.print(format == Format.json ? ReviewJson.render(items) : ReviewTable.render(items, all));
        out.flush();
        return 0;
    }

    static final class ReasonConverter implements ITypeConverter<ReviewReason> {
        @Override
        public ReviewReason convert(String value) {
            try {
                return ReviewReason.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a review reason; one of " + Arrays.toString(ReviewReason.values()));
            }
        }
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a format; one of table, json");
            }
        }
    }
}
