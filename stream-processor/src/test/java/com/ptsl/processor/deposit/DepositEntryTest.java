package com.ptsl.processor.deposit;

import com.ptsl.processor.SettlementBatchRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static com.ptsl.processor.SettlementBatchRecord.batch;
import static org.assertj.core.api.Assertions.assertThat;

/** The deposit store's entry: how versions of a batch move it, and its stored form. */
class DepositEntryTest {

    private static DepositFacts facts(SettlementBatchRecord batch) throws Exception {
        return SettlementBatchReader.read(batch.key(), batch.bytes());
    }

    @Test
    void versionsMoveTheEntry() throws Exception {
        DepositFacts a = facts(batch("571").amounts("10", "10", "0").transaction(1, "SALE", "10"));
        DepositFacts b = facts(batch("571").amounts("12", "12", "0").transaction(1, "SALE", "12"));

        DepositEntry.Next first = DepositEntry.next(null, a, 1_000);
        assertThat(first.change()).isEqualTo(DepositEntry.Change.WAITING);
        assertThat(first.entry().dueAt(60_999, 60_000)).isFalse();
        assertThat(first.entry().dueAt(61_000, 60_000)).isTrue();

        DepositEntry sent = first.entry().emitted(61_000);
        assertThat(sent.dueAt(1_000_000, 60_000)).isFalse();
        assertThat(DepositEntry.next(sent, a, 70_000)).isEqualTo(new DepositEntry.Next(sent, DepositEntry.Change.UNCHANGED));

        DepositEntry.Next correction = DepositEntry.next(sent, b, 80_000);
        assertThat(correction.change()).isEqualTo(DepositEntry.Change.WAITING);
        assertThat(correction.entry().pendingSinceMs()).isEqualTo(80_000);
        assertThat(correction.entry().firstSeenMs()).isEqualTo(1_000);
        assertThat(correction.entry().emittedFingerprint()).isEqualTo(a.fingerprint());
        assertThat(DepositEntry.next(correction.entry(), b, 90_000).change()).isEqualTo(DepositEntry.Change.UNCHANGED);

        DepositEntry.Next back = DepositEntry.next(correction.entry(), a, 95_000);
        assertThat(back.change()).isEqualTo(DepositEntry.Change.UNCHANGED);
        assertThat(back.entry().latest()).isEqualTo(a);
        assertThat(back.entry().dueAt(10_000_000, 60_000)).isFalse();
    }

    @Test
    void theStoredFormReadsBackEqual() throws Exception {
        DepositFacts a = facts(batch("571").amounts("10.1", "12.6", "2.5").set("fee_amount", "0.3")
                .transaction(1, "SALE", "12.6").transaction(2, "REFUND", "2.5"));
        DepositEntry entry = DepositEntry.next(null, a, 1_000).entry().emitted(61_000);
        Serde<DepositEntry> serde = DepositStore.serde();

        byte[] stored = serde.serializer().serialize("changelog", entry);
        DepositEntry back = serde.deserializer().deserialize("changelog", stored);

        assertThat(back).isEqualTo(entry);
        assertThat(back.latest().fees()).isEqualTo(new BigDecimal("0.30"));
        // Only the fields: no derived value in the changelog.
        assertThat(new String(stored, StandardCharsets.UTF_8))
                .doesNotContain("settledAtLocal", "waiting", "dueAt");
    }
}
