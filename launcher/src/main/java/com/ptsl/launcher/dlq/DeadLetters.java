package com.ptsl.launcher.dlq;

import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;

import java.util.Comparator;
import java.util.List;

/**
 * The open dead letters: the latest record per commandId on {@code erp.commands.dlq}. The sink writes a tombstone
 * once a re-driven command is applied, so what is left is what still needs a person.
 */
final class DeadLetters {

    private DeadLetters() {
    }

    static List<DeadLetter> open(KafkaTopicReader reader) {
        return reader.readLatest(Topics.COMMANDS_DLQ).latest().values().stream()
                .sorted(Comparator.comparing(DeadLetter::getLastFailedAt).thenComparing(DeadLetter::getId))
                .toList();
    }
}
