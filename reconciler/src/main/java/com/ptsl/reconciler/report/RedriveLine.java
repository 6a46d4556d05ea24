package com.ptsl.reconciler.report;

import java.math.BigDecimal;

/**
 * One command {@code --redrive} sent to erp.commands.
 *
 * @param commandId         the id it was sent with (the original's, or a re-post id derived from it and the ledger)
 * @param originalCommandId the command it re-sends
 * @param why               the sentence of the report line it fixes
 */
public record RedriveLine(String commandId, String originalCommandId, String transactionId, String custId,
                          String commandType, BigDecimal amount, String why) {
}
