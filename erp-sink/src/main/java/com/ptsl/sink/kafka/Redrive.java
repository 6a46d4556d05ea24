package com.ptsl.sink.kafka;

import com.ptsl.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A record on erp.commands sent back from the dead-letter queue ({@code ptsl dlq redrive}). Only such a record may
 * apply again a command the ledger holds as REJECTED; any other record of a known commandId, re-drive or not, stays a
 * DUPLICATE no-op, so re-driving twice applies once and a plain replay never re-applies.
 */
public final class Redrive {

    /** Marks a re-drive; its value is free text (the launcher writes the attempt number). */
    public static final String HEADER = Topics.REDRIVE_HEADER;

    /**
     * Optional, invented here: the DeadLetter id being re-driven. Needed only for a poison record, whose id is its
     * position in the log ({@link CommandDecoder#poisonId}) and so changes when the bytes are sent again: with this
     * header a re-driven poison record that is still unreadable counts as one more attempt of the same dead letter
     * instead of becoming a new one.
     */
    public static final String ID_HEADER = "ptsl-redrive-id";

    private Redrive() {
    }

    public static boolean requested(ConsumerRecord<?, ?> record) {
        return record.headers().lastHeader(HEADER) != null;
    }

    /** The dead letter a re-drive names, if it names one. */
    public static Optional<String> deadLetterId(ConsumerRecord<?, ?> record) {
        Header h = record.headers().lastHeader(ID_HEADER);
        if (h == null || h.value() == null) {
            return Optional.empty();
        }
        String id = new String(h.value(), StandardCharsets.UTF_8).strip();
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }
}
