package com.ptsl.processor;

import com.ptsl.processor.ProcessorMetrics.DepositOutcome;
import com.ptsl.processor.ProcessorMetrics.InvalidStage;
import com.ptsl.processor.deposit.DepositEntry;
import com.ptsl.processor.deposit.DepositStore;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.DepositTransaction;
import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static com.ptsl.processor.SettlementBatchRecord.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The deposit stage: settlement batches in, one CloseDeposit per batch version out after the deposit delay. */
class DepositTopologyTest {

    private static final Instant START = TopologyFixture.START;
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration DELAY = Duration.ofSeconds(60);
    private static final Duration JUST_BEFORE = DELAY.minusSeconds(1);

    @TempDir
    Path stateDir;

    private TopologyFixture f;

    @BeforeEach
    void start() {
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("deposit-test").withStateDir(stateDir);
        f = new TopologyFixture(config.withMatch(config.match().withDeadline(DEADLINE)).withDepositDelay(DELAY));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Two sales and a refund: 120.00 − 5.00 = 115.00, as the sandbox prints the summary (110, 10, 5). */
    private static SettlementBatchRecord batch571() {
        return batch("571").amounts("115", "120", "5")
                .transaction(79388125, "SALE", "10")
                .transaction(79388124, "REFUND", "5")
                .transaction(79388123, "SALE", "110");
    }

    private KeyValueStore<String, DepositEntry> store() {
        return f.driver.getKeyValueStore(DepositStore.NAME);
    }

    @Test
    void closesTheDepositOnceTheDelayHasPassed() {
        SettlementBatchRecord batch = batch571().set("fee_amount", "3.1");
        f.sendBatch(batch);

        f.advance(JUST_BEFORE);
        assertThat(f.commands.isEmpty()).as("nothing before the delay").isTrue();

        f.advance(Duration.ofSeconds(1));
        KeyValue<String, ErpCommand> out = f.commands.readKeyValue();
        assertThat(out.key).isEqualTo("deposit:571");
        ErpCommand command = out.value;
        assertThat(command.getCommandId()).isEqualTo("CloseDeposit:571:" + batch.fingerprintOf().substring(0, 12));
        assertThat(command.getCustId()).isEmpty();
        assertThat(command.getSourceTransactionId()).isEqualTo("batch:571");
        assertThat(command.getSourceReceivedAt()).isEqualTo(SettlementBatchRecord.RECEIVED_AT);
        // created "1/5/2026 5:00:00 PM" in the merchant's default zone, Los Angeles (PST, UTC-8).
        assertThat(command.getSourceRecordTime()).isEqualTo(Instant.parse("2026-01-06T01:00:00Z"));
        assertThat(command.getCreatedAt()).isEqualTo(START.plus(DELAY));
        assertThat(command.getHeldMs()).isEqualTo(DELAY.toMillis());
        CloseDeposit deposit = (CloseDeposit) command.getPayload();
        assertThat(deposit.getBatchNumber()).isEqualTo("571");
        assertThat(deposit.getDepositDate()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(deposit.getNetAmount()).isEqualTo(new BigDecimal("115.00"));
        assertThat(deposit.getSalesAmount()).isEqualTo(new BigDecimal("120.00"));
        assertThat(deposit.getRefundAmount()).isEqualTo(new BigDecimal("5.00"));
        assertThat(deposit.getFees()).isEqualTo(new BigDecimal("3.10"));
        assertThat(deposit.getFingerprint()).isEqualTo(batch.fingerprintOf());
        assertThat(deposit.getTransactions())
                .extracting(DepositTransaction::getTransactionId, DepositTransaction::getKind, DepositTransaction::getAmount)
                .containsExactly(
                        tuple("79388123", DepositTransactionKind.SALE, new BigDecimal("110.00")),
                        tuple("79388124", DepositTransactionKind.REFUND, new BigDecimal("5.00")),
                        tuple("79388125", DepositTransactionKind.SALE, new BigDecimal("10.00")));

        f.advance(DELAY.multipliedBy(3));
        assertThat(f.commands.isEmpty()).as("one command per batch version").isTrue();
        assertThat(f.invalid.isEmpty()).isTrue();
        assertThat(f.metrics.deposits(DepositOutcome.EMITTED)).isEqualTo(1);
        assertThat(f.metrics.deposits(DepositOutcome.UNCHANGED)).isZero();
        assertThat(f.metrics.commandsEmitted("CloseDeposit")).isEqualTo(1);
        DepositEntry entry = store().get("571");
        assertThat(entry.emittedFingerprint()).isEqualTo(batch.fingerprintOf());
        assertThat(entry.firstSeenMs()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void theDefaultDelayIsFifteenMinutes() {
        f.close();
        f = new TopologyFixture(ProcessorConfig.defaults().withApplicationId("deposit-default-test").withStateDir(stateDir));
        f.sendBatch(batch571());

        f.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(f.commands.isEmpty()).isTrue();
        f.advance(Duration.ofSeconds(1));
        assertThat(f.commands.readValue().getHeldMs()).isEqualTo(Duration.ofMinutes(15).toMillis());
    }

    @Test
    void aReSentIdenticalBatchSendsNothing() {
        SettlementBatchRecord batch = batch571();
        f.sendBatch(batch);
        f.advance(DELAY);
        assertThat(f.commands.readValuesToList()).hasSize(1);

        f.sendBatch(batch);
        f.advance(DELAY.multipliedBy(2));

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.metrics.deposits(DepositOutcome.UNCHANGED)).isEqualTo(1);
        assertThat(f.metrics.deposits(DepositOutcome.EMITTED)).isEqualTo(1);
    }

    @Test
    void aBatchReSentWhileItWaitsClosesOnceOnTheFirstOnesClock() {
        SettlementBatchRecord batch = batch571();
        f.sendBatch(batch);
        f.advance(Duration.ofSeconds(40));
        f.sendBatch(batch);

        f.advance(Duration.ofSeconds(20));
        assertThat(f.commands.readValuesToList()).extracting(ErpCommand::getHeldMs).containsExactly(DELAY.toMillis());
        f.advance(DELAY.multipliedBy(2));
        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.metrics.deposits(DepositOutcome.UNCHANGED)).isEqualTo(1);
    }

    @Test
    void aCorrectedBatchIsANewCommandAfterItsOwnDelay() {
        SettlementBatchRecord first = batch571();
        f.sendBatch(first);
        f.advance(DELAY);
        ErpCommand sent = f.commands.readValue();

        // PayTrace adds a late sale to the batch: new summary, new id list, new fingerprint.
        SettlementBatchRecord corrected = batch571().amounts("140", "145", "5").transaction(79388126, "SALE", "25");
        f.sendBatch(corrected);
        f.advance(JUST_BEFORE);
        assertThat(f.commands.isEmpty()).as("the correction waits its own delay").isTrue();
        f.advance(Duration.ofSeconds(1));

        KeyValue<String, ErpCommand> out = f.commands.readKeyValue();
        assertThat(out.key).isEqualTo("deposit:571");
        assertThat(out.value.getCommandId()).isEqualTo("CloseDeposit:571:" + corrected.fingerprintOf().substring(0, 12))
                .isNotEqualTo(sent.getCommandId());
        CloseDeposit deposit = (CloseDeposit) out.value.getPayload();
        assertThat(deposit.getNetAmount()).isEqualTo(new BigDecimal("140.00"));
        assertThat(deposit.getSalesAmount()).isEqualTo(new BigDecimal("145.00"));
        assertThat(deposit.getFingerprint()).isEqualTo(corrected.fingerprintOf());
        assertThat(deposit.getTransactions()).extracting(DepositTransaction::getTransactionId)
                .containsExactly("79388123", "79388124", "79388125", "79388126");
        assertThat(f.metrics.deposits(DepositOutcome.EMITTED)).isEqualTo(2);
        assertThat(store().get("571").emittedFingerprint()).isEqualTo(corrected.fingerprintOf());
    }

    @Test
    void correctionsBeforeTheDepositClosesSendOnlyTheLatest() {
        f.sendBatch(batch571());
        f.advance(Duration.ofSeconds(30));
        SettlementBatchRecord corrected = batch571().amounts("140", "145", "5").transaction(79388126, "SALE", "25");
        f.sendBatch(corrected);

        // The first unsent version's clock: corrections in quick succession do not hold the deposit back.
        f.advance(Duration.ofSeconds(30));
        List<ErpCommand> out = f.commands.readValuesToList();
        assertThat(out).extracting(ErpCommand::getCommandId)
                .containsExactly("CloseDeposit:571:" + corrected.fingerprintOf().substring(0, 12));
        assertThat(((CloseDeposit) out.get(0).getPayload()).getNetAmount()).isEqualTo(new BigDecimal("140.00"));
        f.advance(DELAY.multipliedBy(2));
        assertThat(f.commands.isEmpty()).isTrue();
    }

    @Test
    void goingBackToTheSentVersionSendsNothing() {
        SettlementBatchRecord first = batch571();
        f.sendBatch(first);
        f.advance(DELAY);
        assertThat(f.commands.readValuesToList()).hasSize(1);

        f.sendBatch(batch571().amounts("140", "145", "5").transaction(79388126, "SALE", "25"));
        f.advance(Duration.ofSeconds(10));
        f.sendBatch(first);
        f.advance(DELAY.multipliedBy(2));

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(store().get("571").latest().fingerprint()).isEqualTo(first.fingerprintOf());
    }

    @Test
    void batchesCloseIndependently() {
        f.sendBatch(batch571());
        f.advance(Duration.ofSeconds(30));
        f.sendBatch(batch("572").amounts("7.5", "7.5", "0").transaction(79388200, "SALE", "7.5"));

        f.advance(Duration.ofSeconds(30));
        assertThat(f.commands.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("deposit:571");
        f.advance(Duration.ofSeconds(30));
        assertThat(f.commands.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("deposit:572");
    }

    @Test
    void unreadableSummaryJsonGoesToInvalidWithTheReason() {
        SettlementBatchRecord bad = batch571();
        byte[] value = Topics.RAW_BATCHES.valueSerde().serializer().serialize(Topics.RAW_BATCHES.name(),
                withJson(bad, "{\"number\": 571, \"created\": "));
        f.sendBatchRaw("571", value);

        InvalidRecord kept = f.invalid.readValue();
        assertThat(kept.getSourceTopic()).isEqualTo(Topics.RAW_BATCHES.name());
        assertThat(kept.getStage()).isEqualTo("deposit");
        assertThat(kept.getReason()).startsWith("json is not valid JSON");
        assertThat(bytes(kept.getKey())).isEqualTo("571".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes(kept.getValue())).isEqualTo(value);
        f.advance(DELAY.multipliedBy(2));
        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(store().get("571")).as("an unreadable record touches nothing").isNull();
        assertThat(f.metrics.deposits(DepositOutcome.INVALID)).isEqualTo(1);
        assertThat(f.metrics.invalidRecords(InvalidStage.DEPOSIT)).isEqualTo(1);
    }

    @Test
    void aBadFieldIsInvalidNamingTheFieldAndTheBatchGoesOnWhenFixed() {
        f.sendBatch(batch571().set("net_amount", "\"115.00\""));

        assertThat(f.invalid.readValue().getReason()).isEqualTo("net_amount must be a JSON number, was \"115.00\"");
        f.sendBatch(batch571());
        f.advance(DELAY);
        assertThat(f.commands.readValuesToList()).hasSize(1);
    }

    @Test
    void bytesThatAreNotABatchGoToInvalid() {
        byte[] garbage = "{\"number\": 571} is not Avro".getBytes(StandardCharsets.UTF_8);
        f.sendBatchRaw("571", garbage);

        InvalidRecord kept = f.invalid.readValue();
        assertThat(kept.getReason()).contains("not a RawSettlementBatch");
        assertThat(bytes(kept.getValue())).isEqualTo(garbage);
        assertThat(f.metrics.deposits(DepositOutcome.INVALID)).isEqualTo(1);
    }

    @Test
    void feesComeFromFeeAmountOrFeesElseNull() {
        f.sendBatch(batch("601").amounts("10", "10", "0").transaction(1001, "SALE", "10").set("fee_amount", "0.35"));
        f.sendBatch(batch("602").amounts("10", "10", "0").transaction(1002, "SALE", "10").set("fees", "2"));
        f.sendBatch(batch("603").amounts("10", "10", "0").transaction(1003, "SALE", "10"));
        f.sendBatch(batch("604").amounts("10", "10", "0").transaction(1004, "SALE", "10").set("fee_amount", "null"));
        f.advance(DELAY);

        assertThat(f.commands.readValuesToList()).extracting(c -> ((CloseDeposit) c.getPayload()).getBatchNumber(),
                        c -> ((CloseDeposit) c.getPayload()).getFees())
                .containsExactlyInAnyOrder(tuple("601", new BigDecimal("0.35")), tuple("602", new BigDecimal("2.00")),
                        tuple("603", null), tuple("604", null));
    }

    @Test
    void refundsAreRefundLinesWithPositiveAmountsAndEverythingElseIsASale() {
        f.sendBatch(batch("610").amounts("77.55", "100", "22.45")
                .transaction(2001, "REFUND", "-20.00")
                .transaction(2002, "refund", "2.45")
                .transaction(2003, "AUTHORIZATION", "60")
                .transaction(2004, "SALE", "40"));
        f.advance(DELAY);

        CloseDeposit deposit = (CloseDeposit) f.commands.readValue().getPayload();
        assertThat(deposit.getRefundAmount()).isEqualTo(new BigDecimal("22.45"));
        assertThat(deposit.getTransactions())
                .extracting(DepositTransaction::getTransactionId, DepositTransaction::getKind, DepositTransaction::getAmount)
                .containsExactly(
                        tuple("2001", DepositTransactionKind.REFUND, new BigDecimal("20.00")),
                        tuple("2002", DepositTransactionKind.REFUND, new BigDecimal("2.45")),
                        tuple("2003", DepositTransactionKind.SALE, new BigDecimal("60.00")),
                        tuple("2004", DepositTransactionKind.SALE, new BigDecimal("40.00")));
    }

    @Test
    void depositDateAndRecordTimeFollowTheMerchantZone() {
        f.close();
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("deposit-zone-test").withStateDir(stateDir)
                .withMerchantZone(ZoneId.of("America/New_York"));
        f = new TopologyFixture(config.withMatch(config.match().withDeadline(DEADLINE)).withDepositDelay(DELAY));
        f.sendBatch(batch571().created("1/5/2026 11:30:00 PM"));
        f.advance(DELAY);

        ErpCommand command = f.commands.readValue();
        assertThat(((CloseDeposit) command.getPayload()).getDepositDate()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(command.getSourceRecordTime()).isEqualTo(Instant.parse("2026-01-06T04:30:00Z"));
    }

    private static RawSettlementBatch withJson(SettlementBatchRecord batch, String json) {
        RawSettlementBatch avro = batch.avro();
        avro.setJson(json);
        return avro;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
