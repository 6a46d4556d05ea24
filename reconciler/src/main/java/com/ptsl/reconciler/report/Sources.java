package com.ptsl.reconciler.report;

/**
 * What the report was made from, so a reader can tell a complete report from an empty one.
 *
 * @param rawRecords       paytrace.transactions.raw records read (from the window's start to the end offsets taken at start)
 * @param batchRecords     paytrace.batches.raw records read
 * @param commandRecords   erp.commands records read
 * @param transactions     distinct PayTrace transactions in the window
 * @param settlementBatches distinct settlement batches in the window
 * @param slDocuments      SL documents read
 * @param readMillis       time spent reading Kafka and SL
 */
public record Sources(long rawRecords, long batchRecords, long commandRecords, long transactions,
                      long settlementBatches, long slDocuments, long readMillis) {
}
