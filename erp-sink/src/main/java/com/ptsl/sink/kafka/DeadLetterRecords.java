package com.ptsl.sink.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.sink.ledger.DeadLetterRow;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a PTSL_DeadLetter row says on Kafka: while open, the DeadLetter on erp.commands.dlq (keyed by commandId) and an
 * OPEN review item on payments.review (keyed by the PayTrace transaction, or the commandId when there is none); once a
 * re-drive applied it, a tombstone on erp.commands.dlq (so "the latest record per commandId" is the open queue) and the
 * review item RESOLVED.
 */
public final class DeadLetterRecords {

    /** DeadLetter.payloadType of a command. */
    public static final String PAYLOAD_TYPE = "ErpCommand";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterRecords() {
    }

    public static List<ProducerRecord<String, byte[]>> of(DeadLetterRow d) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(2);
        byte[] dlq = d.resolved() ? null
                : Topics.COMMANDS_DLQ.valueSerde().serializer().serialize(Topics.COMMANDS_DLQ.name(), deadLetter(d));
        out.add(new ProducerRecord<>(Topics.COMMANDS_DLQ.name(), d.commandId(), dlq));
        out.add(new ProducerRecord<>(Topics.PAYMENTS_REVIEW.name(), d.reviewKey(),
                Topics.PAYMENTS_REVIEW.valueSerde().serializer().serialize(Topics.PAYMENTS_REVIEW.name(), reviewItem(d))));
        return out;
    }

    public static DeadLetter deadLetter(DeadLetterRow d) {
        return DeadLetter.newBuilder()
                .setId(d.commandId())
                .setPayloadType(PAYLOAD_TYPE)
                .setPayload(ByteBuffer.wrap(d.payload()))
                .setKey(d.recordKey())
                .setSourceTopic(d.sourceTopic())
                .setReason(d.reason())
                .setAttempts(d.attempts())
                .setFirstFailedAt(d.firstFailedAt())
                .setLastFailedAt(d.lastFailedAt())
                .setCustId(d.custId())
                .setSourceTransactionId(d.sourceTransactionId())
                .setCommandType(d.commandType())
                .build();
    }

    public static ReviewItem reviewItem(DeadLetterRow d) {
        boolean rejectedBySl = d.kind() == DeadLetterRow.Kind.REJECTED;
        return ReviewItem.newBuilder()
                .setTransactionId(d.reviewKey())
                .setReason(rejectedBySl ? ReviewReason.REJECTED_BY_SL : ReviewReason.DEAD_LETTER)
                .setDetail(d.reason())
                .setAmount(d.amount())
                .setJson(summary(d))
                .setRaisedAt(d.lastFailedAt())
                .setStatus(d.resolved() ? ReviewStatus.RESOLVED : ReviewStatus.OPEN)
                .setCustId(d.custId().isBlank() ? null : d.custId())
                .setDecision(decision(d, rejectedBySl))
                .setResolution(d.resolved() ? "applied by a re-drive (attempt " + d.attempts() + ")" : null)
                .build();
    }

    private static String decision(DeadLetterRow d, boolean rejectedBySl) {
        String redrive = "ptsl dlq redrive " + d.commandId();
        if (rejectedBySl) {
            return "Fix what SL refused (e.g. add the customer, open the period, correct the account), then: " + redrive;
        }
        if (d.kind() == DeadLetterRow.Kind.POISON) {
            return "Not a readable ErpCommand: find the producer that wrote it; re-drive only once an erp-sink that reads it runs: "
                    + redrive;
        }
        return "erp-sink failed on this command (a bug, see its log); after the fix: " + redrive;
    }

    /**
     * ReviewItem.json is "the PayTrace record the item is about", which the sink never sees: it gets the command's
     * particulars instead (invented here; no card data, the payload stays in the DLQ).
     */
    private static String summary(DeadLetterRow d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commandId", d.commandId());
        m.put("commandType", d.commandType());
        m.put("custId", d.custId());
        m.put("sourceTransactionId", d.sourceTransactionId());
        m.put("amount", d.amount() == null ? null : d.amount().toPlainString());
        m.put("kind", d.kind().name());
        m.put("attempts", d.attempts());
        m.put("sourceTopic", d.sourceTopic());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings as JSON", e);
        }
    }
}
