package com.ptsl.reconciler;

import com.ptsl.reconciler.compare.DepositComparer;
import com.ptsl.reconciler.compare.RedriveNeed;
import com.ptsl.reconciler.compare.StrayDocuments;
import com.ptsl.reconciler.compare.Totals;
import com.ptsl.reconciler.compare.TransactionCategoriser;
import com.ptsl.reconciler.log.BatchFold;
import com.ptsl.reconciler.log.CommandIndex;
import com.ptsl.reconciler.log.KafkaCheck;
import com.ptsl.reconciler.log.ReviewIndex;
import com.ptsl.reconciler.log.TransactionFold;
import com.ptsl.reconciler.log.WindowReader;
import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.SettlementBatch;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.reconciler.redrive.Redriver;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.RedriveLine;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.report.Sources;
import com.ptsl.reconciler.report.Total;
import com.ptsl.reconciler.report.Window;
import com.ptsl.reconciler.sl.SlAccess;
import com.ptsl.reconciler.sl.SlReader;
import com.ptsl.schemas.Topics;
import java.util.EnumMap;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One run of the reconciler, phase by phase: check Kafka; read the window of paytrace.transactions.raw and
 * paytrace.batches.raw (folded to their final state), erp.commands from the look-back on, payments.review whole; read
 * SL; compare; re-drive if asked; build the report. Any read that fails throws, so no partial report is ever built.
 */
final class Reconciliation {

    /** How long a broker or the database may take to answer before the run gives up with a clear message. */
    static final Duration ACCESS_TIMEOUT = Duration.ofSeconds(15);

    /**
     * The longest look-back before the window's start for commands, SL documents and ledger rows: a transaction reported
     * in the window may have begun earlier (a sale settled today was posted the day it was made; the gateway re-polls an
     * open transaction for up to 45 days), and its posting must be found. The run looks back only as far as its
     * earliest transaction (a day more, for clocks), so a nightly run reads days, not months.
     */
    static final Duration LOOKBACK = Duration.ofDays(60);

    private static final String DEFAULT_PROGRAM = "PTSL";

    private final ReconcileOptions options;
    private final Duration timeout;
    private final Consumer<String> progress;

    Reconciliation(ReconcileOptions options, Duration timeout) {
        this.options = options;
        this.timeout = timeout;
        Consumer<String> given = options.progress() == null ? line -> { } : options.progress();
        // The Kafka and the SL readers report from two threads; the caller's consumer sees one line at a time.
        this.progress = line -> {
            synchronized (given) {
                given.accept(line);
            }
        };
    }

    Report run() throws ReconcileException {
        String bootstrap = required(options.bootstrapServers(), "no Kafka bootstrap servers given (--bootstrap-server or KAFKA_BOOTSTRAP_SERVERS)");
        String jdbcUrl = required(options.slJdbcUrl(), "no SL database given (--sl-jdbc-url or SL_JDBC_URL)");
        SlAccess.checkUrl(jdbcUrl);
        if (options.from() == null || options.to() == null) {
            throw new ReconcileException("the window needs both --from and --to");
        }
        ZoneId zone = options.zone() != null ? options.zone() : options.from().getZone();
        ZonedDateTime from = options.from().withZoneSameInstant(zone);
        ZonedDateTime to = options.to().withZoneSameInstant(zone);
        if (!from.isBefore(to)) {
            throw new ReconcileException("the window is empty: --from " + from + " is not before --to " + to);
        }
        String program = options.program() == null || options.program().isBlank() ? DEFAULT_PROGRAM : options.program().strip();
        Window window = new Window(from, to, zone);
        progress.accept("reconciling " + from + " to " + to + " (" + zone + ")" + (options.redrive() ? ", with --redrive" : ""));

        long started = System.nanoTime();
        KafkaCheck.require(bootstrap, List.of(Topics.RAW_TRANSACTIONS.name(), Topics.RAW_BATCHES.name(), Topics.ERP_COMMANDS.name(),
                Topics.PAYMENTS_REVIEW.name()), timeout);
        Evidence evidence = new Evidence();
        // Opened before the long Kafka read, so that an unreachable database is reported at once.
        try (Connection sl = SlAccess.open(jdbcUrl, options.slUser(), options.slPassword(), timeout)) {
            read(evidence, sl, bootstrap, from, to, zone, program);
        } catch (SQLException e) {
            throw new ReconcileException("SL database " + SlAccess.masked(jdbcUrl) + ": " + e.getMessage(), e);
        }
        long readMillis = (System.nanoTime() - started) / 1_000_000;
        if (evidence.unreadableRecords() > 0) {
            evidence.warn(evidence.unreadableRecords() + " records could not be read and were left out (see paytrace.raw.invalid)");
        }
        evidence.warnings().forEach(w -> progress.accept("warning: " + w));

        long transactions = evidence.transactionsInWindow();
        long comparing = System.nanoTime();
        Comparison comparison = compare(evidence, zone);
        progress.accept("compared: " + summary(comparison.lines()) + " (" + (System.nanoTime() - comparing) / 1_000_000 + " ms)");

        List<RedriveLine> redriven = List.of();
        if (options.redrive()) {
            redriven = new Redriver(bootstrap, timeout, progress).redrive(comparison.needs());
        }
        Sources sources = new Sources(evidence.rawRecords(), evidence.batchRecords(), evidence.commandRecords(), transactions,
                evidence.batches().size(), evidence.slDocuments(), readMillis);
        progress.accept("done in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return new Report(window, Instant.now(), sources, comparison.lines(), comparison.perDay(), comparison.perBatch(),
                comparison.perCustomer(), redriven);
    }

    /**
     * Reads the window: the four topics' end offsets first (one cut of the log), the raw topic and the settlement batches
     * (they decide which transactions the report is about), then erp.commands and payments.review on this thread while SL
     * is read on another (both only attach to the transactions now fixed), then the customers of uncommanded invoices,
     * which need both.
     */
    private void read(Evidence evidence, Connection sl, String bootstrap, ZonedDateTime from, ZonedDateTime to, ZoneId zone,
                      String program) throws ReconcileException {
        WindowReader reader = new WindowReader(bootstrap, timeout, progress);
        try (WindowReader.Topic raw = reader.open(Topics.RAW_TRANSACTIONS.name());
             WindowReader.Topic batchTopic = reader.open(Topics.RAW_BATCHES.name());
             WindowReader.Topic commands = reader.open(Topics.ERP_COMMANDS.name());
             WindowReader.Topic reviews = reader.open(Topics.PAYMENTS_REVIEW.name())) {
            raw.read(from.toInstant(), new TransactionFold(evidence, from.toInstant(), to.toInstant(), zone));
            if (evidence.rawRecordsInWindow() == 0) {
                throw new ReconcileException("no " + Topics.RAW_TRANSACTIONS.name() + " records between " + from + " and " + to
                        + ": nothing to reconcile (is the window right, and is this the pipeline's Kafka?)");
            }
            BatchFold batches = new BatchFold(evidence, from.toInstant(), to.toInstant());
            batchTopic.read(from.toInstant(), batches);
            batches.finish();
            evidence.keepScope();
            progress.accept(String.format("window: %,d transactions, %,d settlement batches", evidence.transactionsInWindow(),
                    evidence.batches().size()));

            LocalDate firstDay = from.toLocalDate();
            LocalDate lastDay = to.minusNanos(1).toLocalDate();
            LocalDate since = since(evidence, firstDay);
            Instant sinceInstant = since.atStartOfDay(zone).toInstant();
            progress.accept("looking back to " + since + " for commands, SL documents and ledger rows");
            SlReader slReader = new SlReader(sl, evidence, progress);
            ExecutorService slThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ptsl-reconcile-sl");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<Void> slRead = slThread.submit(() -> {
                    slReader.read(firstDay, lastDay, since, sinceInstant, program);
                    return null;
                });
                try {
                    commands.read(sinceInstant, new CommandIndex(evidence));
                    reviews.read(null, new ReviewIndex(evidence));
                } catch (ReconcileException | RuntimeException e) {
                    slRead.cancel(true);
                    throw e;
                }
                await(slRead);
                slReader.readInvoiceOwners();
            } finally {
                slThread.shutdownNow();
            }
        }
    }

    /**
     * The day from which commands, documents and ledger rows can belong to the window's transactions: the day before the
     * earliest of them (or of the window), never more than {@link #LOOKBACK} before the window.
     */
    static LocalDate since(Evidence evidence, LocalDate firstDay) {
        LocalDate longest = firstDay.minusDays(LOOKBACK.toDays());
        LocalDate earliest = evidence.earliestDay();
        if (earliest == null) {
            return longest;
        }
        LocalDate since = (earliest.isBefore(firstDay) ? earliest : firstDay).minusDays(1);
        return since.isBefore(longest) ? longest : since;
    }

    private static void await(Future<Void> slRead) throws ReconcileException {
        try {
            slRead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReconcileException("interrupted while reading SL", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ReconcileException r) {
                throw r;
            }
            throw new ReconcileException("reading SL failed: " + e.getCause(), e.getCause());
        }
    }

    private record Comparison(List<Line> lines, List<Total> perDay, List<Total> perBatch, List<Total> perCustomer,
                              List<RedriveNeed> needs) {
    }

    /** Deposits first (they need their members' categories), then one line per transaction, consuming the evidence. */
    private Comparison compare(Evidence evidence, ZoneId zone) {
        TransactionCategoriser categoriser = new TransactionCategoriser(zone, evidence::invoiceOwner);
        List<Line> batchLines = new ArrayList<>();
        List<Total> perBatch = new ArrayList<>();
        for (SettlementBatch batch : evidence.batches().values()) {
            DepositComparer.Result r = DepositComparer.compare(batch, evidence, f -> categoriser.categorise(f).line().category());
            batchLines.add(r.line());
            perBatch.add(r.total());
        }
        List<Line> lines = new ArrayList<>(evidence.transactions().size() + evidence.strayDocuments().size() + batchLines.size());
        List<RedriveNeed> needs = new ArrayList<>();
        Iterator<TransactionFacts> it = evidence.transactions().values().iterator();
        while (it.hasNext()) {
            TransactionFacts f = it.next();
            if (f.inWindow()) {
                TransactionCategoriser.Verdict verdict = categoriser.categorise(f);
                lines.add(verdict.line());
                if (verdict.redrive() != null) {
                    needs.add(verdict.redrive());
                }
            }
            it.remove(); // the line is all that is needed from here on
        }
        lines.addAll(StrayDocuments.lines(evidence));
        List<Total> perDay = Totals.perDay(lines);
        List<Total> perCustomer = Totals.perCustomer(lines);
        lines.addAll(batchLines);
        lines.sort(REPORT_ORDER);
        needs.sort(Comparator.comparing(RedriveNeed::transactionId, NUMERIC_TEXT));
        return new Comparison(lines, perDay, perBatch, perCustomer, needs);
    }

    /** PayTrace ids and batch numbers are digits: shorter first, then by text, is numeric order without parsing. */
    private static final Comparator<String> NUMERIC_TEXT = Comparator.nullsLast(Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder()));

    /** Category, transactions before settlement batches, day, then PayTrace id (or batch number) in numeric order. */
    private static final Comparator<Line> REPORT_ORDER = (a, b) -> {
        int c = a.category().compareTo(b.category());
        if (c != 0) {
            return c;
        }
        boolean batchA = a.transactionId() == null;
        boolean batchB = b.transactionId() == null;
        if (batchA != batchB) {
            return batchA ? 1 : -1;
        }
        c = a.day() == null ? (b.day() == null ? 0 : 1) : b.day() == null ? -1 : a.day().compareTo(b.day());
        if (c != 0) {
            return c;
        }
        return batchA ? NUMERIC_TEXT.compare(a.settlementBatch(), b.settlementBatch()) : NUMERIC_TEXT.compare(a.transactionId(), b.transactionId());
    };

    private static String summary(List<Line> lines) {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        lines.forEach(l -> counts.merge(l.category(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((c, n) -> parts.add(c.name() + " " + String.format("%,d", n)));
        return String.format("%,d lines", lines.size()) + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private static String required(String value, String message) throws ReconcileException {
        if (value == null || value.isBlank()) {
            throw new ReconcileException(message);
        }
        return value.strip();
    }
}
