package com.ptsl.sink.deposit;

import java.util.List;

/**
 * A deposit's review item as the outbox publishes it: OPEN while the batch is a MISMATCH, RESOLVED once a correction
 * of it matched. {@code differing} are the lines that explain the difference (none when resolved).
 */
public record DepositReview(Deposit deposit, String detail, List<DepositLine> differing) {

    public DepositReview {
        differing = differing == null ? List.of() : List.copyOf(differing);
    }

    public boolean open() {
        return deposit.status() == Deposit.Status.MISMATCH;
    }
}
