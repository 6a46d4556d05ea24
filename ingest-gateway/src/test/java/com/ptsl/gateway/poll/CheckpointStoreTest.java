package com.ptsl.gateway.poll;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path dir;

    @Test
    void savesAndLoadsEveryEntry() {
        CheckpointStore store = new CheckpointStore(dir.resolve("nested/state"));
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("392483000", "f0", DAY, false);
        checkpoint.published("392483001", "f1", DAY.minusDays(1), true);
        checkpoint.invalidPublished("bad", DAY);
        checkpoint.batchPublished("571", "s571", "r571", DAY);

        store.save(checkpoint);
        Checkpoint loaded = store.load();

        assertThat(loaded.transactions()).isEqualTo(checkpoint.transactions());
        assertThat(loaded.invalidFingerprints()).isEqualTo(checkpoint.invalidFingerprints());
        assertThat(loaded.batches()).isEqualTo(checkpoint.batches());
        assertThat(loaded.isPublished("392483001", "f1")).isTrue();
        assertThat(loaded.openIds()).containsExactly("392483001");
        assertThat(loaded.isBatchPublished("571", "s571")).isTrue();
    }

    @Test
    void aPrunedCheckpointStaysPrunedAfterReload() {
        CheckpointStore store = new CheckpointStore(dir);
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("old", "a", DAY.minusDays(3), false);
        checkpoint.published("new", "b", DAY, false);
        checkpoint.pruneBefore(DAY.minusDays(1));

        store.save(checkpoint);

        assertThat(store.load().transactions()).containsOnlyKeys("new");
    }

    @Test
    void replacesTheFileAtomicallyLeavingNoTemporaryFile() throws Exception {
        CheckpointStore store = new CheckpointStore(dir, Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC));
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1", "a", DAY, true);
        store.save(checkpoint);
        checkpoint.published("1", "b", DAY, true);
        checkpoint.batchPublished("571", "s", "r", DAY);
        store.save(checkpoint);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(CheckpointStore.FILE_NAME);
        }
        assertThat(Files.readString(store.file())).isEqualTo("{\"format\":2,\"savedAt\":\"2026-11-25T08:00:00Z\","
                + "\"transactions\":{\"1\":{\"fingerprint\":\"b\",\"lastSeen\":\"2026-11-25\",\"open\":true}},"
                + "\"invalid\":{},\"batches\":{\"571\":{\"summary\":\"s\",\"fingerprint\":\"r\",\"lastSeen\":\"2026-11-25\"}}}");
    }

    /** Exactly what the previous version (format 1) wrote: no open flags, no batches. */
    @Test
    void readsACheckpointOfThePreviousFormatWithEveryTransactionOpenUntilReadAgain() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        Files.writeString(store.file(), "{\"format\":1,\"savedAt\":\"2026-11-25T08:00:00Z\","
                + "\"transactions\":{\"392483000\":{\"fingerprint\":\"9f2c\",\"lastSeen\":\"2026-11-25\"},"
                + "\"392483001\":{\"fingerprint\":\"77a0\",\"lastSeen\":\"2026-11-24\"}},"
                + "\"invalid\":{\"5be1\":\"2026-11-25\"}}");

        Checkpoint loaded = store.load();

        assertThat(loaded.transactions()).containsExactly(
                java.util.Map.entry("392483000", new Checkpoint.Entry("9f2c", DAY, true)),
                java.util.Map.entry("392483001", new Checkpoint.Entry("77a0", DAY.minusDays(1), true)));
        assertThat(loaded.invalidFingerprints()).containsExactly(java.util.Map.entry("5be1", DAY));
        assertThat(loaded.batches()).isEmpty();
        assertThat(store.file()).exists(); // read, not moved aside as unreadable

        store.save(loaded); // the next save writes the new format
        assertThat(Files.readString(store.file())).startsWith("{\"format\":2,").contains("\"open\":true");
        assertThat(store.load().transactions()).isEqualTo(loaded.transactions());
    }

    @Test
    void anUnknownFormatOrABadOpenFlagMakesTheFileUnreadable() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        Files.writeString(store.file(), "{\"format\":3,\"transactions\":{}}");
        assertThat(store.load().size()).isZero();
        assertThat(store.file()).doesNotExist();

        Files.writeString(store.file(), "{\"format\":2,\"transactions\":{\"1\":{\"fingerprint\":\"f\","
                + "\"lastSeen\":\"2026-11-25\",\"open\":\"yes\"}}}");
        assertThat(store.load().size()).isZero();
        assertThat(store.file()).doesNotExist();
    }

    @Test
    void aMissingFileIsAnEmptyCheckpoint() {
        assertThat(new CheckpointStore(dir.resolve("never-written")).load().size()).isZero();
    }

    @Test
    void anUnreadableFileIsMovedAsideAndTreatedAsEmpty() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        Files.write(store.file(), "{\"format\":1,\"transactions\":{\"1\":{\"lastSeen\":".getBytes(StandardCharsets.UTF_8));

        Checkpoint loaded = store.load();

        assertThat(loaded.size()).isZero();
        assertThat(store.file()).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement().asString().startsWith(CheckpointStore.FILE_NAME + ".unreadable-");
        }
    }

    @Test
    void anEntryWithoutFingerprintMakesTheFileUnreadable() throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        Files.writeString(store.file(), "{\"format\":1,\"transactions\":{\"1\":{\"lastSeen\":\"2026-11-25\"}},\"invalid\":{}}");

        assertThat(store.load().size()).isZero();
    }
}
