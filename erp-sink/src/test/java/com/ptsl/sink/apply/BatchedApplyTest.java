package com.ptsl.sink.apply;

import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.deposit.DepositSettings;
import com.ptsl.sink.kafka.PartitionOffsets;
import com.ptsl.sink.kafka.Redrive;
import com.ptsl.sink.ledger.CommandLedger;
import com.ptsl.sink.ledger.DeadLetterStore;
import com.ptsl.sink.offsets.OffsetStore;
import com.ptsl.sink.posting.CashAccount;
import com.ptsl.sink.posting.PostingSettings;
import com.ptsl.sink.posting.SlWriter;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.dialect.SqlDialect;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.SlReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched path of {@link PollBatchApplier} against the SL sandbox, without Kafka: poll batches are built as the consumer
 * hands them over and applied in one transaction each, the way SinkLoop does. Each test runs the same records through the
 * batched applier and through the one-by-one applier (the path it falls back to) on two fresh databases, and requires the
 * same decisions and the same SL rows, besides what exactly-once needs on its own: one ledger row per commandId, batches
 * balanced, BatSeq unique.
 */
class BatchedApplyTest {

    private static final LocalDate TODAY = LocalDate.now();
    private static final PostingSettings SETTINGS = new PostingSettings("PTSL", new CashAccount("1010", "00-000-00"),
            new CashAccount("1020", "00-000-00"), "B", "PTSL", "PTSL");
    private static final TopicPartition PARTITION = new TopicPartition(Topics.ERP_COMMANDS.name(), 0);
    private static final Serializer<ErpCommand> SERIALIZER = Topics.ERP_COMMANDS.valueSerde().serializer();

    private final List<Sink> sinks = new ArrayList<>();

    @AfterEach
    void closeSinks() throws SQLException {
        for (Sink s : sinks) {
            s.close();
        }
    }

    @Test
    void duplicatesRejectionsPoisonAndOtherCommandsInsideABatchDecideAndWriteExactlyAsOneByOne() throws SQLException {
        Sink batched = sink(true, SlWriter.DEFAULT_REREAD);
        Sink oneByOne = sink(false, SlWriter.DEFAULT_REREAD);
        SlReader.Invoice a1 = batched.sl.openInvoices("C00001").get(0);
        List<SlReader.Invoice> c3 = batched.sl.openInvoices("C00003");
        SlReader.Invoice c2 = batched.sl.openInvoices("C00002").get(0);
        SlReader.Invoice e1 = batched.sl.openInvoices("C00005").get(0);
        String overBalance = e1.docBal().add(new BigDecimal("10.00")).toPlainString();
        List<Msg> first = List.of(
                Msg.of(Commands.payment("p1", "C00001", "870001", "10.00", TODAY, Commands.application(a1.refNbr(), "10.00"))),
                Msg.of(Commands.payment("p2", "C00002", "870002", "25.00", TODAY)),
                Msg.of(Commands.payment("p3", "C00003", "870003", "15.00", TODAY, Commands.application(c3.get(0).refNbr(), "5.00"),
                        Commands.application(c3.get(1).refNbr(), "7.00"))),
                Msg.of(Commands.payment("p1", "C00001", "870001", "10.00", TODAY, Commands.application(a1.refNbr(), "10.00"))),
                Msg.of(Commands.payment("bad", "NOBODY", "870009", "5.00", TODAY)),
                Msg.of(Commands.payment("p4", "C00001", "870004", "20.00", TODAY, Commands.application(a1.refNbr(), "20.00"))),
                Msg.of(Commands.payment("same-ref", "C00004", "870002", "8.00", TODAY)),
                Msg.of(Commands.payment("over", "C00005", "870005", overBalance, TODAY, Commands.application(e1.refNbr(), overBalance))),
                Msg.of(Commands.payment("over-again", "C00005", "870006", "3.00", TODAY, Commands.application(e1.refNbr(), "3.00"))));
        List<Msg> second = List.of(
                Msg.poison("C00002"),
                Msg.of(Commands.payment("p1", "C00001", "870001", "10.00", TODAY)),
                Msg.of(Commands.applyPayment("apply-p2", "C00002", "870002", Commands.application(c2.refNbr(), "5.00"))),
                Msg.of(Commands.payment("p5", "C00002", "870007", "1.00", TODAY, Commands.application(c2.refNbr(), "1.00"))),
                Msg.of(Commands.payment("p6", "C00001", "870008", "2.00", TODAY, Commands.application(a1.refNbr(), "2.00"))));

        for (List<Msg> poll : List.of(first, second)) {
            PollBatchApplier.Committed viaBatch = batched.apply(poll);
            PollBatchApplier.Committed viaOne = oneByOne.apply(poll);
            assertThat(viaBatch.fellBack()).isFalse();
            assertThat(decisions(viaBatch)).isEqualTo(decisions(viaOne));
            assertThat(viaBatch.duplicateResults()).hasSameSizeAs(viaOne.duplicateResults());
            assertThat(viaBatch.deadLetters()).extracting(d -> d.commandId()).isEqualTo(viaOne.deadLetters().stream().map(d -> d.commandId()).toList());
        }
        Map<String, String> decided = batched.ledgerStatuses();
        assertThat(decided).containsEntry("p1", "APPLIED").containsEntry("p4", "APPLIED").containsEntry("bad", "REJECTED")
                .containsEntry("same-ref", "REJECTED").containsEntry("apply-p2", "APPLIED").containsEntry("p5", "APPLIED")
                .containsEntry("p6", "APPLIED").containsEntry("over", "APPLIED").containsEntry("over-again", "APPLIED").hasSize(12);
        assertThat(batched.reason("same-ref")).contains("already exists in SL");
        assertThat(batched.reason("over")).contains("capped").contains("10.00 left unapplied");
        assertThat(batched.reason("over-again")).contains("applied 0.00 of 3.00");
        assertThat(batched.slRows()).isEqualTo(oneByOne.slRows());
        assertThat(batched.deadLetterIds()).isEqualTo(oneByOne.deadLetterIds()).hasSize(3);
        batched.assertBalancedWithUniqueBatSeq();
        // p1, p4 and p6 on one invoice: each saw what the earlier ones took, inside one poll batch and across two.
        assertThat(batched.pendingOn("C00001", a1.refNbr())).isEqualByComparingTo("32.00");
    }

    @Test
    void aRedriveBetweenBatchedPaymentsAppliesOnceAndAPlainRepeatAfterItIsADuplicate() throws SQLException {
        Sink batched = sink(true, SlWriter.DEFAULT_REREAD);
        Sink oneByOne = sink(false, SlWriter.DEFAULT_REREAD);
        ErpCommand refused = Commands.payment("r1", "C00006", "871001", "12.00", TODAY);
        for (Sink s : List.of(batched, oneByOne)) {
            s.sl.execute("UPDATE " + s.dialect.table("Customer") + " SET Status = 'I' WHERE CustId = 'C00006'");
            assertThat(decisions(s.apply(List.of(Msg.of(refused))))).containsEntry("r1", "REJECTED");
            s.sl.execute("UPDATE " + s.dialect.table("Customer") + " SET Status = 'A' WHERE CustId = 'C00006'");
        }
        List<Msg> poll = List.of(
                Msg.of(Commands.payment("r0", "C00007", "871000", "3.00", TODAY)),
                Msg.redrive(refused),
                Msg.of(Commands.payment("r2", "C00008", "871002", "4.00", TODAY)),
                Msg.of(refused),
                Msg.redrive(refused));

        PollBatchApplier.Committed viaBatch = batched.apply(poll);
        PollBatchApplier.Committed viaOne = oneByOne.apply(poll);

        assertThat(decisions(viaBatch)).isEqualTo(decisions(viaOne)).containsEntry("r0", "APPLIED").containsEntry("r1", "APPLIED")
                .containsEntry("r2", "APPLIED").hasSize(3);
        assertThat(viaBatch.redrives()).isEqualTo(new PollBatchApplier.Redrives(1, 0, 1));
        assertThat(viaBatch.duplicateResults()).extracting(ErpResult::getCommandId).containsExactly("r1", "r1");
        assertThat(viaBatch.duplicateResults()).allSatisfy(r -> assertThat(r.getReason()).contains("APPLIED"));
        assertThat(batched.sl.paymentsWithRefNbr("871001")).hasSize(1);
        assertThat(batched.ledgerStatuses()).containsEntry("r1", "APPLIED").hasSize(3);
        assertThat(batched.sl.rows("SELECT Resolved FROM " + batched.dialect.table(SqlDialect.DEAD_LETTER_TABLE) + " WHERE CommandId = 'r1'"))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("Resolved")).intValue()).isEqualTo(1));
        assertThat(batched.slRows()).isEqualTo(oneByOne.slRows());
        batched.assertBalancedWithUniqueBatSeq();
    }

    @Test
    void aJdbcBatchRefusedWhenSentIsRolledBackAndAppliedOneByOneWithTheResultOfTheOneByOnePath() throws SQLException {
        Sink batched = sink(true, SlWriter.DEFAULT_REREAD);
        Sink oneByOne = sink(false, SlWriter.DEFAULT_REREAD);
        for (Sink s : List.of(batched, oneByOne)) {
            // A site's own unique index on the customer order number, and a document already holding 872003: validation
            // cannot know, the insert of PA 872003 (CustOrdNbr = its RefNbr) fails when the batch is sent.
            s.sl.execute("CREATE UNIQUE INDEX site_custordnbr ON " + s.dialect.table("ARDoc") + " (CustOrdNbr)");
            s.plantInvoice("C00009", "SITE00001", "872003", new BigDecimal("40.00"));
        }
        List<Msg> poll = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String cust = String.format("C%05d", 10 + i);
            String invoice = batched.sl.openInvoices(cust).get(0).refNbr();
            poll.add(Msg.of(Commands.payment("f" + i, cust, "87200" + i, "6.00", TODAY, Commands.application(invoice, "4.00"))));
        }
        poll.add(2, Msg.of(Commands.payment("f-dup", "C00011", "872001", "6.00", TODAY)));

        PollBatchApplier.Committed viaBatch = batched.apply(poll);
        PollBatchApplier.Committed viaOne = oneByOne.apply(poll);

        assertThat(viaBatch.fellBack()).isTrue();
        assertThat(viaOne.fellBack()).isFalse();
        assertThat(decisions(viaBatch)).isEqualTo(decisions(viaOne));
        assertThat(decisions(viaBatch)).containsEntry("f3", "REJECTED").containsEntry("f-dup", "REJECTED").containsEntry("f1", "APPLIED")
                .containsEntry("f6", "APPLIED").hasSize(7);
        assertThat(batched.reason("f3")).startsWith("SL refused the posting:");
        assertThat(batched.reason("f-dup")).contains("already exists in SL");
        assertThat(batched.sl.paymentsWithRefNbr("872003")).isEmpty();
        assertThat(batched.sl.applicationLines("C00013", "872003")).isEmpty();
        assertThat(batched.slRows()).isEqualTo(oneByOne.slRows());
        assertThat(batched.deadLetterIds()).containsExactlyInAnyOrder("f3", "f-dup");
        batched.assertBalancedWithUniqueBatSeq();
        // The next poll batch is batched again, and knows nothing the rolled-back attempt saw.
        PollBatchApplier.Committed next = batched.apply(List.of(Msg.of(Commands.payment("f7", "C00017", "872007", "2.00", TODAY))));
        assertThat(next.fellBack()).isFalse();
        assertThat(decisions(next)).containsEntry("f7", "APPLIED");
        batched.assertBalancedWithUniqueBatSeq();
    }

    @Test
    void replayedPollBatchesAreDuplicatesAndWriteNothing() throws SQLException {
        Sink batched = sink(true, SlWriter.DEFAULT_REREAD);
        List<Msg> poll = List.of(Msg.of(Commands.payment("x1", "C00001", "873001", "5.00", TODAY)),
                Msg.of(Commands.payment("x2", "C00002", "873002", "6.00", TODAY)));
        batched.apply(poll);
        Map<String, List<Object>> before = batched.slRows();

        PollBatchApplier.Committed again = batched.apply(poll);

        assertThat(again.ledgerResults()).isEmpty();
        assertThat(again.duplicateResults()).extracting(ErpResult::getStatus).containsOnly(ResultStatus.DUPLICATE).hasSize(2);
        assertThat(batched.slRows()).isEqualTo(before);
        assertThat(batched.sl.ledger()).hasSize(2);
    }

    @Test
    void aDocumentPutIntoTheBatchBehindTheSinksBackIsCountedAndItsBatSeqIsNotTakenAgain() throws SQLException {
        Sink batched = sink(true, SlWriter.DEFAULT_REREAD);
        batched.apply(List.of(Msg.of(Commands.payment("m1", "C00001", "874001", "5.00", TODAY)),
                Msg.of(Commands.payment("m2", "C00002", "874002", "6.00", TODAY))));
        String batNbr = (String) batched.sl.paymentsWithRefNbr("874001").get(0).get("BatNbr");
        // Neither the Batch row nor its totals change: only the documents' BatSeq can tell.
        batched.plantPayment("C00003", "SLUSER01", batNbr, 3, new BigDecimal("100.00"));

        batched.apply(List.of(Msg.of(Commands.payment("m3", "C00004", "874003", "7.00", TODAY))));

        assertThat(((Number) batched.sl.paymentsWithRefNbr("874003").get(0).get("BatSeq")).intValue()).isEqualTo(4);
        assertThat((BigDecimal) batched.sl.batch(batNbr).get("CtrlTot")).isEqualByComparingTo("118.00");
        batched.assertBalancedWithUniqueBatSeq();
    }

    @Test
    void aReleaseBetweenTwoTransactionsIsSeenThroughTheInvoiceRow() throws SQLException {
        Sink batched = sink(true, SlWriter.DEFAULT_REREAD);
        SlReader.Invoice invoice = batched.sl.openInvoices("C00010").get(0);
        batched.apply(List.of(Msg.of(Commands.payment("q1", "C00010", "875001", "10.00", TODAY,
                Commands.application(invoice.refNbr(), "10.00")))));
        String batNbr = (String) batched.sl.paymentsWithRefNbr("875001").get(0).get("BatNbr");
        assertThat(batched.db.release(batNbr).released()).isTrue();
        BigDecimal rest = invoice.docBal().subtract(new BigDecimal("10.00"));

        batched.apply(List.of(Msg.of(Commands.payment("q2", "C00010", "875002", rest.toPlainString(), TODAY,
                Commands.application(invoice.refNbr(), rest.toPlainString())))));

        // Had the 10.00 released meanwhile still counted as pending, 10.00 of the rest would have been capped.
        assertThat(batched.reason("q2")).isNull();
        assertThat(batched.pendingOn("C00010", invoice.refNbr())).isEqualByComparingTo(rest);
        batched.assertBalancedWithUniqueBatSeq();
    }

    @Test
    void aDocumentDeletedFromTheBatchBehindTheSinksBackLeavesTheTotalsAtOnce() throws SQLException {
        Sink batched = sink(true, SlWriter.DEFAULT_REREAD);
        batched.apply(List.of(Msg.of(Commands.payment("d1", "C00001", "877001", "5.00", TODAY)),
                Msg.of(Commands.payment("d2", "C00002", "877002", "6.00", TODAY)),
                Msg.of(Commands.payment("d3", "C00003", "877003", "7.00", TODAY))));
        String batNbr = (String) batched.sl.paymentsWithRefNbr("877001").get(0).get("BatNbr");
        // An SL user removes a payment from the unreleased batch; the Batch row keeps its (now wrong) totals.
        batched.sl.execute("DELETE FROM " + batched.dialect.table("ARDoc") + " WHERE DocType = 'PA' AND RefNbr = ?", "877002");

        batched.apply(List.of(Msg.of(Commands.payment("d4", "C00004", "877004", "8.00", TODAY))));

        assertThat((BigDecimal) batched.sl.batch(batNbr).get("CtrlTot")).isEqualByComparingTo("20.00");
        batched.assertBalancedWithUniqueBatSeq();
    }

    @Test
    void aLineKeyedAgainstAnInvoiceBetweenTransactionsIsSeenByTheNext() throws SQLException {
        for (Duration reread : List.of(SlWriter.DEFAULT_REREAD, Duration.ZERO)) {
            keyedLineIsSeen(sink(true, reread));
        }
    }

    private void keyedLineIsSeen(Sink batched) throws SQLException {
        SlReader.Invoice invoice = batched.sl.openInvoices("C00012").get(0);
        batched.apply(List.of(Msg.of(Commands.payment("k1", "C00012", "876001", "10.00", TODAY,
                Commands.application(invoice.refNbr(), "10.00")))));
        BigDecimal keyed = invoice.docBal().subtract(new BigDecimal("15.00"));
        batched.plantApplicationLine("C00012", "SLUSER02", invoice.refNbr(), keyed);

        batched.apply(List.of(Msg.of(Commands.payment("k2", "C00012", "876002", "20.00", TODAY,
                Commands.application(invoice.refNbr(), "20.00")))));

        assertThat(batched.reason("k2")).contains("applied 5.00 of 20.00");
        assertThat(batched.pendingOn("C00012", invoice.refNbr())).isEqualByComparingTo(invoice.docBal());
    }

    private Sink sink(boolean batching, Duration reread) throws SQLException {
        Sink s = new Sink(batching, reread);
        sinks.add(s);
        return s;
    }

    /** commandId → status of the poll batch's ledger results (APPLIED/REJECTED); reasons are compared with the ledger rows. */
    private static Map<String, String> decisions(PollBatchApplier.Committed c) {
        Map<String, String> out = new LinkedHashMap<>();
        c.ledgerResults().forEach(r -> out.put(r.getCommandId(), r.getStatus().name()));
        return out;
    }

    /** A record as the consumer hands it over: key, value bytes, and whether it is a re-drive. */
    private record Msg(String key, byte[] value, boolean redrive) {

        static Msg of(ErpCommand command) {
            return new Msg(command.getCustId(), SERIALIZER.serialize(Topics.ERP_COMMANDS.name(), command), false);
        }

        static Msg redrive(ErpCommand command) {
            return new Msg(command.getCustId(), SERIALIZER.serialize(Topics.ERP_COMMANDS.name(), command), true);
        }

        static Msg poison(String key) {
            return new Msg(key, "not avro".getBytes(StandardCharsets.UTF_8), false);
        }
    }

    /** One seeded SL sandbox and the sink's applier on it, with its offsets in SL as SinkLoop keeps them. */
    private static final class Sink implements AutoCloseable {
        final H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded();
        final SlReader sl = new SlReader(db);
        final SqlDialect dialect = SqlDialect.forJdbcUrl(db.jdbcUrl());
        final Connection c;
        final PollBatchApplier applier;
        final OffsetStore offsets = new OffsetStore(dialect, "batched-apply-test");
        long next;

        Sink(boolean batching, Duration reread) throws SQLException {
            c = db.connect();
            c.setAutoCommit(false);
            IntegrationTables.ensure(c, dialect);
            offsets.insert(c, PARTITION.topic(), PARTITION.partition(), 0, Instant.now());
            c.commit();
            SlWriter writer = new SlWriter(dialect, SETTINGS, DepositSettings.DEFAULT, reread);
            applier = new PollBatchApplier(dialect, writer, new CommandLedger(dialect), new DeadLetterStore(dialect), offsets, batching);
        }

        PollBatchApplier.Committed apply(List<Msg> poll) throws SQLException {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            for (Msg m : poll) {
                RecordHeaders headers = new RecordHeaders();
                if (m.redrive()) {
                    headers.add(Redrive.HEADER, "2".getBytes(StandardCharsets.UTF_8));
                }
                records.add(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), next + records.size(), System.currentTimeMillis(),
                        TimestampType.CREATE_TIME, -1, m.value().length, m.key(), m.value(), headers, Optional.empty()));
            }
            try {
                PollBatchApplier.Committed committed = applier.apply(c, records,
                        List.of(new PartitionOffsets.Range(PARTITION, next, next + records.size())));
                next += records.size();
                return committed;
            } catch (PollBatchApplier.Fenced e) {
                throw new AssertionError("no other consumer here", e);
            }
        }

        Map<String, String> ledgerStatuses() {
            Map<String, String> out = new LinkedHashMap<>();
            sl.ledger().forEach(r -> out.put((String) r.get("CommandId"), (String) r.get("Status")));
            return out;
        }

        String reason(String commandId) {
            return (String) sl.rows("SELECT Reason FROM " + dialect.table(SqlDialect.LEDGER_TABLE) + " WHERE CommandId = ?", commandId)
                    .get(0).get("Reason");
        }

        List<String> deadLetterIds() {
            return sl.rows("SELECT CommandId FROM " + dialect.table(SqlDialect.DEAD_LETTER_TABLE) + " ORDER BY CommandId").stream()
                    .map(r -> (String) r.get("CommandId")).toList();
        }

        /** What the sink wrote to SL, without the columns a clock or a sequence fills. */
        Map<String, List<Object>> slRows() {
            Map<String, List<Object>> out = new LinkedHashMap<>();
            out.put("ARDoc", List.copyOf(sl.rows("SELECT CustId, DocType, RefNbr, BatNbr, BatSeq, OrigDocAmt, DocBal, ApplAmt, LineCntr,"
                    + " ApplBatNbr, ApplBatSeq, BankAcct, User1, PerPost FROM " + dialect.table("ARDoc")
                    + " WHERE Crtd_Prog = 'PTSL' ORDER BY BatNbr, BatSeq, RefNbr")));
            out.put("ARTran", List.copyOf(sl.rows("SELECT CustId, RefNbr, BatNbr, LineNbr, LineId, SiteId, CostType, TranAmt, Acct, User1"
                    + " FROM " + dialect.table("ARTran") + " WHERE Crtd_Prog = 'PTSL' ORDER BY RefNbr, LineNbr")));
            out.put("Batch", List.copyOf(sl.rows("SELECT BatNbr, Status, CtrlTot, CrTot, DepositAmt, CuryCtrlTot, EditScrnNbr FROM "
                    + dialect.table("Batch") + " WHERE Crtd_Prog = 'PTSL' ORDER BY BatNbr")));
            out.put("Ledger", List.copyOf(sl.rows("SELECT CommandId, Status, Reason, BatNbr, RefNbr, Amount, Documents FROM "
                    + dialect.table(SqlDialect.LEDGER_TABLE) + " ORDER BY CommandId")));
            return out;
        }

        /** SL's rule at every commit: each integration batch's totals are its documents' total; BatSeq unique per batch. */
        void assertBalancedWithUniqueBatSeq() {
            for (Map<String, Object> b : sl.rows("SELECT BatNbr, CtrlTot, CrTot, DepositAmt FROM " + dialect.table("Batch")
                    + " WHERE Crtd_Prog = 'PTSL' AND EditScrnNbr = '08030'")) {
                String batNbr = (String) b.get("BatNbr");
                BigDecimal documents = sl.sumOrigDocAmt(batNbr);
                assertThat((BigDecimal) b.get("CtrlTot")).as("CtrlTot of %s", batNbr).isEqualByComparingTo(documents);
                assertThat((BigDecimal) b.get("CrTot")).as("CrTot of %s", batNbr).isEqualByComparingTo(documents);
                assertThat((BigDecimal) b.get("DepositAmt")).as("DepositAmt of %s", batNbr).isEqualByComparingTo(documents);
            }
            assertThat(sl.rows("SELECT BatNbr, BatSeq, COUNT(*) AS N FROM " + dialect.table("ARDoc")
                    + " GROUP BY BatNbr, BatSeq HAVING COUNT(*) > 1")).as("BatSeq taken twice").isEmpty();
        }

        BigDecimal pendingOn(String custId, String invoiceRefNbr) {
            return (BigDecimal) sl.rows("SELECT COALESCE(SUM(TranAmt), 0) AS T FROM " + dialect.table("ARTran")
                    + " WHERE CustId = ? AND SiteId = ? AND DrCr = 'U' AND Rlsed = 0", custId, invoiceRefNbr).get(0).get("T");
        }

        /** An open released invoice keyed in SL (only the columns these tests read). */
        void plantInvoice(String custId, String refNbr, String custOrdNbr, BigDecimal amount) throws SQLException {
            try (Connection w = db.connect(); SlRowWriter rows = new SlRowWriter(w)) {
                rows.into("ARDoc").set("CustId", custId).set("DocType", "IN").set("RefNbr", refNbr).set("BatNbr", "SITE01").set("BatSeq", 1)
                        .set("CpnyID", "PTSL").set("CustOrdNbr", custOrdNbr).set("OrigDocAmt", amount).set("DocBal", amount).set("Rlsed", 1)
                        .set("OpenDoc", 1).set("DocDate", TODAY).set("Crtd_Prog", "08010").set("Crtd_DateTime", LocalDateTime.now())
                        .set("LUpd_DateTime", LocalDateTime.now()).insert();
            }
        }

        /** A PA an SL user keyed into the batch directly, leaving the Batch row alone. */
        void plantPayment(String custId, String refNbr, String batNbr, int batSeq, BigDecimal amount) throws SQLException {
            try (Connection w = db.connect(); SlRowWriter rows = new SlRowWriter(w)) {
                rows.into("ARDoc").set("CustId", custId).set("DocType", "PA").set("RefNbr", refNbr).set("BatNbr", batNbr).set("BatSeq", batSeq)
                        .set("CpnyID", "PTSL").set("CustOrdNbr", refNbr).set("OrigDocAmt", amount).set("CuryOrigDocAmt", amount)
                        .set("DocBal", amount).set("DocDate", TODAY).set("Crtd_Prog", "08030").set("Crtd_DateTime", LocalDateTime.now())
                        .set("LUpd_DateTime", LocalDateTime.now()).insert();
            }
        }

        /** A 'U' line an SL user keyed against the invoice (the invoice row itself unchanged, as SL's 08030 leaves it). */
        void plantApplicationLine(String custId, String paymentRefNbr, String invoiceRefNbr, BigDecimal amount) throws SQLException {
            try (Connection w = db.connect(); SlRowWriter rows = new SlRowWriter(w)) {
                rows.into("ARTran").set("CustId", custId).set("TranType", "PA").set("RefNbr", paymentRefNbr).set("BatNbr", "SLUSER")
                        .set("LineNbr", -32768).set("LineId", 1).set("DrCr", "U").set("SiteId", invoiceRefNbr).set("CostType", "IN")
                        .set("TranAmt", amount).set("CuryTranAmt", amount).set("CpnyID", "PTSL").set("Crtd_Prog", "08030")
                        .set("Crtd_DateTime", LocalDateTime.now()).set("LUpd_DateTime", LocalDateTime.now()).insert();
            }
        }

        @Override
        public void close() throws SQLException {
            try (Statement s = c.createStatement()) {
                s.getConnection().rollback();
            } finally {
                c.close();
                db.close();
            }
        }
    }
}
