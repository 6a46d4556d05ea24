package com.ptsl.sink;

import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.sink.ledger.DeadLetterRow;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.DeadLetterTopics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Permanent rejections on the real broker and the SL sandbox: the dead-letter queue (PTSL_DeadLetter → erp.commands.dlq
 * + payments.review, written with the ledger row and published like results), the neighbours of a rejected command
 * committing in the same transaction, and re-drives (only a record with the re-drive header re-applies a REJECTED
 * command; re-driving twice applies once).
 */
class DeadLetterQueueTest extends SinkOnBrokerTest {

    @Test
    void aPoisonRecordAndAnSlRejectionAreDeadLetteredWhileTheirNeighboursInTheSameBatchPost() {
        ErpCommand before = Commands.payment("PostPayment:870001", "C00001", "870001", "20.00", TODAY);
        ErpCommand unknown = Commands.payment("PostPayment:870002", "NOBODY1", "870002", "35.50", TODAY);
        ErpCommand after = Commands.payment("PostPayment:870003", "C00001", "870003", "7.25", TODAY);
        byte[] poison = "not avro at all".getBytes(StandardCharsets.UTF_8);
        // One key, so one partition: the four records come in one poll and are decided by one SQL transaction.
        dlq.send("C00001", before);
        dlq.sendRaw("C00001", poison);
        dlq.send("C00001", unknown);
        dlq.send("C00001", after);

        SinkService sink = start(config());

        await().atMost(DEADLINE).until(() -> dlq.openDeadLetters().size() == 2 && results().size() == 4
                && sl.rows("SELECT * FROM dbo.[PTSL_DeadLetter] WHERE Sent = 1").size() == 2);
        Map<String, List<ErpResult>> results = results();
        ErpResult posted = results.get("PostPayment:870001").get(0);
        assertThat(posted.getStatus()).isEqualTo(ResultStatus.APPLIED);
        assertThat(posted.getEvent()).isEqualTo("POSTED");
        assertThat(posted.getCommandType()).isEqualTo("PostPayment");
        assertThat(posted.getAmount()).isEqualByComparingTo("20.00");
        assertThat(posted.getDocuments()).containsExactly("PA/870001/" + posted.getBatNbr());
        assertThat(results.get("PostPayment:870003")).singleElement().satisfies(r -> assertThat(r.getStatus()).isEqualTo(ResultStatus.APPLIED));
        assertThat(sl.paymentsWithRefNbr("870001")).hasSize(1);
        assertThat(sl.paymentsWithRefNbr("870003")).hasSize(1);
        assertThat(sl.paymentsWithRefNbr("870002")).isEmpty();

        ErpResult rejected = results.get("PostPayment:870002").get(0);
        assertThat(rejected.getStatus()).isEqualTo(ResultStatus.REJECTED);
        assertThat(rejected.getEvent()).isEqualTo("REJECTED");
        assertThat(rejected.getCommandType()).isEqualTo("PostPayment");
        assertThat(rejected.getAmount()).isEqualByComparingTo("35.50");
        assertThat(rejected.getDocuments()).isEmpty();
        assertThat(rejected.getReason()).contains("unknown customer 'NOBODY1'");

        Map<String, DeadLetter> open = dlq.openDeadLetters();
        DeadLetter refused = open.get("PostPayment:870002");
        assertThat(refused.getReason()).isEqualTo(rejected.getReason());
        assertThat(refused.getAttempts()).isEqualTo(1);
        assertThat(refused.getPayloadType()).isEqualTo("ErpCommand");
        assertThat(DeadLetterTopics.payloadOf(refused)).isEqualTo(DeadLetterTopics.bytesOf(unknown));
        assertThat(refused.getKey()).isEqualTo("C00001");
        assertThat(refused.getSourceTopic()).isEqualTo(Topics.ERP_COMMANDS.name());
        assertThat(refused.getCustId()).isEqualTo("NOBODY1");
        assertThat(refused.getSourceTransactionId()).isEqualTo("870002");
        assertThat(refused.getCommandType()).isEqualTo("PostPayment");
        assertThat(refused.getFirstFailedAt()).isEqualTo(refused.getLastFailedAt());

        String poisonId = open.keySet().stream().filter(id -> id.startsWith("undecodable:")).findFirst().orElseThrow();
        DeadLetter unreadable = open.get(poisonId);
        assertThat(unreadable.getReason()).contains("not a readable ErpCommand");
        assertThat(unreadable.getAttempts()).isEqualTo(1);
        assertThat(DeadLetterTopics.payloadOf(unreadable)).isEqualTo(poison);
        assertThat(unreadable.getCommandType()).isEmpty();
        assertThat(results.get(poisonId)).singleElement().satisfies(r -> assertThat(r.getStatus()).isEqualTo(ResultStatus.REJECTED));

        await().atMost(DEADLINE).until(() -> dlq.lastReview("870002").isPresent() && dlq.lastReview(poisonId).isPresent());
        ReviewItem review = dlq.lastReview("870002").orElseThrow();
        assertThat(review.getReason()).isEqualTo(ReviewReason.REJECTED_BY_SL);
        assertThat(review.getStatus()).isEqualTo(ReviewStatus.OPEN);
        assertThat(review.getDetail()).isEqualTo(rejected.getReason());
        assertThat(review.getCustId()).isEqualTo("NOBODY1");
        assertThat(review.getAmount()).isEqualByComparingTo("35.50");
        assertThat(review.getDecision()).contains("ptsl dlq redrive PostPayment:870002");
        assertThat(dlq.lastReview(poisonId).orElseThrow().getReason()).isEqualTo(ReviewReason.DEAD_LETTER);

        // One SQL transaction decided all four (the ledger keeps the transaction's start), and it committed.
        assertThat(sl.ledger()).hasSize(4).extracting(r -> r.get("ProcessedAt")).containsOnly(sl.ledger().get(0).get("ProcessedAt"));
        assertThat(sink.metrics().applied()).isEqualTo(2);
        assertThat(sink.metrics().rejected()).isEqualTo(2);
        assertThat(sink.metrics().deadLetters(DeadLetterRow.Kind.REJECTED)).isEqualTo(1);
        assertThat(sink.metrics().deadLetters(DeadLetterRow.Kind.POISON)).isEqualTo(1);
        assertThat(sink.metrics().deadLetters(DeadLetterRow.Kind.ERROR)).isZero();
        assertThat(sink.metrics().deadLettersPublished()).isEqualTo(2);
    }

    @Test
    void aRedriveAfterTheFixPostsOnceAndNeitherASecondRedriveNorAPlainReplayChangesAnything() throws SQLException {
        String id = "PostPayment:871001";
        ErpCommand command = Commands.payment(id, "C09001", "871001", "42.00", TODAY);
        topics.send(command);
        SinkService sink = start(config());
        DeadLetter first = awaitDeadLetter(id, 1);
        awaitStatuses(id, 1);
        assertThat(statuses(id)).containsExactly(ResultStatus.REJECTED);

        // Re-driven before the fix: refused again, one more attempt on the same dead letter.
        dlq.redrive(first);
        DeadLetter second = awaitDeadLetter(id, 2);
        awaitStatuses(id, 2);
        assertThat(statuses(id)).containsExactly(ResultStatus.REJECTED, ResultStatus.REJECTED);
        assertThat(second.getFirstFailedAt()).isEqualTo(first.getFirstFailedAt());
        assertThat(second.getLastFailedAt()).isAfter(first.getLastFailedAt());
        assertThat(sink.metrics().redrivesRejected()).isEqualTo(1);
        assertThat(sink.metrics().deadLetters(DeadLetterRow.Kind.REJECTED)).as("counted once, when it entered the queue").isEqualTo(1);

        addCustomerLike("C00001", "C09001");

        // A plain replay never re-applies, even though it would succeed now.
        topics.send(command);
        awaitStatuses(id, 3);
        assertThat(statuses(id).get(2)).isEqualTo(ResultStatus.DUPLICATE);
        assertThat(sl.paymentsWithRefNbr("871001")).isEmpty();

        dlq.redrive(second);
        awaitStatuses(id, 4);
        ErpResult applied = last(id);
        assertThat(applied.getStatus()).isEqualTo(ResultStatus.APPLIED);
        assertThat(applied.getEvent()).isEqualTo("POSTED");
        assertThat(applied.getDocuments()).containsExactly("PA/871001/" + applied.getBatNbr());
        assertThat(sl.paymentsWithRefNbr("871001")).hasSize(1);
        assertThat(sl.ledger()).singleElement().satisfies(row -> {
            assertThat(row.get("Status")).isEqualTo("APPLIED");
            assertThat(row.get("Event")).isEqualTo("POSTED");
            assertThat(row.get("Documents")).isEqualTo("PA/871001/" + applied.getBatNbr());
        });
        await().atMost(DEADLINE).until(() -> dlq.lastDeadLetter(id).map(p -> p.value() == null).orElse(false));
        assertThat(dlq.openDeadLetters()).doesNotContainKey(id);
        await().atMost(DEADLINE).until(() -> dlq.lastReview("871001").map(r -> r.getStatus() == ReviewStatus.RESOLVED).orElse(false));
        assertThat(dlq.lastReview("871001").orElseThrow().getResolution()).contains("re-drive");

        // The launcher re-drives what it still lists; a stale second re-drive is a DUPLICATE no-op.
        dlq.redrive(second);
        awaitStatuses(id, 5);
        assertThat(statuses(id)).containsExactly(ResultStatus.REJECTED, ResultStatus.REJECTED, ResultStatus.DUPLICATE,
                ResultStatus.APPLIED, ResultStatus.DUPLICATE);
        assertThat(last(id).getEvent()).isEqualTo("DUPLICATE");
        assertThat(last(id).getDocuments()).isEqualTo(applied.getDocuments());
        assertThat(sl.paymentsWithRefNbr("871001")).hasSize(1);
        assertThat(sl.ledger()).hasSize(1);
        assertThat(sink.metrics().redrivesApplied()).isEqualTo(1);
        assertThat(sink.metrics().redrivesIgnored()).isEqualTo(1);
        assertThat(sink.metrics().applied()).isEqualTo(1);
    }

    @Test
    void aRedriveOfAnAppliedCommandIsADuplicate() {
        ErpCommand command = Commands.payment("PostPayment:872001", "C00002", "872001", "11.00", TODAY);
        topics.send(command);
        SinkService sink = start(config());
        awaitStatuses("PostPayment:872001", 1);

        dlq.redrive(DeadLetter.newBuilder().setId("PostPayment:872001").setPayloadType("ErpCommand")
                .setPayload(java.nio.ByteBuffer.wrap(DeadLetterTopics.bytesOf(command))).setKey("C00002").setReason("operator error")
                .setAttempts(1).setFirstFailedAt(java.time.Instant.now()).setLastFailedAt(java.time.Instant.now()).build());

        awaitStatuses("PostPayment:872001", 2);
        assertThat(statuses("PostPayment:872001")).containsExactly(ResultStatus.APPLIED, ResultStatus.DUPLICATE);
        assertThat(sl.paymentsWithRefNbr("872001")).hasSize(1);
        assertThat(sink.metrics().redrivesIgnored()).isEqualTo(1);
        assertThat(dlq.deadLetters()).isEmpty();
    }

    @Test
    void aPoisonRecordRedrivenWithItsIdIsOneMoreAttemptOfTheSameDeadLetter() {
        dlq.sendRaw("C00003", new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
        start(config());
        await().atMost(DEADLINE).until(() -> dlq.openDeadLetters().size() == 1);
        DeadLetter poison = dlq.openDeadLetters().values().iterator().next();
        assertThat(poison.getId()).startsWith("undecodable:" + Topics.ERP_COMMANDS.name() + "-");

        dlq.redrive(poison, true);

        DeadLetter again = awaitDeadLetter(poison.getId(), 2);
        assertThat(again.getReason()).contains("not a readable ErpCommand");
        assertThat(dlq.openDeadLetters()).containsOnlyKeys(poison.getId());
        assertThat(sl.rows("SELECT * FROM dbo.[PTSL_DeadLetter]")).singleElement()
                .satisfies(row -> assertThat(row.get("Attempts")).isEqualTo(2));
    }

    private DeadLetter awaitDeadLetter(String id, int attempts) {
        await().atMost(DEADLINE).until(() -> {
            DeadLetter d = dlq.openDeadLetters().get(id);
            return d != null && d.getAttempts() == attempts;
        });
        return dlq.openDeadLetters().get(id);
    }

    private void addCustomerLike(String template, String custId) throws SQLException {
        Map<String, Object> t = sl.rows("SELECT ArAcct, ArSub, Name FROM dbo.Customer WHERE CustId = ?", template).get(0);
        try (Connection c = db.connect(); SlRowWriter w = new SlRowWriter(c)) {
            w.into("Customer").set("CustId", custId).set("Name", "Fixed " + t.get("Name")).set("Status", "A")
                    .set("ArAcct", t.get("ArAcct")).set("ArSub", t.get("ArSub"))
                    .set("Crtd_DateTime", LocalDateTime.now()).set("Crtd_Prog", "08260").set("Crtd_User", "SLUSER")
                    .set("LUpd_DateTime", LocalDateTime.now()).set("LUpd_Prog", "08260").set("LUpd_User", "SLUSER")
                    .insert();
        }
    }
}
