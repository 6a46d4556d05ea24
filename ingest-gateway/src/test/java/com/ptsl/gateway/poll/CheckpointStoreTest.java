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
        checkpoint.published("392483000", "f0", DAY);
        checkpoint.published("392483001", "f1", DAY.minusDays(1));
        checkpoint.invalidPublished("bad", DAY);

        store.save(checkpoint);
        Checkpoint loaded = store.load();

        assertThat(loaded.transactions()).isEqualTo(checkpoint.transactions());
        assertThat(loaded.invalidFingerprints()).isEqualTo(checkpoint.invalidFingerprints());
        assertThat(loaded.isPublished("392483001", "f1")).isTrue();
    }

    @Test
    void aPrunedCheckpointStaysPrunedAfterReload() {
        CheckpointStore store = new CheckpointStore(dir);
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("old", "a", DAY.minusDays(3));
        checkpoint.published("new", "b", DAY);
        checkpoint.pruneBefore(DAY.minusDays(1));

        store.save(checkpoint);

        assertThat(store.load().transactions()).containsOnlyKeys("new");
    }

    @Test
    void replacesTheFileAtomicallyLeavingNoTemporaryFile() throws Exception {
        CheckpointStore store = new CheckpointStore(dir, Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC));
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1", "a", DAY);
        store.save(checkpoint);
        checkpoint.published("1", "b", DAY);
        store.save(checkpoint);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(CheckpointStore.FILE_NAME);
        }
        assertThat(Files.readString(store.file())).isEqualTo("{\"format\":1,\"savedAt\":\"2026-11-25T08:00:00Z\","
                + "\"transactions\":{\"1\":{\"fingerprint\":\"b\",\"lastSeen\":\"2026-11-25\"}},\"invalid\":{}}");
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
