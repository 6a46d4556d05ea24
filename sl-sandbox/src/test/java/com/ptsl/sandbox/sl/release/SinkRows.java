package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlAccounts;
import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sandbox.sl.SlValues;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Writes, by hand, the unreleased AR batches the erp-sink writes (ctx "SL documents the erp-sink writes"):
 * an 08030 PA batch with 'U' lines, an 08010 CM + cash-out DM batch, an 08240 NS reversal of a released PA, and an
 * unreleased 08010 invoice batch. Column values follow the sink's PaymentPoster/ApplicationLines/DepositBatches.
 */
final class SinkRows {

    static final String PROG = "PTSLSINK";
    static final String USER = "PTSL";
    static final String CPNY = "PTSL";
    static final String AR = SlAccounts.ACCOUNTS_RECEIVABLE;
    static final String CASH = SlAccounts.CARD_CLEARING;
    static final String REFUND = SlAccounts.SALES_RETURNS;
    static final String SUB = SlAccounts.SUB;

    record Application(String invoiceRefNbr, BigDecimal amount) {
    }

    record Payment(String custId, String refNbr, BigDecimal amount, List<Application> applications) {
        BigDecimal applied() {
            return applications.stream().map(Application::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private final SlSandbox sl;
    final LocalDate today = LocalDate.now();
    final String perPost = SlValues.period(today);

    SinkRows(SlSandbox sl) {
        this.sl = sl;
    }

    static Application pays(String invoiceRefNbr, String amount) {
        return new Application(invoiceRefNbr, new BigDecimal(amount));
    }

    static Payment payment(String custId, String refNbr, String amount, Application... applications) {
        return new Payment(custId, refNbr, new BigDecimal(amount), List.of(applications));
    }

    /** An 08030 batch, Status B, totals = Σ payments; each PA with ApplAmt = the unapplied part and one 'U' line per invoice. */
    String paymentBatch(Payment... payments) throws SQLException {
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            c.setAutoCommit(false);
            String batNbr = nextBatNbr(c);
            BigDecimal total = BigDecimal.ZERO;
            int batSeq = 1;
            for (Payment p : payments) {
                total = total.add(p.amount());
                BigDecimal unapplied = p.amount().subtract(p.applied());
                w.into("ARDoc").setAll(audit()).set("CustId", p.custId()).set("DocType", "PA").set("RefNbr", p.refNbr())
                        .set("BatNbr", batNbr).set("BatSeq", batSeq).set("CpnyID", CPNY).set("DocDate", today)
                        .set("PerPost", perPost).set("PerEnt", perPost)
                        .set("OrigDocAmt", p.amount()).set("CuryOrigDocAmt", p.amount()).set("DocBal", p.amount())
                        .set("CuryDocBal", p.amount()).set("ApplBatNbr", batNbr).set("ApplBatSeq", batSeq)
                        .set("ApplAmt", unapplied).set("CuryApplAmt", unapplied).set("BankAcct", CASH).set("BankSub", SUB)
                        .set("CustOrdNbr", p.refNbr()).set("DocDesc", "PayTrace card xxxx1111").set("DocClass", "N")
                        .set("Rlsed", 0).set("OpenDoc", 1).set("LineCntr", p.applications().size()).set("CuryId", "USD")
                        .set("CuryMultDiv", "M").set("CuryRate", 1.0).set("User1", "PayTrace " + p.refNbr()).insert();
                int lineNbr = Short.MIN_VALUE;
                int lineId = 1;
                for (Application a : p.applications()) {
                    w.into("ARTran").setAll(audit()).set("CustId", p.custId()).set("TranType", "PA").set("RefNbr", p.refNbr())
                            .set("BatNbr", batNbr).set("CpnyID", CPNY).set("LineNbr", lineNbr++).set("LineId", lineId++)
                            .set("DrCr", "U").set("SiteId", a.invoiceRefNbr()).set("CostType", "IN")
                            .set("TranAmt", a.amount()).set("CuryTranAmt", a.amount()).set("Acct", AR).set("Sub", SUB)
                            .set("PerPost", perPost).set("PerEnt", perPost).set("FiscYr", SlValues.fiscalYear(perPost))
                            .set("JrnlType", "AR").set("ExtRefNbr", p.refNbr()).set("TranDate", today)
                            .set("TranDesc", "PayTrace card xxxx1111").set("Rlsed", 0).set("CuryId", "USD")
                            .set("CuryMultDiv", "M").set("CuryRate", 1.0).set("UnitPrice", 1.0)
                            .set("User1", "PostPayment:" + p.refNbr()).insert();
                }
                batSeq++;
            }
            batch(w, batNbr, "08030", total, CASH);
            c.commit();
            return batNbr;
        }
    }

    /** An 08010 batch with a returned-goods CM and a cash-out DM of {@code amount} each (policy CREDIT_MEMO). */
    String refundBatch(String custId, String refundTx, String amount) throws SQLException {
        BigDecimal value = new BigDecimal(amount);
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            c.setAutoCommit(false);
            String batNbr = nextBatNbr(c);
            memo(w, batNbr, 1, custId, "CM", refundTx, value, "D", REFUND);
            memo(w, batNbr, 2, custId, "DM", refundTx, value, "C", CASH);
            batch(w, batNbr, "08010", value.add(value), " ");
            c.commit();
            return batNbr;
        }
    }

    /** An 08240 batch reversing the released PA {@code refNbr}: one NS, BankAcct = the PA's cash account, one Dr AR line. */
    String reversalBatch(String custId, String refNbr) throws SQLException {
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            c.setAutoCommit(false);
            String batNbr = nextBatNbr(c);
            BigDecimal amount;
            String bankAcct;
            String bankSub;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT OrigDocAmt, BankAcct, BankSub FROM dbo.ARDoc WHERE CustId = ? AND DocType = 'PA' AND RefNbr = ?")) {
                ps.setString(1, custId);
                ps.setString(2, refNbr);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    amount = SlValues.money(rs.getDouble(1));
                    bankAcct = rs.getString(2).strip();
                    bankSub = rs.getString(3).strip();
                }
            }
            w.into("ARDoc").setAll(audit()).set("CustId", custId).set("DocType", "NS").set("RefNbr", refNbr)
                    .set("BatNbr", batNbr).set("BatSeq", 1).set("CpnyID", CPNY).set("DocDate", today)
                    .set("PerPost", perPost).set("PerEnt", perPost).set("OrigDocAmt", amount).set("CuryOrigDocAmt", amount)
                    .set("DocBal", amount).set("CuryDocBal", amount).set("BankAcct", bankAcct).set("BankSub", bankSub)
                    .set("S4Future02", refNbr).set("S4Future12", "PA").set("DocDesc", "PayTrace void").set("DocClass", "N")
                    .set("Rlsed", 0).set("OpenDoc", 1).set("LineCntr", 1).set("CuryId", "USD").set("CuryMultDiv", "M")
                    .set("CuryRate", 1.0).set("User1", "PayTrace " + refNbr).insert();
            w.into("ARTran").setAll(audit()).set("CustId", custId).set("TranType", "NS").set("RefNbr", refNbr)
                    .set("BatNbr", batNbr).set("CpnyID", CPNY).set("LineNbr", Short.MIN_VALUE).set("LineId", 1).set("DrCr", "D")
                    .set("Acct", AR).set("Sub", SUB).set("TranAmt", amount).set("CuryTranAmt", amount)
                    .set("PerPost", perPost).set("PerEnt", perPost).set("FiscYr", SlValues.fiscalYear(perPost))
                    .set("JrnlType", "AR").set("TranDate", today).set("TranDesc", "PayTrace void").set("Rlsed", 0)
                    .set("CuryId", "USD").set("CuryMultDiv", "M").set("CuryRate", 1.0)
                    .set("User1", "ReversePayment:" + refNbr).insert();
            batch(w, batNbr, "08240", amount, bankAcct);
            c.commit();
            return batNbr;
        }
    }

    /** An unreleased 08010 invoice batch (Rlsed 0), in {@code status}: what an AR clerk keyed but did not release. */
    String invoiceBatch(String status, String custId, String refNbr, String amount) throws SQLException {
        BigDecimal value = new BigDecimal(amount);
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            c.setAutoCommit(false);
            String batNbr = nextBatNbr(c);
            memo(w, batNbr, 1, custId, "IN", refNbr, value, "C", SlAccounts.SALES);
            batch(w, batNbr, "08010", value, " ");
            c.commit();
            update("UPDATE dbo.Batch SET Status = ? WHERE Module = 'AR' AND BatNbr = ?", status, batNbr);
            return batNbr;
        }
    }

    /** A document of an 08010 batch: BankAcct = AR (release debits it for IN/DM, credits it for CM), one line. */
    private void memo(SlRowWriter w, String batNbr, int batSeq, String custId, String docType, String refNbr, BigDecimal amount,
                      String drCr, String lineAcct) throws SQLException {
        w.into("ARDoc").setAll(audit()).set("CustId", custId).set("DocType", docType).set("RefNbr", refNbr)
                .set("BatNbr", batNbr).set("BatSeq", batSeq).set("CpnyID", CPNY).set("DocDate", today)
                .set("PerPost", perPost).set("PerEnt", perPost).set("OrigDocAmt", amount).set("CuryOrigDocAmt", amount)
                .set("DocBal", amount).set("CuryDocBal", amount).set("BankAcct", AR).set("BankSub", SUB)
                .set("DocDesc", "PayTrace refund").set("DocClass", "N").set("Rlsed", 0).set("OpenDoc", 1).set("LineCntr", 1)
                .set("CuryId", "USD").set("CuryMultDiv", "M").set("CuryRate", 1.0).set("User1", "PayTrace " + refNbr).insert();
        w.into("ARTran").setAll(audit()).set("CustId", custId).set("TranType", docType).set("RefNbr", refNbr)
                .set("BatNbr", batNbr).set("CpnyID", CPNY).set("LineNbr", Short.MIN_VALUE).set("LineId", 1).set("DrCr", drCr)
                .set("Acct", lineAcct).set("Sub", SUB).set("TranAmt", amount).set("CuryTranAmt", amount)
                .set("PerPost", perPost).set("PerEnt", perPost).set("FiscYr", SlValues.fiscalYear(perPost))
                .set("JrnlType", "AR").set("TranDate", today).set("TranDesc", "PayTrace refund").set("Rlsed", 0)
                .set("CuryId", "USD").set("CuryMultDiv", "M").set("CuryRate", 1.0).set("User1", "PostRefund:" + refNbr).insert();
    }

    /** Before release CtrlTot = CrTot = DepositAmt = Σ documents (12123 otherwise); DrTot stays 0 until release. */
    private void batch(SlRowWriter w, String batNbr, String screen, BigDecimal total, String bankAcct) throws SQLException {
        w.into("Batch").setAll(audit()).set("Module", "AR").set("BatNbr", batNbr).set("EditScrnNbr", screen)
                .set("JrnlType", "AR").set("BatType", "N").set("Status", "B").set("Rlsed", 0).set("CpnyID", CPNY)
                .set("PerPost", perPost).set("PerEnt", perPost).set("DateEnt", today)
                .set("BankAcct", bankAcct).set("BankSub", bankAcct.isBlank() ? " " : SUB)
                .set("CuryId", "USD").set("CuryMultDiv", "M").set("CuryRate", 1.0).set("GLPostOpt", "D")
                .set("CtrlTot", total).set("CrTot", total).set("DepositAmt", total)
                .set("CuryCtrlTot", total).set("CuryCrTot", total).set("CuryDepositAmt", total)
                .set("Descr", "PayTrace " + screen).insert();
    }

    /** The next AR batch number from ARSetup.LastBatNbr, as the sink numbers its batches (skipping numbers in use). */
    private static String nextBatNbr(Connection c) throws SQLException {
        long last;
        try (PreparedStatement ps = c.prepareStatement("SELECT LastBatNbr FROM dbo.ARSetup FOR UPDATE"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            last = Long.parseLong(rs.getString(1).strip());
        }
        String candidate;
        while (true) {
            candidate = SlValues.zeroPad(++last, 6);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM dbo.Batch WHERE Module = 'AR' AND BatNbr = ?")) {
                ps.setString(1, candidate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dbo.ARSetup SET LastBatNbr = ?")) {
            ps.setString(1, candidate);
            ps.executeUpdate();
        }
        return candidate;
    }

    /** Runs one UPDATE/DELETE (to spoil a batch for a refusal test). */
    int update(String sql, Object... params) throws SQLException {
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static Map<String, Object> audit() {
        LocalDateTime now = SlValues.now();
        return Map.of("Crtd_DateTime", now, "Crtd_Prog", PROG, "Crtd_User", USER,
                "LUpd_DateTime", now, "LUpd_Prog", PROG, "LUpd_User", USER);
    }
}
