package com.ptsl.sink.kafka;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a record's bytes into an ErpCommand here rather than in the consumer, so that a record no
 * reader understands (a poison pill) becomes a REJECTED ledger row with its reason instead of an
 * exception out of poll() that would stop the partition for good.
 */
public final class CommandDecoder {

    /** Either a command or why the bytes are not one. */
    public record Decoded(ErpCommand command, String problem) {
        public boolean ok() {
            return command != null;
        }
    }

    private final Deserializer<ErpCommand> deserializer = Topics.ERP_COMMANDS.valueSerde().deserializer();

    public Decoded decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return new Decoded(null, "empty record (no ErpCommand)");
        }
        try {
            ErpCommand command = deserializer.deserialize(record.topic(), record.value());
            if (command.getCommandId() == null || command.getCommandId().isBlank()) {
                return new Decoded(null, "ErpCommand without a commandId");
            }
            return new Decoded(command, null);
        } catch (RuntimeException e) {
            return new Decoded(null, "not a readable ErpCommand: " + e.getMessage());
        }
    }

    /** The deterministic ledger id of an undecodable record: its position in the log. */
    public static String poisonId(ConsumerRecord<?, ?> record) {
        return "undecodable:" + record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
