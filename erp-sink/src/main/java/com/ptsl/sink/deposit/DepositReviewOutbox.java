package com.ptsl.sink.deposit;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The deposits' review items waiting for Kafka (PTSL_Deposit.ReviewSent = 0), published by the sink after the commit that
 * recorded them and again after a crash, like dead letters: never lost, at worst sent twice (same key, same content).
 */
public final class DepositReviewOutbox {

    private final DepositStore store;

    public DepositReviewOutbox(SqlDialect dialect) {
        this.store = new DepositStore(dialect);
    }

    /** Up to {@code limit} unsent review items, oldest first, each with its detail rebuilt from the stored lines. */
    public List<DepositReview> unsent(Connection c, int limit) throws SQLException {
        List<DepositReview> out = new ArrayList<>();
        for (Deposit d : store.unsent(c, limit)) {
            List<DepositLine> lines = store.lines(c, d.batchNumber());
            out.add(new DepositReview(d, MismatchDetail.of(d, lines),
                    d.status() == Deposit.Status.MISMATCH ? MismatchDetail.differing(lines) : List.of()));
        }
        return out;
    }

    /** After Kafka acknowledged them; a deposit corrected meanwhile stays unsent. */
    public void markSent(Connection c, List<DepositReview> published) throws SQLException {
        store.markSent(c, published.stream().map(DepositReview::deposit).toList());
    }
}
