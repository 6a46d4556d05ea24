package com.ptsl.schemas;

import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
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

    /** PayTrace settlement batches (summary + member transaction ids), keyed by batch number; a correction replaces. */
    public static final Topic<String, RawSettlementBatch> RAW_BATCHES = new Topic<>(
            "paytrace.batches.raw", Serdes.String(), AvroSerde.of(RawSettlementBatch.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1"));

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

    /** Commands SL refused for a permanent reason, whole, with the reason and attempts; keyed by commandId; re-driven by ptsl dlq. */
    public static final Topic<String, DeadLetter> COMMANDS_DLQ = new Topic<>(
            "erp.commands.dlq", Serdes.String(), AvroSerde.of(DeadLetter.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1"));

    /** Results the outbound webhook could not deliver after its retries; keyed by commandId. */
    public static final Topic<String, DeadLetter> WEBHOOK_DLQ = new Topic<>(
            "erp.results.webhook.dlq", Serdes.String(), AvroSerde.of(DeadLetter.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1"));

    /** Payments a finance user must resolve (unknown customer, unmatched, over/under payment), keyed by transaction id. */
    public static final Topic<String, ReviewItem> PAYMENTS_REVIEW = new Topic<>(
            "payments.review", Serdes.String(), AvroSerde.of(ReviewItem.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1"));

    /** A person's decisions on review items (ptsl review resolve), keyed by transaction id like the raw topic. */
    public static final Topic<String, ReviewResolution> REVIEW_RESOLUTIONS = new Topic<>(
            "payments.review.resolutions", Serdes.String(), AvroSerde.of(ReviewResolution.class),
            DEFAULT_PARTITIONS, Map.of("retention.ms", "-1"));

    /** SL's open invoices as SL holds them now, keyed by {@link SlKeys#invoice}; written by erp-sink, tombstone when closed. */
    public static final Topic<String, SlInvoiceSnapshot> SL_INVOICES = new Topic<>(
            "sl.invoices", Serdes.String(), AvroSerde.of(SlInvoiceSnapshot.class),
            DEFAULT_PARTITIONS, Map.of("cleanup.policy", "compact"));

    /** SL's customers, keyed by CustId, with the PayTrace vault id where SL keeps one; written by erp-sink. */
    public static final Topic<String, SlCustomerSnapshot> SL_CUSTOMERS = new Topic<>(
            "sl.customers", Serdes.String(), AvroSerde.of(SlCustomerSnapshot.class),
            DEFAULT_PARTITIONS, Map.of("cleanup.policy", "compact"));

    /**
     * The stream processor's lookup index over sl.invoices and sl.customers (invoice number, order number,
     * customer PO, CustId, vault id → SL customer), read by every instance as a global table. Derived: it can
     * be deleted and is rebuilt from the two SL topics by a reset. Keys and values are plain text.
     */
    public static final Topic<String, String> SL_LOOKUP = new Topic<>(
            "sl.lookup", Serdes.String(), Serdes.String(),
            DEFAULT_PARTITIONS, Map.of("cleanup.policy", "compact"));

    /**
     * Record header on {@code erp.commands} that marks a re-drive from the dead-letter queue (value: the attempt
     * number). Only such a record may re-apply a command the sink's ledger holds as REJECTED; a plain replay stays a no-op.
     */
    public static final String REDRIVE_HEADER = "ptsl-redrive";

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return List.of(RAW_TRANSACTIONS, RAW_BATCHES, RAW_INVALID, ERP_COMMANDS, ERP_RESULTS, COMMANDS_DLQ, WEBHOOK_DLQ, PAYMENTS_REVIEW, REVIEW_RESOLUTIONS,
                SL_INVOICES, SL_CUSTOMERS, SL_LOOKUP);
    }
}
