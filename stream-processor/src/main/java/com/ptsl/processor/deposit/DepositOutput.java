package com.ptsl.processor.deposit;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.InvalidRecord;

/** What the deposit stage sends on: a CloseDeposit for erp.commands, or an unusable batch record for paytrace.raw.invalid. */
public sealed interface DepositOutput {

    record Command(ErpCommand command) implements DepositOutput {
    }

    record Invalid(InvalidRecord invalid) implements DepositOutput {
    }

    default boolean isInvalid() {
        return this instanceof Invalid;
    }

    default ErpCommand command() {
        if (this instanceof Command c) {
            return c.command();
        }
        throw new IllegalStateException("not a command: " + this);
    }

    default InvalidRecord invalid() {
        if (this instanceof Invalid i) {
            return i.invalid();
        }
        throw new IllegalStateException("not an invalid record: " + this);
    }
}
