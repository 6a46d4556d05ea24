package com.ptsl.processor.deposit;

import com.ptsl.processor.SettlementBatchRecord;
import com.ptsl.processor.parse.UnusableRecordException;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.RawSettlementBatch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static com.ptsl.processor.SettlementBatchRecord.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The pure core of the deposit stage: which batch records make a CloseDeposit, and the reason for those that cannot. */
class SettlementBatchReaderTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private static SettlementBatchRecord good() {
        return batch("571").amounts("12.3", "17.3", "5").transaction(100, "SALE", "17.3").transaction(99, "REFUND", "5");
    }

    @Test
    void readsAmountsExactlyAtScaleTwoAndListsTransactionsByAscendingId() throws Exception {
        DepositFacts facts = SettlementBatchReader.read("571", good().bytes());

        assertThat(facts.batchNumber()).isEqualTo("571");
        assertThat(facts.settledAtLocal()).hasToString("2026-01-05T17:00");
        assertThat(facts.netAmount()).isEqualTo(new BigDecimal("12.30"));
        assertThat(facts.salesAmount()).isEqualTo(new BigDecimal("17.30"));
        assertThat(facts.refundAmount()).isEqualTo(new BigDecimal("5.00"));
        assertThat(facts.fees()).isNull();
        assertThat(facts.receivedAt()).isEqualTo(SettlementBatchRecord.RECEIVED_AT.toEpochMilli());
        // Numeric order, as the gateway lists ids: 99 before 100.
        assertThat(facts.transactions()).extracting(DepositFacts.Line::transactionId, DepositFacts.Line::kind, DepositFacts.Line::amount)
                .containsExactly(tuple("99", DepositTransactionKind.REFUND, new BigDecimal("5.00")),
                        tuple("100", DepositTransactionKind.SALE, new BigDecimal("17.30")));
    }

    @Test
    void theCoreTurnsABatchIntoItsCommand() throws Exception {
        RawSettlementBatch raw = good().avro();
        Instant now = Instant.parse("2026-01-06T02:00:00Z");

        ErpCommand command = CloseDeposits.closeDeposit(raw, LA, now, 900_000);

        assertThat(command.getCommandId()).isEqualTo("CloseDeposit:571:" + raw.getFingerprint().substring(0, 12));
        assertThat(command.getCommandId()).hasSize("CloseDeposit:571:".length() + 12);
        assertThat(command.getCustId()).isEmpty();
        assertThat(command.getSourceTransactionId()).isEqualTo("batch:571");
        assertThat(command.getCreatedAt()).isEqualTo(now);
        assertThat(command.getHeldMs()).isEqualTo(900_000);
        assertThat(((CloseDeposit) command.getPayload()).getDepositDate()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(CloseDeposits.key("571")).isEqualTo("deposit:571");
        // Pure: the same version gives the same command.
        assertThat(CloseDeposits.closeDeposit(raw, LA, now, 900_000)).isEqualTo(command);
    }

    @Test
    void aNegativeNetIsKeptAsPayTraceReportsIt() throws Exception {
        DepositFacts facts = SettlementBatchReader.read("572", batch("572").amounts("-5", "0", "5")
                .transaction(7, "REFUND", "5").bytes());

        assertThat(facts.netAmount()).isEqualTo(new BigDecimal("-5.00"));
    }

    @Test
    void anEmptyBatchIsADepositOfNothing() throws Exception {
        assertThat(SettlementBatchReader.read("573", batch("573").bytes()).transactions()).isEmpty();
    }

    @Test
    void everyUnusableRecordSaysWhy() {
        assertReason("571", batch("571").created("2026-01-05 17:00:00"), "created '2026-01-05 17:00:00' is not M/D/YYYY h:mm:ss AM/PM");
        assertReason("571", batch("571").without("created"), "created is missing");
        assertReason("571", batch("571").without("sales_amount"), "sales_amount is missing");
        assertReason("571", batch("571").set("refund_amount", "5.001"), "refund_amount has more than 2 decimal places: 5.001");
        assertReason("571", batch("571").set("fee_amount", "\"1.00\""), "fee_amount must be a JSON number, was \"1.00\"");
        assertReason("571", batch("571").set("number", "572"), "json number 572 differs from batchNumber 571");
        assertReason("999", batch("571"), "key '999' differs from batchNumber 571");
        assertReason(null, batch("571"), "key is missing; expected batch number 571");
        assertReason("571", batch("571").fingerprint("abc"), "fingerprint must be hex (SHA-256), was 'abc'");
        assertReason("571", batch("571").transactionsJson("{}"), "transactionsJson is not a JSON array");
        assertReason("571", batch("571").transactionsJson("[{\"transaction_type\":\"SALE\",\"amount\":1}]"),
                "transactionsJson[0].transaction_id is missing");
        assertReason("571", batch("571").transactionsJson("[{\"transaction_id\":5,\"transaction_type\":\"SALE\"}]"),
                "transactionsJson[0].amount is missing");
        assertReason("571", batch("571").transaction(5, "SALE", "1").transaction(5, "SALE", "1").transactionIds("5"),
                "transaction 5 is listed twice in transactionsJson");
        assertReason("571", batch("571").transaction(5, "SALE", "1").transactionIds("5", "6"),
                "transactionsJson and transactionIds list different transactions: only in transactionsJson [], only in transactionIds [6]");
        // A gateway from before transactionsJson: ids, but no amounts to compare.
        assertReason("571", batch("571").transactionIds("5"),
                "transactionsJson and transactionIds list different transactions: only in transactionsJson [], only in transactionIds [5]");
    }

    @Test
    void aSummaryThatIsNotAnObjectIsUnusable() {
        RawSettlementBatch raw = batch("571").avro();
        raw.setJson("[1, 2]");

        assertThatThrownBy(() -> SettlementBatchReader.read("571", raw))
                .isInstanceOf(UnusableRecordException.class).hasMessage("json is not a JSON object");
    }

    @Test
    void aTombstoneIsUnusable() {
        assertThatThrownBy(() -> SettlementBatchReader.read("571", (byte[]) null))
                .isInstanceOf(UnusableRecordException.class).hasMessageStartingWith("value is null");
    }

    private static void assertReason(String key, SettlementBatchRecord batch, String reason) {
        assertThatThrownBy(() -> SettlementBatchReader.read(key, batch.bytes()))
                .isInstanceOf(UnusableRecordException.class)
                .hasMessage(reason);
    }
}
