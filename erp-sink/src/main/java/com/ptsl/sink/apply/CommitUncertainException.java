package com.ptsl.sink.apply;

import java.sql.SQLException;

/**
 * COMMIT itself failed, typically because the connection dropped: the database may or may not have
 * committed. Either way is safe (a retry finds the ledger rows, or the compare-and-set of the offsets
 * fences it), but if it did commit, its results are still unsent in the ledger.
 */
public final class CommitUncertainException extends SQLException {

    private static final long serialVersionUID = 1L;

    CommitUncertainException(SQLException cause) {
        super("commit outcome unknown: " + cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    }
}
