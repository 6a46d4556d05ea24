package com.ptsl.schemas;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.ReviewItem;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;
import java.util.Map;

/** The topic catalogue (ARCHITECTURE.md §4). Topics not used yet are added when their feature is built. */
public final class Topics {

    /** Partitions for new topics; enough for a few instances of each service, cheap on one machine. */
    public static final int DEFAULT_PARTITIONS = 6;

    /** The event store: every PayTrace record as received, keyed by transaction id. Kept forever, never compacted. */
    public static final Topic<String, RawPayTraceRecord> RAW_TRANSACTIONS = new Topic<>(
            "paytrace.transactions.raw", Serdes.String(), AvroSerde.of(RawPayTraceRecord.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1", "cleanup.policy", "delete"));

    /** Raw records that could not be parsed, byte for byte with the reason. */
    public static final Topic<String, InvalidRecord> RAW_INVALID = new Topic<>(
            "paytrace.raw.invalid", Serdes.String(), AvroSerde.of(InvalidRecord.class),
            1, Map.of("retention.ms", "-1"));

    /** Commands for Dynamics SL, keyed by SL CustId so each customer's commands stay in order. */
    public static final Topic<String, ErpCommand> ERP_COMMANDS = new Topic<>(
            "erp.commands", Serdes.String(), AvroSerde.of(ErpCommand.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1"));

    /** One result per command, keyed by commandId. */
    public static final Topic<String, ErpResult> ERP_RESULTS = new Topic<>(
            "erp.results", Serdes.String(), AvroSerde.of(ErpResult.class),
            DEFAULT_PARTITIONS, Map.of());

    /** Payments a finance user must resolve (unknown customer, unmatched, over/under payment), keyed by transaction id. */
    public static final Topic<String, ReviewItem> PAYMENTS_REVIEW = new Topic<>(
            "payments.review", Serdes.String(), AvroSerde.of(ReviewItem.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1"));

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return List.of(RAW_TRANSACTIONS, RAW_INVALID, ERP_COMMANDS, ERP_RESULTS, PAYMENTS_REVIEW);
    }
}
