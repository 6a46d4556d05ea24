package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.sink.ledger.CommandTag;
import com.ptsl.sink.sql.InLists;
import com.ptsl.sink.sql.RowWriter;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PostPayments of one SQL transaction (one poll batch), posted exactly as {@link PaymentPoster} posts one (same
 * validations, same rows, same reasons) but at a cost that depends on the poll batch, not on the day:
 * <ul>
 *   <li>what validation reads is read in bulk, once per transaction: customers, existing PAs, the invoices paid
 *       (update-locked), their pending applications, ARSetup and GLSetup ({@link #prefetch});</li>
 *   <li>the open batch is found (and locked) once per transaction; its next BatSeq and its totals are counted in memory
 *       from then on, starting from what the last committed transaction left ({@link PostingMemory}) or from SL;</li>
 *   <li>the batch is re-totalled once, just before the commit ({@link #finish}): CtrlTot = CrTot = DepositAmt = Σ
 *       OrigDocAmt of its documents, as after every document before;</li>
 *   <li>in {@link Mode#BATCHED} mode the ARDoc and ARTran rows are queued per table and sent as JDBC batches at
 *       {@link #flush}. Everything is validated before a row is queued, so a rejected command leaves no row. A batch that
 *       fails when sent is not the fault of one command: the caller rolls the whole transaction back and applies the poll
 *       batch again in {@link Mode#ONE_BY_ONE} mode, where each command is written at once under its own savepoint
 *       and an SQL error rejects only that command (the Debezium JDBC sink's fallback).</li>
 * </ul>
 * A command's effect on what the transaction knows (BatSeq taken, totals, pending amounts, its RefNbr now used) counts
 * only once its caller {@link Staged#keep keeps} it, after the ledger row was written too. Before a command of another
 * kind runs in the same transaction the caller {@link #settle settles} (rows sent, batches re-totalled, everything read
 * again afterwards), since that command may change anything.
 */
public final class PaymentBatch implements AutoCloseable {

    /** How rows reach the database. */
    public enum Mode {
        /** Queued per table, sent at {@link #flush}: a failure there fails the transaction. */
        BATCHED,
        /** Written at once under a savepoint per command: a failure rejects that command only. */
        ONE_BY_ONE
    }

    private static final Set<String> PAYABLE = InvoiceApplications.PAYABLE_TYPES;
    private static final long NO_MARK = Long.MIN_VALUE;

    private final Connection c;
    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final PaymentPoster poster;
    private final ApplicationLines applicationLines;
    private final DepositBatches batches;
    private final RowWriter docs;
    private final RowWriter lines;
    private final PostingMemory memory;
    private final LocalDateTime now;
    private final Mode mode;

    private SlSetup.Ar ar;
    private SlSetup.Gl gl;
    /** GLSetup's posting period of each DocDate seen (the fiscal calendar is read with GLSetup, once per transaction). */
    private final Map<LocalDate, String> periods = new HashMap<>();
    private final Map<String, Optional<ArLookups.Customer>> customers = new HashMap<>();
    private final Map<String, Optional<ArLookups.ExistingPayment>> payments = new HashMap<>();
    private final Map<PostingMemory.InvoiceKey, Optional<LockedInvoice>> invoices = new HashMap<>();
    private final Map<PostingMemory.InvoiceKey, Pending> pending = new HashMap<>();
    private final Map<PostingMemory.BatchKey, OpenBatch> open = new HashMap<>();
    /** Batches that took documents since the last {@link #finish}, and their numbers: each is re-totalled once. */
    private final Map<PostingMemory.BatchKey, String> touched = new LinkedHashMap<>();
    private final Map<PostingMemory.BatchKey, PostingMemory.BatchState> finishedBatches = new HashMap<>();
    private final Map<PostingMemory.InvoiceKey, PostingMemory.PendingState> finishedPending = new HashMap<>();
    /** ARTran's highest committed RecordID when this transaction began writing, and the lines it kept since. */
    private long lineMark = NO_MARK;
    private long linesKept;
    private boolean settled;
    private PreparedStatement docInsert;
    private PreparedStatement lineInsert;
    private int queuedDocs;
    private int queuedLines;
    private boolean finished;

    /** An invoice as read under its update lock, and the row's version then. */
    private record LockedInvoice(ArLookups.Invoice invoice, long version) {
    }

    /** An invoice's pending 'U' lines, this transaction's kept ones included, and when they were last summed from SL. */
    private static final class Pending {
        BigDecimal total;
        final long summedAtNanos;

        Pending(BigDecimal total, long summedAtNanos) {
            this.total = total;
            this.summedAtNanos = summedAtNanos;
        }
    }

    /** The open batch of one key in this transaction. */
    private static final class OpenBatch {
        final String batNbr;
        int nextBatSeq;
        DepositBatches.Totals totals;
        final long summedAtNanos;

        OpenBatch(String batNbr, int nextBatSeq, DepositBatches.Totals totals, long summedAtNanos) {
            this.batNbr = batNbr;
            this.nextBatSeq = nextBatSeq;
            this.totals = totals;
            this.summedAtNanos = summedAtNanos;
        }
    }

    PaymentBatch(Connection c, SqlDialect dialect, PostingSettings settings, PaymentPoster poster, RowWriters rows,
                 PostingMemory memory, LocalDateTime now, Mode mode) throws SQLException {
        this.c = c;
        this.dialect = dialect;
        this.settings = settings;
        this.poster = poster;
        this.applicationLines = new ApplicationLines(settings, rows);
        this.batches = new DepositBatches(dialect, settings, rows);
        this.docs = rows.get(c, "ARDoc");
        this.lines = rows.get(c, "ARTran");
        this.memory = memory;
        this.now = now;
        this.mode = mode;
    }

    /**
     * Reads what the given PostPayments will be validated against, in bulk: one query per {@link InLists#CHUNK} keys for
     * customers, existing PAs, invoices (update-locked, as one at a time would lock them) and the pending lines of
     * those not remembered. Only in {@link Mode#BATCHED} mode; one by one, each command reads what it needs under its own
     * savepoint, so that a read that fails rejects that command only.
     */
    public void prefetch(Collection<ErpCommand> commands) throws SQLException {
        if (mode != Mode.BATCHED) {
            return;
        }
        markLines();
        Set<String> custIds = new LinkedHashSet<>();
        Set<String> refNbrs = new LinkedHashSet<>();
        Set<PostingMemory.InvoiceKey> paid = new LinkedHashSet<>();
        for (ErpCommand command : commands) {
            if (!(command.getPayload() instanceof PostPayment payment)) {
                continue;
            }
            String custId = command.getCustId().strip();
            custIds.add(custId);
            refNbrs.add(payment.getTransactionId().strip());
            for (Application a : payment.getApplications()) {
                String ref = a.getInvoiceRefNbr().strip();
                String type = InvoiceApplications.docType(a);
                if (!ref.isEmpty() && ref.length() <= PaymentPoster.REFNBR_LENGTH && PAYABLE.contains(type)) {
                    paid.add(invoiceKey(custId, type, ref));
                }
            }
        }
        loadCustomers(custIds);
        loadPayments(refNbrs);
        loadInvoices(paid);
        setup();
    }

    /** One command's verdict, written (one by one) or ready to be queued (batched), and what it changes once kept. */
    public final class Staged {
        private final PostingOutcome outcome;
        private final OpenBatch batch;
        private final PostingMemory.BatchKey batchKey;
        private final RowWriter.Row doc;
        private final List<RowWriter.Row> tranRows;
        private final List<ApplicationPlan.Line> applied;
        private final String custId;
        private final String refNbr;
        private final BigDecimal amount;
        private final boolean openedBatch;
        private boolean done;

        private Staged(PostingOutcome outcome, OpenBatch batch, PostingMemory.BatchKey batchKey, RowWriter.Row doc,
                       List<RowWriter.Row> tranRows, List<ApplicationPlan.Line> applied, String custId, String refNbr, BigDecimal amount,
                       boolean openedBatch) {
            this.outcome = outcome;
            this.batch = batch;
            this.batchKey = batchKey;
            this.doc = doc;
            this.tranRows = tranRows;
            this.applied = applied;
            this.custId = custId;
            this.refNbr = refNbr;
            this.amount = amount;
            this.openedBatch = openedBatch;
        }

        public PostingOutcome outcome() {
            return outcome;
        }

        /**
         * The command stands (its ledger row is written or queued): its rows are queued (batched mode; written already one
         * by one) and what it took counts for the commands after it.
         */
        public void keep() throws SQLException {
            if (done) {
                throw new IllegalStateException("command already kept or discarded");
            }
            done = true;
            if (!outcome.isApplied()) {
                return;
            }
            if (mode == Mode.BATCHED) {
                docs.addBatch(docStatement(), doc);
                queuedDocs++;
                for (RowWriter.Row row : tranRows) {
                    lines.addBatch(lineStatement(), row);
                    queuedLines++;
                }
            }
            linesKept += tranRows.size();
            batch.nextBatSeq++;
            batch.totals = batch.totals.plus(amount, amount);
            touched.put(batchKey, batch.batNbr);
            for (ApplicationPlan.Line line : applied) {
                ArLookups.Invoice invoice = line.invoice();
                Pending p = pending.get(invoiceKey(custId, invoice.docType(), invoice.refNbr()));
                p.total = SlConventions.money(p.total.add(line.amount()));
            }
            payments.put(dialect.textKey(refNbr), Optional.of(new ArLookups.ExistingPayment(custId, batch.batNbr)));
        }

        /**
         * The caller rolled back to a savepoint taken before {@link #post} (one by one: a concurrent writer recorded the
         * command first): nothing of it counts, and what it read under lock is read again.
         */
        public void discard() {
            if (done) {
                throw new IllegalStateException("command already kept or discarded");
            }
            done = true;
            afterRollback(batchKey, openedBatch);
        }
    }

    /**
     * Validates a PostPayment against what this transaction read and took so far and prepares its rows. A Rejection, a
     * value a column cannot hold and (one by one) an SQL error SL gives for this command come back as a REJECTED outcome
     * with nothing written. Transient errors and a broken SL setup are thrown, as is (batched) any other SQL error,
     * which the caller answers with the one-by-one fallback.
     */
    public Staged post(ErpCommand command) throws SQLException {
        PostPayment payment = (PostPayment) command.getPayload();
        String custId = command.getCustId().strip();
        String refNbr = payment.getTransactionId().strip();
        BigDecimal amount = SlConventions.money(payment.getAmount());
        markLines();
        Savepoint before = mode == Mode.ONE_BY_ONE ? c.setSavepoint() : null;
        PostingMemory.BatchKey batchKey = null;
        boolean opened = false;
        try {
            PaymentPoster.checkShape(custId, refNbr, amount, payment);
            ArLookups.Customer customer = PaymentPoster.payingCustomer(custId, customer(custId));
            PaymentPoster.firstPayment(refNbr, existingPayment(refNbr));
            setup();
            ApplicationPlan plan = new ApplicationPlan();
            InvoiceApplications.plan(source, custId, payment.getApplications(), plan);
            PaymentPoster.Entry entry = poster.entry(payment, refNbr, amount, plan, ar, gl,
                    periods.computeIfAbsent(payment.getDocDate(), gl::postingPeriod));
            batchKey = new PostingMemory.BatchKey(entry.cash(), payment.getDocDate(), entry.perPost());
            opened = !open.containsKey(batchKey);
            if (opened && before == null) {
                // Batched, the Batch row is the only thing a command writes at once (once per transaction and batch):
                // a command that fails after creating it must not leave an empty batch behind.
                before = c.setSavepoint();
            }
            OpenBatch batch = openBatch(batchKey, entry);
            int batSeq = batch.nextBatSeq;
            RowWriter.Row doc = docs.row(poster.document(custId, entry, batch.batNbr, batSeq, now));
            List<RowWriter.Row> tranRows = new ArrayList<>();
            for (Map<String, Object> tran : applicationLines.rows(entry.lines(custId, batch.batNbr, settings.cpnyId()), plan.lines(),
                    ApplicationLines.FIRST_LINE_NBR, 1, customer, ar, CommandTag.of(command.getCommandId()), now)) {
                tranRows.add(lines.row(tran));
            }
            if (mode == Mode.ONE_BY_ONE) {
                docs.insert(docStatement(), doc);
                for (RowWriter.Row row : tranRows) {
                    lines.insert(lineStatement(), row);
                }
            }
            return new Staged(PaymentPoster.outcome(entry, batch.batNbr), batch, batchKey, doc, tranRows, plan.lines(), custId, refNbr,
                    amount, opened);
        } catch (Rejection r) {
            // Every rejection comes before the first write (and before the batch is opened): nothing to undo, and the
            // invoices it read stay locked and known for the commands after it.
            return rejected(r.getMessage());
        } catch (SlSetupException e) {
            throw e;
        } catch (SQLException e) {
            if (dialect.isTransient(e) || mode == Mode.BATCHED) {
                throw e;
            }
            undo(before, batchKey, opened);
            return rejected("SL refused the posting: " + firstLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            undo(before, batchKey, opened);
            return rejected("cannot write the command to SL: " + firstLine(e.getMessage()));
        }
    }

    /**
     * The caller rolled back to a savepoint of its own after an unexpected failure inside {@link #post} (one by one):
     * what the transaction read under lock since is read again.
     */
    public void rereadAfterRollback() {
        if (queuedDocs == 0 && queuedLines == 0) {
            // Nothing waits to be sent, so nothing known here is missing from SL: read it all again.
            invoices.clear();
            pending.clear();
            open.clear();
        }
    }

    /** Sends the queued rows: ARDoc, then ARTran. */
    public void flush() throws SQLException {
        if (queuedDocs > 0) {
            queuedDocs = 0;
            docInsert.executeBatch();
        }
        if (queuedLines > 0) {
            queuedLines = 0;
            lineInsert.executeBatch();
        }
    }

    /**
     * Before the commit: every row sent, and every batch that took documents re-totalled once, CtrlTot = CrTot =
     * DepositAmt (and the Cury twins) = its documents' total. Remembers what the transaction knows for {@link #committed}.
     */
    public void finish() throws SQLException {
        flush();
        long nowNanos = System.nanoTime();
        for (Map.Entry<PostingMemory.BatchKey, String> t : touched.entrySet()) {
            OpenBatch batch = open.get(t.getKey());
            if (batch == null || !batch.batNbr.equals(t.getValue())) {
                // Its knowledge was dropped after a rollback (one by one): its documents are all in SL, so sum them.
                batches.retotal(c, t.getValue(), now);
                continue;
            }
            batches.writeTotals(c, batch.batNbr, batch.totals, now);
            long version = batches.version(c, batch.batNbr);
            finishedBatches.put(t.getKey(), new PostingMemory.BatchState(batch.batNbr, version, batch.nextBatSeq, batch.totals,
                    batch.summedAtNanos));
        }
        touched.clear();
        for (Map.Entry<PostingMemory.InvoiceKey, Pending> e : pending.entrySet()) {
            Optional<LockedInvoice> invoice = invoices.getOrDefault(e.getKey(), Optional.empty());
            if (invoice.isPresent() && memory.fresh(e.getValue().summedAtNanos, nowNanos)) {
                finishedPending.put(e.getKey(), new PostingMemory.PendingState(invoice.get().version(), e.getValue().total,
                        e.getValue().summedAtNanos));
            }
        }
        finished = true;
    }

    /**
     * Before a command of another kind in the same transaction: {@link #finish}, then everything is read again, from
     * SL and not from memory, since that command may change any of it (a reversal removes a PA and its lines, an
     * ApplyPayment adds lines, ...).
     */
    public void settle() throws SQLException {
        finish();
        memory.forget();
        settled = true;
        lineMark = NO_MARK;
        finishedBatches.clear();
        finishedPending.clear();
        customers.clear();
        payments.clear();
        invoices.clear();
        pending.clear();
        open.clear();
        ar = null;
        gl = null;
        periods.clear();
        finished = false;
    }

    /** After the COMMIT: what this transaction knew is remembered for the next one. */
    public void committed() {
        if (!finished) {
            return;
        }
        if (lineMark != NO_MARK) {
            memory.remember(finishedBatches, finishedPending, new PostingMemory.LineMark(lineMark, linesKept));
        } else if (settled) {
            // Lines were written the one-by-one way after the last mark: how many is not known here.
            memory.remember(finishedBatches, finishedPending, null);
        } else {
            memory.remember(finishedBatches, finishedPending);
        }
    }

    /**
     * Before this transaction's first line (and again after a {@link #settle}): ARTran's highest RecordID, and whether
     * anyone but the last transaction wrote lines since the memory's mark, in which case the remembered pending amounts
     * are summed again.
     */
    private void markLines() throws SQLException {
        if (lineMark != NO_MARK) {
            return;
        }
        PostingMemory.LineMark last = memory.lineMark();
        if (last == null || linesAbove(last.recordId()) != last.ownLines()) {
            memory.forgetPending();
        }
        lineMark = highestLine();
        linesKept = 0;
    }

    private long highestLine() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX([RecordID]), 0) FROM " + dialect.table("ARTran"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One index range on ARTran's unique RecordID index: the lines written since the mark. */
    private long linesAbove(long recordId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + dialect.table("ARTran") + " WHERE [RecordID] > ?")) {
            ps.setLong(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (docInsert != null) {
                docInsert.close();
            }
        } finally {
            if (lineInsert != null) {
                lineInsert.close();
            }
        }
    }

    private Staged rejected(String reason) {
        return new Staged(PostingOutcome.rejected(reason), null, null, null, List.of(), List.of(), null, null, null, false);
    }

    /** After a refused command: its writes undone. */
    private void undo(Savepoint before, PostingMemory.BatchKey batchKey, boolean opened) throws SQLException {
        if (before != null) {
            c.rollback(before);
            afterRollback(batchKey, opened);
        }
    }

    /**
     * A rollback to a savepoint also undoes the update locks taken after it (H2 keeps them as row changes), so whatever was
     * read since is read again: one by one, everything read under lock (rows written so far are in SL, so reading again
     * finds them); batched, only the batch the command opened (the savepoint was taken just before it).
     */
    private void afterRollback(PostingMemory.BatchKey batchKey, boolean opened) {
        if (mode == Mode.ONE_BY_ONE) {
            invoices.clear();
            pending.clear();
            open.clear();
        } else if (opened && batchKey != null) {
            open.remove(batchKey);
        }
    }

    private final InvoiceApplications.Source source = new InvoiceApplications.Source() {
        @Override
        public Optional<ArLookups.Invoice> invoice(String custId, String docType, String refNbr) throws SQLException {
            PostingMemory.InvoiceKey key = invoiceKey(custId, docType, refNbr);
            if (!invoices.containsKey(key)) {
                loadInvoices(List.of(key));
            }
            // Named as asked, as ArLookups.invoice names it: that is what the 'U' line's SiteId/CostType say.
            return invoices.get(key).map(LockedInvoice::invoice).map(i -> new ArLookups.Invoice(docType, refNbr, i.docBal(), i.released(),
                    i.arAcct(), i.arSub(), i.curyRate()));
        }

        @Override
        public BigDecimal pendingApplications(String custId, String docType, String refNbr) throws SQLException {
            PostingMemory.InvoiceKey key = invoiceKey(custId, docType, refNbr);
            if (!pending.containsKey(key)) {
                loadPending(List.of(key));
            }
            return pending.get(key).total;
        }
    };

    private Optional<ArLookups.Customer> customer(String custId) throws SQLException {
        String key = dialect.textKey(custId);
        if (!customers.containsKey(key)) {
            loadCustomers(List.of(custId));
        }
        return customers.get(key);
    }

    private Optional<ArLookups.ExistingPayment> existingPayment(String refNbr) throws SQLException {
        String key = dialect.textKey(refNbr);
        if (!payments.containsKey(key)) {
            loadPayments(List.of(refNbr));
        }
        return payments.get(key);
    }

    private void setup() throws SQLException {
        if (ar == null) {
            ar = SlSetup.readAr(c, dialect);
            gl = SlSetup.readGl(c, dialect);
        }
    }

    /**
     * The open batch of the key: found (update-locked) or created once per transaction. Its next BatSeq and totals come
     * from memory when the batch row is unchanged since the last commit, no document took that BatSeq meanwhile and it
     * still holds as many documents; otherwise from SL (MAX(BatSeq) and Σ OrigDocAmt, once).
     */
    private OpenBatch openBatch(PostingMemory.BatchKey key, PaymentPoster.Entry entry) throws SQLException {
        OpenBatch batch = open.get(key);
        if (batch != null) {
            return batch;
        }
        DepositBatches.Found found = batches.openOrCreateVersioned(c, key.cash(), key.date(), entry.newBatch(), now);
        long nowNanos = System.nanoTime();
        if (found.version() == DepositBatches.NEW) {
            batch = new OpenBatch(found.batNbr(), 1, DepositBatches.Totals.ZERO, nowNanos);
        } else {
            Optional<PostingMemory.BatchState> known = memory.batch(key, found.batNbr(), found.version(), nowNanos);
            if (known.isPresent() && !batches.holdsBatSeqFrom(c, found.batNbr(), known.get().nextBatSeq())
                    && batches.documentCount(c, found.batNbr()) == known.get().totals().documents()) {
                batch = new OpenBatch(found.batNbr(), known.get().nextBatSeq(), known.get().totals(), known.get().summedAtNanos());
            } else {
                batch = new OpenBatch(found.batNbr(), batches.nextBatSeq(c, found.batNbr()), batches.sum(c, found.batNbr()),
                        nowNanos);
            }
        }
        open.put(key, batch);
        return batch;
    }

    private void loadCustomers(Collection<String> custIds) throws SQLException {
        List<String> missing = custIds.stream().filter(id -> !customers.containsKey(dialect.textKey(id))).distinct().toList();
        for (List<String> chunk : InLists.chunks(missing)) {
            Map<String, ArLookups.Customer> found = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [Status], [ArAcct], [ArSub] FROM " + dialect.table("Customer")
                    + " WHERE [CustId] IN (" + InLists.marks(chunk.size()) + ")")) {
                bind(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ArLookups.Customer customer = new ArLookups.Customer(SlConventions.rtrim(rs.getString(1)),
                                SlConventions.rtrim(rs.getString(2)), SlConventions.rtrim(rs.getString(3)), SlConventions.rtrim(rs.getString(4)));
                        found.putIfAbsent(dialect.textKey(customer.custId()), customer);
                    }
                }
            }
            for (String id : chunk) {
                customers.put(dialect.textKey(id), Optional.ofNullable(found.get(dialect.textKey(id))));
            }
        }
    }

    /** A PA with the RefNbr anywhere in SL, as {@link ArLookups#payment}. */
    private void loadPayments(Collection<String> refNbrs) throws SQLException {
        List<String> missing = refNbrs.stream().filter(r -> !payments.containsKey(dialect.textKey(r))).distinct().toList();
        for (List<String> chunk : InLists.chunks(missing)) {
            Map<String, ArLookups.ExistingPayment> found = new HashMap<>();
            // By RefNbr alone, DocType checked here: with "DocType = 'PA' AND RefNbr IN (...)" H2 picks the (DocType, RefNbr)
            // index on DocType only and reads every PA of the day.
            try (PreparedStatement ps = c.prepareStatement("SELECT [RefNbr], [CustId], [BatNbr], [DocType] FROM " + dialect.table("ARDoc")
                    + " WHERE [RefNbr] IN (" + InLists.marks(chunk.size()) + ")")) {
                bind(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (dialect.textKey(rs.getString(4)).equals(dialect.textKey("PA"))) {
                            found.putIfAbsent(dialect.textKey(rs.getString(1)), new ArLookups.ExistingPayment(
                                    SlConventions.rtrim(rs.getString(2)), SlConventions.rtrim(rs.getString(3))));
                        }
                    }
                }
            }
            for (String refNbr : chunk) {
                payments.put(dialect.textKey(refNbr), Optional.ofNullable(found.get(dialect.textKey(refNbr))));
            }
        }
    }

    /**
     * The invoices, update-locked, as {@link ArLookups#invoice} reads each: the released row first, then the earliest
     * batch; and the pending lines of the released ones (remembered or summed).
     */
    private void loadInvoices(Collection<PostingMemory.InvoiceKey> keys) throws SQLException {
        List<PostingMemory.InvoiceKey> missing = keys.stream().filter(k -> !invoices.containsKey(k)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<String, List<PostingMemory.InvoiceKey>> byRefNbr = new LinkedHashMap<>();
        missing.forEach(k -> byRefNbr.computeIfAbsent(k.refNbr(), r -> new ArrayList<>()).add(k));
        Set<PostingMemory.InvoiceKey> wanted = new LinkedHashSet<>(missing);
        for (List<String> chunk : InLists.chunks(byRefNbr.keySet())) {
            // By RefNbr alone (see loadPayments); the rows of the numbers asked for are locked whatever their type, which
            // costs nothing: only the invoices' are kept.
            try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [DocType], [RefNbr], [Rlsed], [DocBal], [BankAcct], [BankSub],"
                    + " [CuryRate], " + dialect.rowVersion(dialect.table("ARDoc")) + " FROM " + dialect.lockedTable("ARDoc")
                    + " WHERE [RefNbr] IN (" + InLists.marks(chunk.size()) + ")"
                    + " ORDER BY [Rlsed] DESC, [BatNbr], [BatSeq]" + dialect.lockSuffix())) {
                bind(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        PostingMemory.InvoiceKey key = invoiceKey(rs.getString(1), rs.getString(2), rs.getString(3));
                        if (wanted.remove(key)) {
                            invoices.put(key, Optional.of(new LockedInvoice(new ArLookups.Invoice(SlConventions.rtrim(rs.getString(2)),
                                    SlConventions.rtrim(rs.getString(3)), SlConventions.money(rs.getDouble(5)), rs.getInt(4) == 1,
                                    SlConventions.rtrim(rs.getString(6)), SlConventions.rtrim(rs.getString(7)), rs.getDouble(8)), rs.getLong(9))));
                        }
                    }
                }
            }
        }
        for (PostingMemory.InvoiceKey key : wanted) {
            invoices.put(key, Optional.empty());
        }
        List<PostingMemory.InvoiceKey> released = missing.stream()
                .filter(k -> invoices.get(k).map(i -> i.invoice().released()).orElse(false)).toList();
        loadPending(released);
    }

    /** What unreleased 'U' lines apply to each invoice, as {@link ArLookups#pendingApplications}: remembered, or summed in bulk. */
    private void loadPending(Collection<PostingMemory.InvoiceKey> keys) throws SQLException {
        long nowNanos = System.nanoTime();
        List<PostingMemory.InvoiceKey> toSum = new ArrayList<>();
        for (PostingMemory.InvoiceKey key : keys) {
            if (pending.containsKey(key)) {
                continue;
            }
            long version = invoices.getOrDefault(key, Optional.empty()).map(LockedInvoice::version).orElse(DepositBatches.NEW);
            Optional<PostingMemory.PendingState> known = memory.pending(key, version, nowNanos);
            if (known.isPresent()) {
                pending.put(key, new Pending(known.get().pending(), known.get().summedAtNanos()));
            } else {
                toSum.add(key);
            }
        }
        Map<String, List<PostingMemory.InvoiceKey>> bySiteId = new LinkedHashMap<>();
        toSum.forEach(k -> bySiteId.computeIfAbsent(k.refNbr(), r -> new ArrayList<>()).add(k));
        Map<PostingMemory.InvoiceKey, BigDecimal> sums = new HashMap<>();
        for (List<String> chunk : InLists.chunks(bySiteId.keySet())) {
            try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [CostType], [SiteId], SUM([TranAmt]) FROM " + dialect.table("ARTran")
                    + " WHERE [SiteId] IN (" + InLists.marks(chunk.size()) + ") AND [DrCr] = 'U' AND [Rlsed] = 0"
                    + " GROUP BY [CustId], [CostType], [SiteId]")) {
                bind(ps, 1, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sums.merge(invoiceKey(rs.getString(1), rs.getString(2), rs.getString(3)), SlConventions.money(rs.getDouble(4)),
                                BigDecimal::add);
                    }
                }
            }
        }
        for (PostingMemory.InvoiceKey key : toSum) {
            pending.put(key, new Pending(sums.getOrDefault(key, BigDecimal.ZERO.setScale(2)), nowNanos));
        }
    }

    private PostingMemory.InvoiceKey invoiceKey(String custId, String docType, String refNbr) {
        return new PostingMemory.InvoiceKey(dialect.textKey(SlConventions.rtrim(custId).strip()), dialect.textKey(SlConventions.rtrim(docType)),
                dialect.textKey(SlConventions.rtrim(refNbr).strip()));
    }

    private PreparedStatement docStatement() throws SQLException {
        if (docInsert == null) {
            docInsert = docs.prepare(c);
        }
        return docInsert;
    }

    private PreparedStatement lineStatement() throws SQLException {
        if (lineInsert == null) {
            lineInsert = lines.prepare(c);
        }
        return lineInsert;
    }

    private static void bind(PreparedStatement ps, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(first + i, values.get(i));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
