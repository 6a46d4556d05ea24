package com.ptsl.sink.sql.dialect;

/**
 * Column lists of the integration-owned tables. The types chosen (varchar, int, bigint,
 * smallint, datetime2) mean the same in H2's MSSQLServer mode and in SQL Server, so only the
 * surrounding CREATE statement differs per dialect.
 */
final class IntegrationColumns {

    static final String OFFSETS = "[GroupId] varchar(255) NOT NULL, [Topic] varchar(255) NOT NULL, "
            + "[PartitionNbr] int NOT NULL, [NextOffset] bigint NOT NULL, [UpdatedAt] datetime2 NOT NULL, "
            + "CONSTRAINT [PTSL_KafkaOffsets0] PRIMARY KEY ([GroupId], [Topic], [PartitionNbr])";

    static final String LEDGER = "[CommandId] varchar(100) NOT NULL, [Status] varchar(10) NOT NULL, "
            + "[Reason] varchar(1000) NULL, [CustId] varchar(100) NOT NULL, [SourceTransactionId] varchar(100) NOT NULL, "
            + "[BatNbr] varchar(10) NULL, [RefNbr] varchar(10) NULL, [SourceReceivedAt] datetime2 NOT NULL, "
            + "[ProcessedAt] datetime2 NOT NULL, [ResultSent] smallint NOT NULL, "
            + "CONSTRAINT [PTSL_CommandLedger0] PRIMARY KEY ([CommandId])";

    static final String LEDGER_UNSENT_INDEX = "PTSL_CommandLedger1";

    /** The SL feed finds the command behind a payment by the RefNbr it wrote (CommandLedger.appliedByRefNbr). */
    static final String LEDGER_REFNBR_INDEX = "PTSL_CommandLedger2";

    /** One row per feed (topic): the SL row version up to which every change has been published. */
    static final String FEED_STATE = "[FeedName] varchar(100) NOT NULL, [HighWater] bigint NOT NULL, "
            + "[UpdatedAt] datetime2 NOT NULL, CONSTRAINT [PTSL_FeedState0] PRIMARY KEY ([FeedName])";

    private IntegrationColumns() {
    }
}
