package com.ptsl.reconciler.redrive;

import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.LedgerRow;

import java.util.List;
import java.util.Optional;

/**
 * The commandId a re-drive sends, derived only from the original id and the ledger, so that running {@code --redrive}
 * twice against an unchanged ledger sends the same id twice (and the sink applies it once):
 * <ul>
 *   <li>the ledger has no row for the original: the original id (the command never reached SL; sent unchanged);</li>
 *   <li>the ledger says APPLIED but the document is gone: {@code <original>:repost-<n>}, n = 1 + the number of APPLIED
 *       ledger rows {@code <original>:repost-*} (the original id would only be a DUPLICATE no-op);</li>
 *   <li>the ledger says REJECTED: nothing (the dead-letter queue's re-drive is the way back for a refused command).</li>
 * </ul>
 */
public final class RepostIds {

    /** What to send: an id, and whether it is the original record unchanged. */
    public record Decision(String commandId, boolean original) {
    }

    private RepostIds() {
    }

    /** @param ledger the ledger rows of transaction {@code tx} */
    public static Optional<Decision> decide(String originalCommandId, String tx, List<LedgerRow> ledger) {
        LedgerRow row = null;
        for (LedgerRow r : ledger) {
            if (r.commandId(tx).equals(originalCommandId)) {
                row = r;
            }
        }
        if (row == null) {
            return Optional.of(new Decision(originalCommandId, true));
        }
        if (!row.applied()) {
            return Optional.empty();
        }
        String prefix = originalCommandId + CommandType.REPOST_MARK;
        long reposted = ledger.stream().filter(r -> r.applied() && r.commandId(tx).startsWith(prefix)).count();
        return Optional.of(new Decision(prefix + (reposted + 1), false));
    }
}
