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
