package com.ptsl.sink.deposit;

import com.ptsl.sink.posting.GlAccount;

import java.util.Objects;
import java.util.Optional;

/**
 * How settlement batches are recorded: the status given to the AR batches holding their documents
 * (SL_DEPOSIT_BATCH_STATUS) and the account their processor fees are recorded against (SL_DEPOSIT_FEE_ACCT/SUB; null =
 * none configured, then a batch reporting fees is rejected).
 */
public record DepositSettings(DepositBatchStatus batchStatus, GlAccount feeAccount) {

    /** KEEP, no fee account: what a sink configured before deposits existed does. */
    public static final DepositSettings DEFAULT = new DepositSettings(DepositBatchStatus.KEEP, null);

    public DepositSettings {
        Objects.requireNonNull(batchStatus, "deposit batch status");
    }

    public Optional<GlAccount> configuredFeeAccount() {
        return Optional.ofNullable(feeAccount);
    }
}
