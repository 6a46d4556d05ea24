package com.ptsl.reconciler.sl;

import com.ptsl.reconciler.ReconcileException;
import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.DeadLetter;
import com.ptsl.reconciler.model.DepositRecord;
import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.LedgerRow;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.SlApplication;
import com.ptsl.reconciler.model.SlDocument;
import com.ptsl.reconciler.model.StringPool;
import com.ptsl.reconciler.model.TransactionFacts;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads what SL holds for the window's transactions, in a handful of set-based queries (never one per transaction),
 * and attaches it to the evidence:
 * <ol>
 *   <li>integration documents: ARDoc PA/NS/CM/DM marked {@code User1 = 'PayTrace <tx>'} or created by the sink's
 *       program (Crtd_Prog), with their AR Batch's status;</li>
 *   <li>their applications: 'U' ARTran lines of unreleased PAs (SiteId/CostType = the invoice), ARAdjust rows of
 *       released ones (an NS reversal's negated copies included), and the customer of every invoice SL applies a payment
 *       to that its commands do not name;</li>
 *   <li>PTSL_CommandLedger, PTSL_DeadLetter (unresolved), PTSL_Deposit.</li>
 * </ol>
 * Documents and ledger rows are read from {@code since} on (the look-back before the window), so a transaction that
 * began before the window still has its documents. CHAR columns come back blank-padded and are trimmed; float(53)
 * amounts are rounded to cents.
 */
public final class SlReader {

    private static final int FETCH_SIZE = 10_000;
    /** Bound parameters per IN list: well under SQL Server's 2,100 per statement. */
    private static final int IN_LIST = 500;

    private final Connection c;
    private final Evidence evidence;
    private final StringPool pool;
    private final Consumer<String> progress;

    public SlReader(Connection connection, Evidence evidence, Consumer<String> progress) {
        this.c = connection;
        this.evidence = evidence;
        this.pool = new StringPool(); // this reader runs beside the Kafka readers, which use the evidence's pool
        this.progress = progress;
    }

    /**
     * @param firstDay first day of the window (merchant zone): documents dated from then to {@code lastDay} whose
     *                 transaction is unknown are kept as candidates for "unknown to PayTrace"
     * @param since    the look-back: documents dated from this day, ledger rows processed from this instant
     */
    public void read(LocalDate firstDay, LocalDate lastDay, LocalDate since, Instant ledgerSince, String program)
            throws ReconcileException {
        Map<String, String> batchStatus = new HashMap<>();
        step("SL batches", () -> batches(since, batchStatus));
        step("SL documents", () -> documents(firstDay, lastDay, since, program, batchStatus));
        step("SL application lines", this::applicationLines);
        step("SL adjustments", () -> adjustments(since));
        step("the command ledger", () -> ledger(ledgerSince));
        step("the dead-letter queue", this::deadLetters);
        step("SL deposits", this::deposits);
    }

    /**
     * The customers of the invoices SL applies a payment to that the commands do not name: only for those can an
     * "invoice of another customer" be the difference, so only they are looked up (in chunks of bound parameters),
     * instead of one lookup per application line. Needs the commands, so it runs after erp.commands was read.
     */
    public void readInvoiceOwners() throws ReconcileException {
        step("the customers of uncommanded invoices", this::invoiceOwners);
    }

    private interface Step {
        void run() throws SQLException, ReconcileException;
    }

    private void step(String what, Step step) throws ReconcileException {
        long start = System.nanoTime();
        try {
            step.run();
        } catch (SQLException e) {
            throw new ReconcileException("reading " + what + " from SL failed: " + SlAccess.firstLine(e.getMessage()), e);
        }
        progress.accept("read " + what + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }

    /**
     * AR batch statuses, one small query instead of a join per document (which cost H2 a third more). A batch is created
     * before its documents, so the look-back is widened by a month for batches kept open that long.
     */
    private void batches(LocalDate since, Map<String, String> status) throws SQLException {
        String sql = "SELECT [BatNbr], [Status] FROM " + SlTables.table("Batch") + " WHERE [Module] = 'AR' AND [Crtd_DateTime] >= ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setTimestamp(1, Timestamp.valueOf(since.minusMonths(1).atStartOfDay()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    status.put(pool.of(rtrim(rs.getString(1))), pool.of(rtrim(rs.getString(2))));
                }
            }
        }
    }

    private void documents(LocalDate firstDay, LocalDate lastDay, LocalDate since, String program, Map<String, String> batchStatus)
            throws SQLException {
        String sql = "SELECT d.[CustId], d.[DocType], d.[RefNbr], d.[BatNbr], d.[OrigDocAmt], d.[DocDate], d.[User1], d.[Rlsed]"
                + " FROM " + SlTables.table("ARDoc") + " d WHERE d.[DocType] IN ('PA', 'NS', 'CM', 'DM') AND d.[DocDate] >= ?"
                + " AND (d.[User1] LIKE 'PayTrace %' OR d.[Crtd_Prog] = ?)";
        int first = (int) firstDay.toEpochDay();
        int last = (int) lastDay.toEpochDay();
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setTimestamp(1, Timestamp.valueOf(since.atStartOfDay()));
            ps.setString(2, program);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    evidence.countSlDocument();
                    n++;
                    String refNbr = rtrim(rs.getString(3));
                    String user1 = rtrim(rs.getString(7));
                    String tx = user1.startsWith("PayTrace ") ? user1.substring("PayTrace ".length()).strip() : refNbr;
                    TransactionFacts facts = evidence.known(tx);
                    if (facts != null && refNbr.equals(facts.id())) {
                        refNbr = facts.id();
                    }
                    Timestamp docDate = rs.getTimestamp(6);
                    int day = (int) docDate.toLocalDateTime().toLocalDate().toEpochDay();
                    String batNbr = pool.of(rtrim(rs.getString(4)));
                    SlDocument doc = new SlDocument(pool.of(rtrim(rs.getString(1))), pool.of(rtrim(rs.getString(2))), refNbr, batNbr,
                            Money.centsOfFloat(rs.getDouble(5)), day, rs.getInt(8) == 1, batchStatus.getOrDefault(batNbr, ""));
                    if (facts != null) {
                        facts.addDocument(doc);
                    } else if (day >= first && day <= last) {
                        evidence.addStrayDocument(tx, doc);
                    }
                }
            }
        }
        progress.accept(String.format("SL: %,d integration documents", n));
    }

    /** 'U' lines exist only until release deletes them, so every one read belongs to an unreleased payment. */
    private void applicationLines() throws SQLException {
        String sql = "SELECT t.[CustId], t.[RefNbr], t.[BatNbr], t.[SiteId], t.[CostType], t.[TranAmt]"
                + " FROM " + SlTables.table("ARTran") + " t WHERE t.[TranType] = 'PA' AND t.[DrCr] = 'U'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TransactionFacts facts = evidence.known(rtrim(rs.getString(2)));
                    if (facts == null) {
                        continue;
                    }
                    String custId = rtrim(rs.getString(1));
                    String batNbr = rtrim(rs.getString(3));
                    if (!hasPayment(facts, custId, batNbr)) {
                        continue; // a PA with the same number that the integration did not write
                    }
                    // The invoice's own customer is looked up later, and only where the application differs (readInvoiceOwners).
                    facts.addSlApplication(new SlApplication(pool.of(rtrim(rs.getString(5))), commandedRef(facts, rtrim(rs.getString(4))),
                            Money.centsOfFloat(rs.getDouble(6)), ""));
                }
            }
        }
    }

    private void adjustments(LocalDate since) throws SQLException {
        String sql = "SELECT a.[CustId], a.[AdjgRefNbr], a.[AdjdDocType], a.[AdjdRefNbr], a.[AdjAmt] FROM " + SlTables.table("ARAdjust") + " a"
                + " WHERE a.[AdjgDocType] = 'PA' AND a.[AdjgDocDate] >= ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setTimestamp(1, Timestamp.valueOf(since.atStartOfDay()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TransactionFacts facts = evidence.known(rtrim(rs.getString(2)));
                    if (facts == null) {
                        continue;
                    }
                    String custId = rtrim(rs.getString(1));
                    if (!hasPayment(facts, custId, null)) {
                        continue;
                    }
                    facts.addSlApplication(new SlApplication(pool.of(rtrim(rs.getString(3))), commandedRef(facts, rtrim(rs.getString(4))),
                            Money.centsOfFloat(rs.getDouble(5)), pool.of(custId)));
                }
            }
        }
    }

    private void invoiceOwners() throws SQLException {
        Set<String> wanted = new LinkedHashSet<>();
        for (TransactionFacts f : evidence.transactions().values()) {
            List<SlApplication> applications = f.slApplications();
            if (applications.isEmpty()) {
                continue;
            }
            List<CommandRef> commands = f.commands();
            for (SlApplication a : applications) {
                if (a.invoiceCustId().isEmpty() && !commanded(commands, a)) {
                    wanted.add(a.invoiceRefNbr());
                }
            }
        }
        List<String> refs = new ArrayList<>(wanted);
        for (int from = 0; from < refs.size(); from += IN_LIST) {
            List<String> chunk = refs.subList(from, Math.min(refs.size(), from + IN_LIST));
            // Bound parameters: H2 never matches a list of two or more literals shorter than the CHAR column.
            String sql = "SELECT [CustId], [DocType], [RefNbr] FROM " + SlTables.table("ARDoc") + " WHERE [DocType] IN ('IN', 'DM')"
                    + " AND [RefNbr] IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        evidence.invoiceOwner(rtrim(rs.getString(2)), rtrim(rs.getString(3)), pool.of(rtrim(rs.getString(1))));
                    }
                }
            }
        }
    }

    private static boolean commanded(List<CommandRef> commands, SlApplication a) {
        for (CommandRef c : commands) {
            for (int i = 0; i < c.applications(); i++) {
                if (c.invoiceRefNbr()[i].equals(a.invoiceRefNbr()) && c.invoiceDocType()[i].equals(a.invoiceDocType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The command's own copy of an invoice number when a command names it (usually: the line is what was commanded),
     * so the application keeps no second copy. Commands are read at the same time, so a miss is only memory, never wrong.
     */
    private static String commandedRef(TransactionFacts facts, String refNbr) {
        for (CommandRef c : facts.commands()) {
            for (String ref : c.invoiceRefNbr()) {
                if (ref.equals(refNbr)) {
                    return ref;
                }
            }
        }
        return refNbr;
    }

    private static boolean hasPayment(TransactionFacts facts, String custId, String batNbr) {
        for (SlDocument d : facts.documents()) {
            if (d.docType().equals("PA") && d.custId().equals(custId) && (batNbr == null || d.batNbr().equals(batNbr))) {
                return true;
            }
        }
        return false;
    }

    private void ledger(Instant since) throws SQLException, ReconcileException {
        String table = "PTSL_CommandLedger";
        Set<String> columns = SlTables.columns(c, table);
        if (columns.isEmpty()) {
            throw new ReconcileException("SL database has no " + SlTables.table(table)
                    + ": the erp-sink has never run against it (check the SL JDBC URL)");
        }
        String commandType = columns.contains("COMMANDTYPE") ? "[CommandType]" : "NULL";
        String sql = "SELECT [CommandId], [Status], [Reason], [CustId], [SourceTransactionId], [BatNbr], [RefNbr], [ProcessedAt], "
                + commandType + " FROM " + SlTables.table(table) + " WHERE [ProcessedAt] >= ?";
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    String tx = rtrim(rs.getString(5));
                    TransactionFacts facts = evidence.known(tx);
                    if (facts == null) {
                        if (evidence.isStray(tx)) {
                            evidence.strayInLedger(tx);
                        }
                        continue;
                    }
                    String commandId = rtrim(rs.getString(1));
                    String typeName = rs.getString(9);
                    CommandType type = CommandType.of(commandId);
                    if (type == CommandType.OTHER && typeName != null) {
                        type = CommandType.of(typeName.strip());
                    }
                    String reason = rs.getString(3);
                    String status = rtrim(rs.getString(2)).toUpperCase(Locale.ROOT);
                    facts.addLedgerRow(LedgerRow.of(facts.id(), commandId, type, pool.of(status), pool.of(rtrim(rs.getString(4))),
                            pool.of(rtrim(rs.getString(6))), rtrim(rs.getString(7)), rs.getTimestamp(8).toInstant().toEpochMilli(),
                            "APPLIED".equals(status) && reason != null && reason.strip().startsWith("capped:")));
                }
            }
        }
        progress.accept(String.format("SL: %,d ledger rows", n));
    }

    private void deadLetters() throws SQLException, ReconcileException {
        String table = "PTSL_DeadLetter";
        if (SlTables.columns(c, table).isEmpty()) {
            throw new ReconcileException("SL database has no " + SlTables.table(table)
                    + ": the erp-sink has never run against it (check the SL JDBC URL)");
        }
        String sql = "SELECT [CommandId], [Kind], [Reason], [SourceTransactionId], [CommandType], [LastFailedAt] FROM "
                + SlTables.table(table) + " WHERE [Resolved] = 0";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String tx = rtrim(rs.getString(4));
                DeadLetter letter = new DeadLetter(rtrim(rs.getString(1)), rtrim(rs.getString(2)), rtrim(rs.getString(5)),
                        rtrim(rs.getString(3)), rs.getTimestamp(6).toInstant().toEpochMilli());
                if (tx.startsWith("batch:")) {
                    evidence.addBatchDeadLetter(tx.substring("batch:".length()).strip(), letter);
                    continue;
                }
                TransactionFacts facts = evidence.known(tx);
                if (facts != null) {
                    facts.addDeadLetter(letter);
                }
            }
        }
    }

    private void deposits() throws SQLException {
        String table = "PTSL_Deposit";
        Set<String> columns = SlTables.columns(c, table);
        if (columns.isEmpty()) {
            evidence.depositTablesMissing();
            evidence.warn("SL has no " + SlTables.table(table) + " (an erp-sink without deposits): every settlement batch is reported"
                    + " as not recorded in SL");
            return;
        }
        String sql = "SELECT [BatchNumber], " + optional(columns, "CommandId") + ", [NetAmount], " + optional(columns, "SlAmount") + ", "
                + optional(columns, "Status") + ", " + optional(columns, "SlBatches") + ", " + optional(columns, "TransactionCount") + ", "
                + optional(columns, "RecordedAt") + " FROM " + SlTables.table(table);
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String number = rtrim(rs.getString(1));
                if (!evidence.batches().containsKey(number)) {
                    continue;
                }
                BigDecimal net = rs.getBigDecimal(3);
                BigDecimal sl = rs.getBigDecimal(4);
                Timestamp recorded = rs.getTimestamp(8);
                evidence.putDeposit(new DepositRecord(number, rtrim(rs.getString(2)), net == null ? 0 : Money.cents(net),
                        sl == null ? 0 : Money.cents(sl), rtrim(rs.getString(5)), rtrim(rs.getString(6)), rs.getInt(7),
                        recorded == null ? 0 : recorded.toInstant().toEpochMilli()));
            }
        }
    }

    private static String optional(Set<String> columns, String column) {
        return columns.contains(column.toUpperCase(Locale.ROOT)) ? "[" + column + "]" : "NULL";
    }

    private static String rtrim(String value) {
        return value == null ? "" : value.stripTrailing();
    }
}
