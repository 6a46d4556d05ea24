package com.ptsl.sink.feed;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.avro.InvoiceApplication;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import com.ptsl.sink.ledger.CommandLedger;
import com.ptsl.sink.ledger.CommandTag;
import com.ptsl.sink.sql.InLists;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads SL's receivables as {@link SlInvoiceSnapshot}s: the ARDoc row (IN, DM or FI), its pending 'U' lines
 * and its released ARAdjust rows, and for each payment the integration's command from the ledger.
 *
 * <p>Several ARDoc rows can carry one topic key (CpnyID/RefNbr): ARDoc's primary key also holds BatNbr/BatSeq
 * (the same document keyed again in another batch), and SL only enforces RefNbr uniqueness per type in its
 * screens. The released row wins, then the earliest batch, as {@code ArLookups.invoice} picks the row a payment
 * is applied to; the processor and the sink thus see the same document.
 */
final class InvoiceReader {

    /** Literals as wide as the char(2) column: H2 matches these in an IN list (its quirk is with shorter ones). */
    private static final String PAYABLE = "('IN', 'DM', 'FI')";

    private final SqlDialect dialect;
    private final CommandLedger ledger;
    /**
     * A cash-out DM the sink wrote beside the returned-goods CM of the same refund (refund policy CREDIT_MEMO) is not
     * a receivable: the pair nets to zero until an accountant applies one to the other, so no payment may be matched
     * to it. A DM alone (policy DEBIT_MEMO: the customer owes again) stays payable.
     */
    private final String notAReturnPair;

    InvoiceReader(SqlDialect dialect) {
        this.dialect = dialect;
        this.ledger = new CommandLedger(dialect);
        this.notAReturnPair = " AND NOT (d.[DocType] = 'DM' AND EXISTS (SELECT 1 FROM " + dialect.table("ARDoc")
                + " m WHERE m.[DocType] = 'CM' AND m.[CustId] = d.[CustId] AND m.[RefNbr] = d.[RefNbr]))";
    }

    /** RefNbrs of every IN/DM/FI row that is open with a balance: what a full snapshot or a sweep reads. */
    Set<String> openRefNbrs(Connection c) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT d.[RefNbr] FROM " + dialect.table("ARDoc") + " d WHERE d.[DocType] IN "
                + PAYABLE + " AND d.[OpenDoc] = 1 AND d.[DocBal] > 0" + notAReturnPair);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(SlConventions.rtrim(rs.getString(1)));
            }
        }
        return out;
    }

    /**
     * The open invoices among {@code refNbrs}, by topic key. A key that exists but is closed (OpenDoc 0 or no
     * balance), and a RefNbr with no IN/DM/FI row at all, are simply absent: the caller tombstones them.
     */
    Map<String, SlInvoiceSnapshot> read(Connection c, Collection<String> refNbrs, Instant capturedAt) throws SQLException {
        Map<String, Doc> winners = new LinkedHashMap<>();
        for (List<String> chunk : InLists.chunks(refNbrs)) {
            documents(c, chunk, winners);
        }
        Map<String, Doc> open = new LinkedHashMap<>();
        Map<String, Doc> byIdentity = new HashMap<>();
        winners.forEach((key, doc) -> {
            if (doc.openDoc && doc.docBal.signum() > 0) {
                open.put(key, doc);
                byIdentity.put(doc.identity(), doc);
            }
        });
        if (open.isEmpty()) {
            return Map.of();
        }
        Set<String> openRefs = new LinkedHashSet<>();
        open.values().forEach(d -> openRefs.add(d.refNbr));
        for (List<String> chunk : InLists.chunks(openRefs)) {
            pendingLines(c, chunk, byIdentity);
            releasedApplications(c, chunk, byIdentity);
        }
        Set<String> paymentRefs = new LinkedHashSet<>();
        open.values().forEach(d -> d.applications.forEach(a -> paymentRefs.add(a.paymentRefNbr)));
        Map<String, List<String>> commands = paymentRefs.isEmpty() ? Map.of() : ledger.appliedByRefNbr(c, paymentRefs);

        Map<String, SlInvoiceSnapshot> out = new LinkedHashMap<>();
        open.forEach((key, doc) -> out.put(key, doc.snapshot(commands, capturedAt)));
        return out;
    }

    private void documents(Connection c, List<String> refNbrs, Map<String, Doc> winners) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.[CpnyID], d.[CustId], d.[DocType], d.[RefNbr], d.[OrdNbr], d.[CustOrdNbr],"
                + " d.[DocDate], d.[DueDate], d.[OrigDocAmt], d.[DocBal], d.[Rlsed], d.[OpenDoc], " + dialect.rowVersion("d")
                + " FROM " + dialect.table("ARDoc") + " d WHERE d.[DocType] IN " + PAYABLE + notAReturnPair + " AND d.[RefNbr] IN ("
                + InLists.marks(refNbrs.size()) + ") ORDER BY d.[Rlsed] DESC, d.[BatNbr], d.[BatSeq], d.[DocType], d.[CustId]")) {
            bind(ps, refNbrs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Doc doc = new Doc(rtrim(rs, 1), rtrim(rs, 2), rtrim(rs, 3), rtrim(rs, 4), rtrim(rs, 5), rtrim(rs, 6),
                            date(rs.getTimestamp(7)), date(rs.getTimestamp(8)), SlConventions.money(rs.getDouble(9)),
                            SlConventions.money(rs.getDouble(10)), rs.getInt(11) == 1, rs.getInt(12) == 1, rs.getLong(13));
                    winners.putIfAbsent(SlKeys.invoice(doc.cpnyId, doc.refNbr), doc);
                }
            }
        }
    }

    /** Unreleased 'U' lines of 08030 batches, ours or keyed in SL: SiteId/CostType = the invoice, same customer. */
    private void pendingLines(Connection c, List<String> refNbrs, Map<String, Doc> byIdentity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.[SiteId], t.[CostType], t.[CustId], t.[RefNbr], t.[TranAmt], t.[User1], "
                + dialect.rowVersion("t") + " FROM " + dialect.table("ARTran") + " t WHERE t.[DrCr] = 'U' AND t.[Rlsed] = 0"
                + " AND t.[SiteId] IN (" + InLists.marks(refNbrs.size()) + ") ORDER BY t.[SiteId], t.[RefNbr], t.[LineNbr]")) {
            bind(ps, refNbrs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Doc doc = byIdentity.get(identity(rtrim(rs, 3), rtrim(rs, 2), rtrim(rs, 1)));
                    if (doc != null) {
                        doc.add(new Applied(rtrim(rs, 4), SlConventions.money(rs.getDouble(5)), false, rtrim(rs, 6)), rs.getLong(7));
                    }
                }
            }
        }
    }

    /** ARAdjust rows (made by SL's release), reversals included as SL keeps them: negative amounts. */
    private void releasedApplications(Connection c, List<String> refNbrs, Map<String, Doc> byIdentity) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT a.[AdjdRefNbr], a.[AdjdDocType], a.[CustId], a.[AdjgRefNbr], a.[AdjAmt], "
                + dialect.rowVersion("a") + " FROM " + dialect.table("ARAdjust") + " a WHERE a.[AdjdRefNbr] IN ("
                + InLists.marks(refNbrs.size()) + ") ORDER BY a.[AdjdRefNbr], a.[RecordID]")) {
            bind(ps, refNbrs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Doc doc = byIdentity.get(identity(rtrim(rs, 3), rtrim(rs, 2), rtrim(rs, 1)));
                    if (doc != null) {
                        doc.add(new Applied(rtrim(rs, 4), SlConventions.money(rs.getDouble(5)), true, ""), rs.getLong(6));
                    }
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }

    private static String rtrim(ResultSet rs, int column) throws SQLException {
        return SlConventions.rtrim(rs.getString(column));
    }

    private static LocalDate date(Timestamp ts) {
        return ts == null ? SlConventions.EMPTY_DATE : ts.toLocalDateTime().toLocalDate();
    }

    private static String identity(String custId, String docType, String refNbr) {
        return custId + "|" + docType + "|" + refNbr;
    }

    /** One application as read; {@code tag} is ARTran.User1 (blank on ARAdjust and on lines keyed in SL). */
    private record Applied(String paymentRefNbr, BigDecimal amount, boolean released, String tag) {
    }

    /** The winning ARDoc row and what was read for it. */
    private static final class Doc {
        final String cpnyId;
        final String custId;
        final String docType;
        final String refNbr;
        final String ordNbr;
        final String custOrdNbr;
        final LocalDate docDate;
        final LocalDate dueDate;
        final BigDecimal origDocAmt;
        final BigDecimal docBal;
        final boolean released;
        final boolean openDoc;
        final List<Applied> applications = new ArrayList<>();
        long version;

        Doc(String cpnyId, String custId, String docType, String refNbr, String ordNbr, String custOrdNbr, LocalDate docDate,
            LocalDate dueDate, BigDecimal origDocAmt, BigDecimal docBal, boolean released, boolean openDoc, long version) {
            this.cpnyId = cpnyId;
            this.custId = custId;
            this.docType = docType;
            this.refNbr = refNbr;
            this.ordNbr = ordNbr;
            this.custOrdNbr = custOrdNbr;
            this.docDate = docDate;
            this.dueDate = dueDate;
            this.origDocAmt = origDocAmt;
            this.docBal = docBal;
            this.released = released;
            this.openDoc = openDoc;
            this.version = version;
        }

        String identity() {
            return InvoiceReader.identity(custId, docType, refNbr);
        }

        void add(Applied applied, long rowVersion) {
            applications.add(applied);
            version = Math.max(version, rowVersion);
        }

        SlInvoiceSnapshot snapshot(Map<String, List<String>> commands, Instant capturedAt) {
            List<InvoiceApplication> apps = new ArrayList<>(applications.size());
            for (Applied a : applications) {
                apps.add(InvoiceApplication.newBuilder()
                        .setPaymentRefNbr(a.paymentRefNbr())
                        .setCommandId(commandOf(a, commands.getOrDefault(a.paymentRefNbr(), List.of())))
                        .setAmount(a.amount())
                        .setReleased(a.released())
                        .build());
            }
            return SlInvoiceSnapshot.newBuilder()
                    .setCpnyId(cpnyId)
                    .setCustId(custId)
                    .setDocType(docType)
                    .setRefNbr(refNbr)
                    .setOrdNbr(ordNbr)
                    .setCustOrdNbr(custOrdNbr)
                    .setDocDate(docDate)
                    // SL's empty date is 1900-01-01; the contract says null.
                    .setDueDate(dueDate.isAfter(SlConventions.EMPTY_DATE) ? dueDate : null)
                    .setOrigDocAmt(origDocAmt)
                    .setDocBal(docBal)
                    .setReleased(released)
                    .setOpen(openDoc)
                    .setApplications(apps)
                    .setChangeVersion(version)
                    .setCapturedAt(capturedAt)
                    .build();
        }

        /**
         * The command behind an application: the one whose tag the line carries (PostPayment and ApplyPayment lines
         * under one payment), else the payment's first command, the PostPayment that created it (ARAdjust rows, and
         * lines written before lines were tagged). Null when the payment was keyed in SL.
         */
        private static String commandOf(Applied a, List<String> candidates) {
            if (candidates.isEmpty()) {
                return null;
            }
            for (String key : candidates) {
                if (CommandTag.matches(a.tag(), key)) {
                    return key;
                }
            }
            return candidates.get(0);
        }
    }
}
