package com.ptsl.sink.sql.dialect;

import java.util.List;

/**
 * Column lists of the integration-owned tables. The types chosen (varchar, varbinary(max), int, bigint,
 * smallint, decimal, date, datetime2) mean the same in H2's MSSQLServer mode and in SQL Server, so only the
 * surrounding CREATE statement differs per dialect.
 */
final class IntegrationColumns {

    static final String OFFSETS = "[GroupId] varchar(255) NOT NULL, [Topic] varchar(255) NOT NULL, "
            + "[PartitionNbr] int NOT NULL, [NextOffset] bigint NOT NULL, [UpdatedAt] datetime2 NOT NULL, "
            + "CONSTRAINT [PTSL_KafkaOffsets0] PRIMARY KEY ([GroupId], [Topic], [PartitionNbr])";

    /** A column added to an existing table by a later version; created where missing, never altered or dropped. */
    record Added(String table, String column, String type) {
    }

    static final String LEDGER = "[CommandId] varchar(100) NOT NULL, [Status] varchar(10) NOT NULL, "
            + "[Reason] varchar(1000) NULL, [CustId] varchar(100) NOT NULL, [SourceTransactionId] varchar(100) NOT NULL, "
            + "[BatNbr] varchar(10) NULL, [RefNbr] varchar(10) NULL, [SourceReceivedAt] datetime2 NOT NULL, "
            + "[ProcessedAt] datetime2 NOT NULL, [ResultSent] smallint NOT NULL, "
            + "CONSTRAINT [PTSL_CommandLedger0] PRIMARY KEY ([CommandId])";

    /**
     * What the outbox needs to rebuild an ErpResult v2 after a crash (event, commandType, amount, documents as
     * "DocType/RefNbr/BatNbr;..."). Added by ALTER TABLE so that a ledger created by the previous version is
     * upgraded in place; nullable, because its old rows have none.
     */
    static final List<Added> LEDGER_ADDED = List.of(
            new Added(SqlDialect.LEDGER_TABLE, "Event", "varchar(30) NULL"),
            new Added(SqlDialect.LEDGER_TABLE, "CommandType", "varchar(40) NULL"),
            new Added(SqlDialect.LEDGER_TABLE, "Amount", "decimal(18, 2) NULL"),
            new Added(SqlDialect.LEDGER_TABLE, "Documents", "varchar(1000) NULL"));

    /**
     * Commands refused for a permanent reason, kept whole (the record value as consumed) with why and how often:
     * the outbox of erp.commands.dlq and of their review items. Kind is POISON (undecodable), REJECTED (SL refused
     * it) or ERROR (a bug in the sink); Sent = 0 until Kafka acknowledged the latest state; Resolved = 1 once a
     * re-drive applied it (then the outbox sends a tombstone and a RESOLVED review item).
     */
    static final String DEAD_LETTER = "[CommandId] varchar(100) NOT NULL, [Kind] varchar(10) NOT NULL, "
            + "[Payload] varbinary(max) NOT NULL, [RecordKey] varchar(255) NOT NULL, [SourceTopic] varchar(255) NOT NULL, "
            + "[Reason] varchar(1000) NOT NULL, [Attempts] int NOT NULL, [FirstFailedAt] datetime2 NOT NULL, "
            + "[LastFailedAt] datetime2 NOT NULL, [CustId] varchar(100) NOT NULL, [SourceTransactionId] varchar(100) NOT NULL, "
            + "[CommandType] varchar(40) NOT NULL, [Amount] decimal(18, 2) NULL, [Resolved] smallint NOT NULL, "
            + "[Sent] smallint NOT NULL, CONSTRAINT [PTSL_DeadLetter0] PRIMARY KEY ([CommandId])";

    static final String DEAD_LETTER_UNSENT_INDEX = "PTSL_DeadLetter1";

    static final String LEDGER_UNSENT_INDEX = "PTSL_CommandLedger1";

    /** The SL feed finds the command behind a payment by the RefNbr it wrote (CommandLedger.appliedByRefNbr). */
    static final String LEDGER_REFNBR_INDEX = "PTSL_CommandLedger2";

    /** One row per feed (topic): the SL row version up to which every change has been published. */
    static final String FEED_STATE = "[FeedName] varchar(100) NOT NULL, [HighWater] bigint NOT NULL, "
            + "[UpdatedAt] datetime2 NOT NULL, CONSTRAINT [PTSL_FeedState0] PRIMARY KEY ([FeedName])";

    /**
     * One row per PayTrace settlement batch (CloseDeposit): PayTrace's figures, what SL holds for its transactions
     * (SlAmount, Difference = SlAmount - NetAmount), the fees and the account they are recorded against (FeeAcct/FeeSub
     * NULL without one), the SL batches holding its documents ("BatNbr,BatNbr"), and the command that recorded its
     * latest version. A correction of the batch replaces the row. Status MATCHED or MISMATCH; ReviewSent = 0 while the
     * review item of that state (OPEN, or RESOLVED after a mismatch) has not been acknowledged by Kafka.
     */
    static final String DEPOSIT = "[BatchNumber] varchar(50) NOT NULL, [CommandId] varchar(100) NOT NULL, "
            + "[DepositDate] date NOT NULL, [NetAmount] decimal(18, 2) NOT NULL, [SalesAmount] decimal(18, 2) NOT NULL, "
            + "[RefundAmount] decimal(18, 2) NOT NULL, [FeeAmount] decimal(18, 2) NULL, [FeeAcct] varchar(10) NULL, "
            + "[FeeSub] varchar(24) NULL, [SlAmount] decimal(18, 2) NOT NULL, [Difference] decimal(18, 2) NOT NULL, "
            + "[Status] varchar(10) NOT NULL, [SlBatches] varchar(2000) NOT NULL, [TransactionCount] int NOT NULL, "
            + "[RecordedAt] datetime2 NOT NULL, [ReviewSent] smallint NOT NULL, "
            + "CONSTRAINT [PTSL_Deposit0] PRIMARY KEY ([BatchNumber])";

    static final String DEPOSIT_UNSENT_INDEX = "PTSL_Deposit1";

    /**
     * The transactions of a settlement batch's latest version: PayTrace's kind (SALE, REFUND) and amount (positive),
     * what SL holds for it (SALE: PA - NS, REFUND: DM) and those documents as "DocType/RefNbr/BatNbr;..." (NULL: none).
     */
    static final String DEPOSIT_LINE = "[BatchNumber] varchar(50) NOT NULL, [TransactionId] varchar(100) NOT NULL, "
            + "[Kind] varchar(10) NOT NULL, [Amount] decimal(18, 2) NOT NULL, [SlAmount] decimal(18, 2) NOT NULL, "
            + "[Documents] varchar(1000) NULL, CONSTRAINT [PTSL_DepositLine0] PRIMARY KEY ([BatchNumber], [TransactionId])";

    private IntegrationColumns() {
    }
}
