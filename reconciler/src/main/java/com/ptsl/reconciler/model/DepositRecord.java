package com.ptsl.reconciler.model;

/**
 * A PTSL_Deposit row: how the erp-sink recorded a settlement batch as an SL deposit.
 *
 * @param recordedAt epoch millis
 */
public record DepositRecord(String batchNumber, String commandId, long netCents, long slCents, String status, String slBatches,
                            int transactionCount, long recordedAt) {
}
