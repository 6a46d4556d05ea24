package com.ptsl.launcher.review;

import com.ptsl.launcher.kafka.KafkaAccessException;
import com.ptsl.launcher.kafka.KafkaOptions;
import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.launcher.review.ValidatedResolution.Allocation;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.ReviewStatus;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static com.ptsl.launcher.review.Formats.money;

/**
 * {@code ptsl review resolve}: a person's decision on one open review item, checked against the queue and SL's
 * invoices and customers, then written as one {@code ReviewResolution} for the stream processor to carry out.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Resolve one open review item: write one decision for the stream processor to carry out.",
                "%nThe decision goes to payments.review.resolutions, keyed by transaction id. Give exactly one of "
                        + "--apply, --on-account or --ignore. Everything is checked first against payments.review, "
                        + "sl.invoices and sl.customers; when a check fails the command names the input at fault, "
                        + "writes nothing and exits 2. The decision is signed with the operating-system user running "
                        + "the command.",
                "%nExit code: 0 written (and, with --wait, RESOLVED); 1 the write was not confirmed, or the item "
                        + "was not RESOLVED within --wait; 2 bad input, Kafka unreachable or a topic missing "
                        + "(nothing written).%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  Pay invoice 0000010001 (leading zeros may be left out):",
                "    ptsl review resolve 1000123 --apply 10001",
                "  Split a payment over two invoices with amounts:",
                "    ptsl review resolve 1000123 --apply 10001:60.00,10002:40.00 \\",
                "        --note \"remittance advice\"",
                "  Keep a payment of an unknown customer as unapplied cash of C00042:",
                "    ptsl review resolve 1000124 --on-account --customer C00042",
                "  Close an item without posting, and wait until the processor has:",
                "    ptsl review resolve 1000125 --ignore --note \"test charge\" --wait 30"})
final class ReviewResolveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRANSACTION_ID",
            description = "The PayTrace transaction id of the review item (first column of 'ptsl review list').")
    String transactionId;

    @Option(names = "--apply", paramLabel = "INVOICE[:AMOUNT]", split = ",",
            description = "Apply the payment to these open, released SL invoices of the payment's customer "
                    + "(RefNbr with or without SL's leading zeros: 10001 = 0000010001). Without amounts the payment "
                    + "goes to them oldest first, each up to its available balance (DocBal less unreleased "
                    + "applications), the rest staying on account; every listed invoice must get something. "
                    + "An AMOUNT (like 125.50, a dot for decimals) must fit the invoice's available balance, and all "
                    + "amounts together what the payment can still apply (what was posted on account for it, else "
                    + "its amount). For a payment of unknown customer the invoices must all be one customer's.")
    List<String> apply;

    @Option(names = "--on-account", description = "Post, or leave, the payment as unapplied cash of its customer.")
    boolean onAccount;

    @Option(names = "--customer", paramLabel = "CUSTID",
            description = "With --on-account, for a payment whose customer is unknown (required then): the SL "
                    + "CustId to hold the cash; it must be in sl.customers.")
    String customer;

    @Option(names = "--ignore", description = "Post nothing more and close the item (e.g. a test charge, or settled by hand in SL).")
    boolean ignore;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for whoever reads the decision later.")
    String note;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "After writing, wait up to this long for the item to turn RESOLVED on payments.review "
                    + "and show its final state (default: ${DEFAULT-VALUE}, do not wait).")
    int waitSeconds;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    ReviewResolveCommand() {
        this(Clock.systemUTC());
    }

    ReviewResolveCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return resolve(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int resolve(PrintWriter out, PrintWriter err) {
        if (waitSeconds < 0) {
            return fail(err, "--wait " + waitSeconds + ": give seconds, 0 or more");
        }
        ResolutionRequest request = new ResolutionRequest(transactionId, apply, onAccount, customer, ignore, note);
        ResolutionValidator validator = new ResolutionValidator(clock, System.getProperty("user.name"));
        try {
            validator.checkOptions(request); // before connecting: a typo needs no broker
        } catch (ResolutionRejected e) {
            return fail(err, e.getMessage());
        }
        try (KafkaTopicReader reader = kafka.reader(err)) {
            ValidatedResolution checked;
            ReviewQueueReader queueReader = new ReviewQueueReader(reader);
            ReviewQueue queue;
            try {
                reader.partitions(Topics.REVIEW_RESOLUTIONS); // where it will go must exist before anything is decided
                queue = queueReader.read();
                InvoiceCatalog catalog = new InvoiceCatalogReader(reader).read(request.apply() != null, request.customer() != null);
                checked = validator.validate(request, queue.item(transactionId.strip()).orElse(null), catalog);
            } catch (KafkaAccessException | ResolutionRejected e) {
                return fail(err, e.getMessage());
            }

            RecordMetadata written;
            try (ResolutionWriter writer = new ResolutionWriter(kafka.bootstrapServers, kafka.timeout())) {
                written = writer.write(checked.resolution());
            } catch (KafkaAccessException e) {
                err.println("Error: " + e.getMessage());
                return 1;
            }
            printWritten(out, checked, written);
            checked.warnings().forEach(w -> err.println("Note: " + w));
            return waitSeconds == 0 ? 0 : awaitResolved(out, err, queueReader, queue, checked.resolution());
        }
    }

    private int awaitResolved(PrintWriter out, PrintWriter err, ReviewQueueReader queueReader, ReviewQueue queue,
                              ReviewResolution resolution) {
        String id = resolution.getTransactionId();
        err.printf("Waiting up to %d s for %s to turn RESOLVED on payments.review ...%n", waitSeconds, id);
        err.flush();
        Optional<ReviewItem> latest = queueReader.awaitResolved(queue, id, Duration.ofSeconds(waitSeconds));
        ReviewItem item = latest.orElseGet(() -> queue.item(id).orElseThrow());
        out.println();
        out.print(ReviewTable.rows(List.of(item)));
        if (item.getStatus() == ReviewStatus.RESOLVED) {
            out.println(id + " is RESOLVED.");
            return 0;
        }
        err.printf("Error: %s is still %s after %d s; the resolution is written, the stream processor has not acted on it"
                + " yet (is it running? see: ptsl status)%n", id, item.getStatus(), waitSeconds);
        return 1;
    }

    private static void printWritten(PrintWriter out, ValidatedResolution checked, RecordMetadata written) {
        ReviewResolution r = checked.resolution();
        out.printf("Wrote resolution of %s to %s (partition %d, offset %d):%n", r.getTransactionId(), written.topic(),
                written.partition(), written.offset());
        out.printf("  action       %s%n", r.getAction());
        out.printf("  customer     %s%n", r.getCustId() == null ? "unknown" : r.getCustId());
        if (!r.getInvoices().isEmpty()) {
            out.printf("  invoices     %s%n", String.join(", ", r.getInvoices()));
        }
        out.printf("  resolved by  %s%n", r.getResolvedBy());
        out.printf("  resolved at  %s%n", Formats.instant(r.getResolvedAt()));
        if (!r.getNote().isEmpty()) {
            out.printf("  note         %s%n", Formats.oneLine(r.getNote()));
        }
        if (checked.allocations().isEmpty()) {
            return;
        }
        out.printf("Expected application of the %s the payment can still apply:%n", money(checked.capacity()));
        int refWidth = checked.allocations().stream().mapToInt(a -> a.invoice().getRefNbr().length()).max().orElse(0);
        int moneyWidth = checked.allocations().stream()
                .mapToInt(a -> Math.max(money(a.available()).length(), money(a.amount()).length())).max().orElse(0);
        String line = "  %-" + refWidth + "s  available %" + moneyWidth + "s  gets %" + moneyWidth + "s%s%n";
        for (Allocation a : checked.allocations()) {
            out.printf(line, a.invoice().getRefNbr(), money(a.available()), money(a.amount()), a.explicit() ? "" : "  (oldest first)");
        }
        out.printf("  stays on account %s%n", money(checked.leftOnAccount()));
    }

    private static int fail(PrintWriter err, String message) {
        err.println("Error: " + message);
        return 2;
    }
}
