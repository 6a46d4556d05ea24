package com.ptsl.processor.dedupe;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DedupeEntrySerdeTest {

    private static final String SHA256_HEX = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private final DedupeEntrySerde serde = new DedupeEntrySerde();

    @Test
    void roundTripsEveryField() {
        DedupeEntry posted = new DedupeEntry(SHA256_HEX, 1_767_614_400_123L, true);
        DedupeEntry pending = new DedupeEntry(SHA256_HEX, 0L, false);

        assertThat(serde.deserialize("t", serde.serialize("t", posted))).isEqualTo(posted);
        assertThat(serde.deserialize("t", serde.serialize("t", pending))).isEqualTo(pending);
    }

    @Test
    void isCompact() {
        assertThat(serde.serialize("t", new DedupeEntry(SHA256_HEX, 1L, true))).hasSize(1 + 1 + 8 + 2 + 64);
    }

    @Test
    void remembersTheCustomerAndTheVoidInVersion2() {
        DedupeEntry routed = new DedupeEntry(SHA256_HEX, 5L, true, "C00042", false);
        DedupeEntry voided = new DedupeEntry(SHA256_HEX, 6L, true, "C00042", true);
        DedupeEntry voidedUnrouted = new DedupeEntry(SHA256_HEX, 7L, false, "", true);

        for (DedupeEntry e : new DedupeEntry[] {routed, voided, voidedUnrouted}) {
            byte[] bytes = serde.serialize("t", e);
            assertThat(bytes[0]).isEqualTo(DedupeEntrySerde.VERSION_2);
            assertThat(serde.deserialize("t", bytes)).isEqualTo(e);
        }
        assertThat(serde.serialize("t", routed)).hasSize(1 + 1 + 8 + 2 + 64 + 1 + 6);
    }

    @Test
    void entriesWithNothingNewStayVersion1AndVersion1BytesStillRead() {
        byte[] v1 = serde.serialize("t", new DedupeEntry(SHA256_HEX, 9L, true));
        assertThat(v1[0]).isEqualTo(DedupeEntrySerde.VERSION_1);

        // Written by the processor before issue 7: version 1, flags 1 (posted), lastSeen 9, the fingerprint.
        DedupeEntry old = serde.deserialize("t", v1);
        assertThat(old).isEqualTo(new DedupeEntry(SHA256_HEX, 9L, true, "", false));
        assertThat(old.routed()).as("posted, but no customer remembered").isFalse();
    }

    @Test
    void routingAndVoidingSurviveAContentChange() {
        DedupeEntry entry = DedupeEntry.firstSeen("a", 1).withRoutedTo("C1").withVoided().changedTo("b", 2).seenAgain(3);

        assertThat(entry).isEqualTo(new DedupeEntry("b", 3, true, "C1", true));
        assertThat(entry.routed()).isTrue();
    }

    @Test
    void nullIsATombstone() {
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void rejectsTruncatedOrUnknownBytes() {
        byte[] bytes = serde.serialize("t", new DedupeEntry(SHA256_HEX, 1L, false));
        assertThatThrownBy(() -> serde.deserialize("t", Arrays.copyOf(bytes, 20)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        bytes[0] = 9;
        assertThatThrownBy(() -> serde.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
    }

    @Test
    void changedContentKeepsThePostedFlag() {
        DedupeEntry entry = DedupeEntry.firstSeen("a", 10).withPaymentPosted().changedTo("b", 20);

        assertThat(entry).isEqualTo(new DedupeEntry("b", 20, true));
        assertThat(entry.expiredAt(20 + 100, 100)).isFalse();
        assertThat(entry.expiredAt(20 + 101, 100)).isTrue();
    }
}
