package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Keeps the {@link Checkpoint} in a small JSON file, {@value #FILE_NAME} in the gateway's state directory:
 * <pre>{"format":2,"savedAt":"2026-11-25T08:00:00Z",
 *  "transactions":{"392483000":{"fingerprint":"9f2c…","lastSeen":"2026-11-25","open":true}},
 *  "invalid":{"5be1…":"2026-11-25"},
 *  "batches":{"571":{"summary":"77a0…","fingerprint":"c41d…","lastSeen":"2026-11-25"}}}</pre>
 *
 * <p>Format 1 (before open transactions and batches) is still read: it had no {@code open} flag and no batches.
 * Its entries are loaded as open, since whether they were terminal is unknown: the next window export or one
 * re-read by id decides, and a terminal one is then pruned as before. Its batches start empty, so the batches of
 * the window are published once. A format-2 entry without {@code open} is read the same way.
 *
 * <p>Saving writes a temporary file, forces it to disk and renames it over the old one, so a crash leaves
 * either the old or the new checkpoint, never half of one. A missing file means "nothing published yet"; an
 * unreadable one is moved aside and treated the same way. Either way the poller re-publishes the whole window,
 * which is harmless: the stream processor dedupes on (transaction id, fingerprint).
 */
public final class CheckpointStore {

    public static final String FILE_NAME = "poller-checkpoint.json";
    /** Written by this version. */
    static final int FORMAT = 2;
    /** Written by the version before open transactions and batches; read only. */
    static final int FORMAT_WITHOUT_OPEN = 1;
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private final Path dir;
    private final Path file;
    private final Clock clock;

    public CheckpointStore(Path dir) {
        this(dir, Clock.systemUTC());
    }

    public CheckpointStore(Path dir, Clock clock) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** The saved checkpoint, or an empty one if there is none or it cannot be read. */
    public Checkpoint load() {
        if (!Files.exists(file)) {
            LOG.info("No checkpoint at {}: every record in the poll window will be published", file);
            return new Checkpoint();
        }
        try {
            JsonNode root = Json.parse(Files.readAllBytes(file));
            Checkpoint checkpoint = parse(root);
            LOG.info("Loaded checkpoint {} (format {}) with {} entries, {} open transactions", file,
                    root.path("format").asInt(), checkpoint.size(), checkpoint.openCount());
            return checkpoint;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(FILE_NAME + ".unreadable-" + clock.millis());
            LOG.warn("Checkpoint {} is unreadable ({}); moved it to {} and starting empty: the poll window will be "
                    + "re-published and deduped downstream", file, e.getMessage(), aside.getFileName());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not move the unreadable checkpoint aside: {}", moveFailed.getMessage());
            }
            return new Checkpoint();
        }
    }

    /** Atomically replaces the saved checkpoint. */
    public void save(Checkpoint checkpoint) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE_NAME + ".tmp");
            byte[] bytes = Json.compact(toJson(checkpoint)).getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the gateway checkpoint to " + file + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode toJson(Checkpoint checkpoint) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("savedAt", clock.instant().toString());
        ObjectNode transactions = root.putObject("transactions");
        checkpoint.transactions().forEach((id, entry) -> {
            ObjectNode node = transactions.putObject(id);
            node.put("fingerprint", entry.fingerprint());
            node.put("lastSeen", entry.lastSeen().toString());
            node.put("open", entry.open());
        });
        ObjectNode invalid = root.putObject("invalid");
        checkpoint.invalidFingerprints().forEach((fingerprint, day) -> invalid.put(fingerprint, day.toString()));
        ObjectNode batches = root.putObject("batches");
        checkpoint.batches().forEach((number, entry) -> {
            ObjectNode node = batches.putObject(number);
            node.put("summary", entry.summaryFingerprint());
            node.put("fingerprint", entry.fingerprint());
            node.put("lastSeen", entry.lastSeen().toString());
        });
        return root;
    }

    private static Checkpoint parse(JsonNode root) {
        int format = root.path("format").asInt();
        if (format != FORMAT && format != FORMAT_WITHOUT_OPEN) {
            throw new IllegalArgumentException("unknown format " + root.path("format"));
        }
        Checkpoint checkpoint = new Checkpoint();
        for (Map.Entry<String, JsonNode> e : root.path("transactions").properties()) {
            checkpoint.published(e.getKey(), requireText(e.getValue(), "fingerprint"),
                    day(requireText(e.getValue(), "lastSeen")), open(e.getValue()));
        }
        for (Map.Entry<String, JsonNode> e : root.path("invalid").properties()) {
            checkpoint.invalidPublished(e.getKey(), day(e.getValue().asText()));
        }
        for (Map.Entry<String, JsonNode> e : root.path("batches").properties()) {
            checkpoint.batchPublished(e.getKey(), requireText(e.getValue(), "summary"),
                    requireText(e.getValue(), "fingerprint"), day(requireText(e.getValue(), "lastSeen")));
        }
        return checkpoint;
    }

    /** Absent (format 1) means unknown, read as open so that one read decides; present must be a boolean. */
    private static boolean open(JsonNode entry) {
        JsonNode value = entry.get("open");
        if (value == null) {
            return true;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("entry with open " + value);
        }
        return value.booleanValue();
    }

    private static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("entry without " + field);
        }
        return value.asText();
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad day " + text, e);
        }
    }
}
