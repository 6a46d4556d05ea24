package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.LedgerRow;

import java.util.List;

/**
 * A report line {@code --redrive} can fix by sending a command again: the original command (where it sits on
 * erp.commands) and the ledger's rows for the transaction, from which the id to send is derived.
 *
 * @param originalCommandId the id of the original command (never a re-post id)
 * @param why               the report line's detail
 */
public record RedriveNeed(String transactionId, String custId, CommandRef command, String originalCommandId,
                          List<LedgerRow> ledger, String why) {

    public RedriveNeed {
        ledger = List.copyOf(ledger);
    }
}
