package com.ptsl.sink.posting;

/** An SL cash account (CashAcct key without CpnyID): where a payment batch deposits. */
public record CashAccount(String acct, String sub) {

    public CashAccount {
        if (acct == null || acct.isBlank() || acct.strip().length() > 10) {
            throw new IllegalArgumentException("cash account must be 1..10 characters, is '" + acct + "'");
        }
        if (sub == null || sub.isBlank() || sub.strip().length() > 24) {
            throw new IllegalArgumentException("cash subaccount must be 1..24 characters, is '" + sub + "'");
        }
        acct = acct.strip();
        sub = sub.strip();
    }

    @Override
    public String toString() {
        return acct + "/" + sub;
    }
}
