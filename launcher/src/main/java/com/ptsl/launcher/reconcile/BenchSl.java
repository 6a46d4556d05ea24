package com.ptsl.launcher.reconcile;

import com.ptsl.launcher.reconcile.BenchGenerator.Deposit;
import com.ptsl.launcher.reconcile.BenchGenerator.DepositLine;
import com.ptsl.launcher.reconcile.BenchGenerator.Ledger;
import com.ptsl.launcher.reconcile.BenchGenerator.Payment;
import com.ptsl.launcher.reconcile.BenchGenerator.Refund;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SL side of the benchmark's day: the rows the erp-sink would have written for it, in the shapes of its
 * PaymentPoster (PA + 'U' lines in one 08030 batch), RefundPoster under the default CREDIT_MEMO policy (CM + DM, one
 * line each, in one 08010 batch), CommandLedger and DepositRecorder, inserted in JDBC batches and committed once per
 * settlement batch. The two AR batches are numbered from ARSetup.LastBatNbr as SL does and totalled at the end.
 */
final class BenchSl implements AutoCloseable {

    static final String CARD_CLEARING = "1010";
    static final String ACCOUNTS_RECEIVABLE = "1300";
    static final String SALES_RETURNS = "4100";
    static final String SUB = "00-000-00";
    static final String USER = "PTSL";

    private final Connection c;
    private final SlBulkInsert rows;
    private final String program;
    private final String cpnyId;
    private final LocalDate day;
    private final String perPost;
    private final String perEnt;
    private final String curyId;
    private final String glPostOpt;
    final String paymentBatch;
    final String memoBatch;
    private int paymentSeq;
    private int memoSeq;

    BenchSl(Connection connection, String program, String cpnyId, LocalDate day) throws SQLException {
        this.c = connection;
        this.program = program;
        this.cpnyId = cpnyId;
        this.day = day;
        c.setAutoCommit(false);
        this.rows = new SlBulkInsert(c);
        this.perPost = String.format("%04d%02d", day.getYear(), day.getMonthValue());
        String arPeriod = text("SELECT TOP 1 [PerNbr] FROM dbo.[ARSetup]");
        this.perEnt = arPeriod.isEmpty() ? perPost : arPeriod;
        String cury = text("SELECT TOP 1 [BaseCuryId] FROM dbo.[GLSetup]");
        this.curyId = cury.isEmpty() ? "USD" : cury;
        this.glPostOpt = text("SELECT TOP 1 [GLPostOpt] FROM dbo.[ARSetup]");
        String last = text("SELECT TOP 1 [LastBatNbr] FROM dbo.[ARSetup]");
        long next = (last.isEmpty() ? 0 : Long.parseLong(last)) + 1;
        this.paymentBatch = String.format("%06d", next);
        this.memoBatch = String.format("%06d", next + 1);
        try (PreparedStatement ps = c.prepareStatement("UPDATE dbo.[ARSetup] SET [LastBatNbr] = ?")) {
            ps.setString(1, memoBatch);
            ps.executeUpdate();
        }
        batch(paymentBatch, "08030", "PayTrace card " + day);
        batch(memoBatch, "08010", "PayTrace refunds " + day);
        rows.flush();
        c.commit();
    }

    private String text(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1).strip() : "";
        }
    }

    private void batch(String batNbr, String screen, String description) throws SQLException {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Module", "AR");
        v.put("BatNbr", batNbr);
        v.put("EditScrnNbr", screen);
        v.put("JrnlType", "AR");
        v.put("BatType", "N");
        v.put("Status", "B");
        v.put("Rlsed", 0);
        v.put("CpnyID", cpnyId);
        v.put("PerPost", perPost);
        v.put("PerEnt", perEnt);
        v.put("DateEnt", day);
        v.put("BankAcct", CARD_CLEARING);
        v.put("BankSub", SUB);
        v.put("CuryId", curyId);
        v.put("CuryMultDiv", "M");
        v.put("CuryRate", 1.0d);
        v.put("GLPostOpt", glPostOpt.isEmpty() ? " " : glPostOpt);
        v.put("Descr", description);
        audit(v, LocalDateTime.now());
        rows.add("Batch", v);
    }

    void payment(Payment p) throws SQLException {
        boolean applied = !p.invoiceRefNbr().isEmpty();
        String description = "PayTrace card xxxx" + p.maskedAccount().substring(p.maskedAccount().length() - 4);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("CustId", p.custId());
        doc.put("DocType", "PA");
        doc.put("RefNbr", p.transactionId());
        doc.put("BatNbr", paymentBatch);
        doc.put("BatSeq", ++paymentSeq);
        doc.put("CpnyID", cpnyId);
        doc.put("DocDate", day);
        doc.put("PerPost", perPost);
        doc.put("PerEnt", perEnt);
        doc.put("OrigDocAmt", p.amount().doubleValue());
        doc.put("CuryOrigDocAmt", p.amount().doubleValue());
        doc.put("DocBal", p.amount().doubleValue());
        doc.put("CuryDocBal", p.amount().doubleValue());
        doc.put("ApplBatNbr", paymentBatch);
        doc.put("ApplBatSeq", paymentSeq);
        doc.put("ApplAmt", applied ? 0.0d : p.amount().doubleValue());
        doc.put("CuryApplAmt", applied ? 0.0d : p.amount().doubleValue());
        doc.put("BankAcct", CARD_CLEARING);
        doc.put("BankSub", SUB);
        doc.put("CustOrdNbr", p.transactionId());
        doc.put("DocDesc", description);
        doc.put("DocClass", "N");
        doc.put("Rlsed", 0);
        doc.put("OpenDoc", 1);
        doc.put("LineCntr", applied ? 1 : 0);
        doc.put("CuryId", curyId);
        doc.put("CuryMultDiv", "M");
        doc.put("CuryRate", 1.0d);
        doc.put("User1", "PayTrace " + p.transactionId());
        doc.put("User5", p.approvalCode());
        audit(doc, p.at());
        rows.add("ARDoc", doc);
        if (applied) {
            Map<String, Object> tran = line(p.custId(), "PA", p.transactionId(), paymentBatch, "U", ACCOUNTS_RECEIVABLE,
                    p.amount(), description, "PostPayment:" + p.transactionId(), p.at());
            tran.put("SiteId", p.invoiceRefNbr());
            tran.put("CostType", "IN");
            rows.add("ARTran", tran);
        }
    }

    void refund(Refund r) throws SQLException {
        for (String docType : new String[] {"CM", "DM"}) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("CustId", r.custId());
            doc.put("DocType", docType);
            doc.put("RefNbr", r.transactionId());
            doc.put("BatNbr", memoBatch);
            doc.put("BatSeq", ++memoSeq);
            doc.put("CpnyID", cpnyId);
            doc.put("DocDate", day);
            doc.put("DueDate", day);
            doc.put("DiscDate", day);
            doc.put("CuryEffDate", day);
            doc.put("PerPost", perPost);
            doc.put("PerEnt", perEnt);
            doc.put("OrigDocAmt", r.amount().doubleValue());
            doc.put("CuryOrigDocAmt", r.amount().doubleValue());
            doc.put("DocBal", r.amount().doubleValue());
            doc.put("CuryDocBal", r.amount().doubleValue());
            doc.put("BankAcct", ACCOUNTS_RECEIVABLE);
            doc.put("BankSub", SUB);
            doc.put("CustOrdNbr", r.transactionId());
            doc.put("DocDesc", "PayTrace refund");
            doc.put("DocClass", "N");
            doc.put("Rlsed", 0);
            doc.put("OpenDoc", 1);
            doc.put("LineCntr", 1);
            doc.put("CuryId", curyId);
            doc.put("CuryMultDiv", "M");
            doc.put("CuryRate", 1.0d);
            doc.put("User1", "PayTrace " + r.transactionId());
            doc.put("User2", "Refund of PA " + r.originalTransactionId());
            audit(doc, r.at());
            rows.add("ARDoc", doc);
            // CM: returned goods (debit sales returns); DM: the cash that left the card clearing account.
            boolean memo = docType.equals("CM");
            rows.add("ARTran", line(r.custId(), docType, r.transactionId(), memoBatch, memo ? "D" : "C",
                    memo ? SALES_RETURNS : CARD_CLEARING, r.amount(), "PayTrace refund", "PostRefund:" + r.transactionId(), r.at()));
        }
    }

    private Map<String, Object> line(String custId, String tranType, String refNbr, String batNbr, String drCr, String acct,
                                     BigDecimal amount, String description, String tag, LocalDateTime at) {
        Map<String, Object> tran = new LinkedHashMap<>();
        tran.put("CustId", custId);
        tran.put("TranType", tranType);
        tran.put("RefNbr", refNbr);
        tran.put("BatNbr", batNbr);
        tran.put("CpnyID", cpnyId);
        tran.put("LineNbr", (int) Short.MIN_VALUE);
        tran.put("LineId", 1);
        tran.put("LineRef", "00001");
        tran.put("DrCr", drCr);
        tran.put("SiteId", " ");
        tran.put("CostType", " ");
        tran.put("Acct", acct);
        tran.put("Sub", SUB);
        tran.put("TranAmt", amount.doubleValue());
        tran.put("CuryTranAmt", amount.doubleValue());
        tran.put("Qty", 1.0d);
        tran.put("UnitPrice", 1.0d);
        tran.put("CnvFact", 1.0d);
        tran.put("TranClass", "N");
        tran.put("PerPost", perPost);
        tran.put("PerEnt", perEnt);
        tran.put("FiscYr", perPost.substring(0, 4));
        tran.put("JrnlType", "AR");
        tran.put("ExtRefNbr", refNbr);
        tran.put("TranDate", day);
        tran.put("TranDesc", description);
        tran.put("Rlsed", 0);
        tran.put("CuryId", curyId);
        tran.put("CuryMultDiv", "M");
        tran.put("CuryRate", 1.0d);
        tran.put("User1", tag.length() > 30 ? tag.substring(0, 30) : tag);
        audit(tran, at);
        return tran;
    }

    void ledger(Ledger l) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("CommandId", l.commandId());
        row.put("Status", "APPLIED");
        row.put("Reason", null);
        row.put("CustId", l.custId());
        row.put("SourceTransactionId", l.sourceTransactionId());
        row.put("BatNbr", l.batNbr());
        row.put("RefNbr", l.refNbr());
        row.put("SourceReceivedAt", l.sourceReceivedAt());
        row.put("ProcessedAt", l.processedAt());
        row.put("ResultSent", 1);
        row.put("Event", l.event());
        row.put("CommandType", l.commandType());
        row.put("Amount", l.amount());
        row.put("Documents", l.documents());
        rows.add("PTSL_CommandLedger", row);
    }

    void deposit(Deposit d) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("BatchNumber", d.batchNumber());
        row.put("CommandId", d.commandId());
        row.put("DepositDate", d.depositDate());
        row.put("NetAmount", d.net());
        row.put("SalesAmount", d.sales());
        row.put("RefundAmount", d.refunds());
        row.put("FeeAmount", null);
        row.put("FeeAcct", null);
        row.put("FeeSub", null);
        row.put("SlAmount", d.net());
        row.put("Difference", BigDecimal.ZERO.setScale(2));
        row.put("Status", "MATCHED");
        row.put("SlBatches", d.slBatches());
        row.put("TransactionCount", d.lines().size());
        row.put("RecordedAt", d.recordedAt());
        row.put("ReviewSent", 1);
        rows.add("PTSL_Deposit", row);
        for (DepositLine l : d.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("BatchNumber", d.batchNumber());
            line.put("TransactionId", l.transactionId());
            line.put("Kind", l.kind());
            line.put("Amount", l.amount());
            line.put("SlAmount", l.slAmount());
            line.put("Documents", l.documents());
            rows.add("PTSL_DepositLine", line);
        }
    }

    /** Sends the pending rows and commits: the end of one settlement batch's worth. */
    void commit() throws SQLException {
        rows.flush();
        c.commit();
    }

    /** The two batches balanced as the sink's retotal leaves them: CtrlTot = CrTot = Σ OrigDocAmt (DepositAmt for 08030). */
    void finish() throws SQLException {
        commit();
        retotal(paymentBatch, true);
        retotal(memoBatch, false);
        c.commit();
    }

    private void retotal(String batNbr, boolean deposit) throws SQLException {
        double total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM([OrigDocAmt]), 0) FROM dbo.[ARDoc] WHERE [BatNbr] = ?")) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = BigDecimal.valueOf(rs.getDouble(1)).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dbo.[Batch] SET [CtrlTot] = ?, [CrTot] = ?, [CuryCtrlTot] = ?,"
                + " [CuryCrTot] = ?, [DepositAmt] = ?, [CuryDepositAmt] = ? WHERE [Module] = 'AR' AND [BatNbr] = ?")) {
            for (int i = 1; i <= 4; i++) {
                ps.setDouble(i, total);
            }
            ps.setDouble(5, deposit ? total : 0);
            ps.setDouble(6, deposit ? total : 0);
            ps.setString(7, batNbr);
            ps.executeUpdate();
        }
    }

    long rows() {
        return rows.rows();
    }

    Map<String, Long> millisByTable() {
        return rows.millisByTable();
    }

    private void audit(Map<String, Object> row, LocalDateTime at) {
        row.put("Crtd_DateTime", at);
        row.put("Crtd_Prog", program);
        row.put("Crtd_User", USER);
        row.put("LUpd_DateTime", at);
        row.put("LUpd_Prog", program);
        row.put("LUpd_User", USER);
    }

    @Override
    public void close() throws SQLException {
        rows.close();
    }
}
