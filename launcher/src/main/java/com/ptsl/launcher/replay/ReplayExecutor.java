package com.ptsl.launcher.replay;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Carries out a {@link ReplayPlan}, in the order of Kafka Streams' application reset: input offsets, then the internal
 * topics (with the group's offsets on them), then the local state. Each step is idempotent, so a replay that failed
 * part of the way is completed by running it again (before the processor is started).
 */
final class ReplayExecutor {

    private static final Duration DELETION_POLL = Duration.ofMillis(200);

    private final AdminCalls kafka;
    private final Duration deletionWait;

    ReplayExecutor(AdminCalls kafka, Duration deletionWait) {
        this.kafka = kafka;
        this.deletionWait = deletionWait;
    }

    /** Applies the plan; {@code done} hears one line per finished step. */
    void apply(ReplayPlan plan, Consumer<String> done) {
        String group = plan.applicationId();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        plan.resets().forEach(r -> offsets.put(r.partition(), new OffsetAndMetadata(r.target())));
        // The broker refuses to alter the offsets of a group with members (GroupNotEmptyException): a processor
        // started since the plan was made cannot be overrun, the replay fails here with nothing changed.
        kafka.get(kafka.admin().alterConsumerGroupOffsets(group, offsets).all(), "reset the offsets of consumer group " + group);
        done.accept("reset " + offsets.size() + " input partition offsets of consumer group " + group);
        try {
            deleteInternalTopics(plan, done);
            plan.localState().ifPresent(state -> deleteLocalState(state, done));
        } catch (RuntimeException e) {
            throw ReplayException.partial(e.getMessage(), e);
        }
    }

    private void deleteInternalTopics(ReplayPlan plan, Consumer<String> done) {
        String group = plan.applicationId();
        Set<TopicPartition> internalOffsets = plan.internalOffsets();
        if (!internalOffsets.isEmpty()) {
            // Deleting a topic drops the group's offsets on it as well; said explicitly so that a recreated topic is
            // read from its beginning whatever the broker version does.
            kafka.get(kafka.admin().deleteConsumerGroupOffsets(group, internalOffsets).all(),
                    "delete the offsets of consumer group " + group + " on its internal topics");
        }
        List<String> topics = plan.internalTopics();
        if (topics.isEmpty()) {
            return;
        }
        kafka.get(kafka.admin().deleteTopics(topics).all(), "delete the internal topics " + topics);
        awaitGone(topics);
        done.accept("deleted " + topics.size() + " internal topics (the stream-processor recreates them empty when it starts)");
    }

    /** Returns once no broker lists the topics: a processor started right after must not find them half deleted. */
    private void awaitGone(List<String> topics) {
        Instant deadline = Instant.now().plus(deletionWait);
        while (true) {
            Set<String> names = kafka.get(kafka.admin().listTopics().names(), "list topics");
            List<String> left = topics.stream().filter(names::contains).toList();
            if (left.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ReplayException("Kafka still lists " + left + " " + deletionWait.toSeconds() + " s after deleting them");
            }
            try {
                Thread.sleep(DELETION_POLL.toMillis()); // polling the topic list until the deletion shows, bounded above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplayException("interrupted while waiting for the internal topics to be deleted", e);
            }
        }
    }

    private static void deleteLocalState(ReplayPlan.LocalState state, Consumer<String> done) {
        if (!Files.exists(state.appDir())) {
            done.accept("no local state in " + state.appDir() + " to delete");
            return;
        }
        try {
            Files.walkFileTree(state.appDir(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the local state " + state.appDir() + ": " + e.getMessage(), e);
        }
        done.accept("deleted the local state " + state.appDir());
    }
}
