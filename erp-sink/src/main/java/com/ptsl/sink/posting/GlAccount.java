package com.ptsl.sink.posting;

/** An SL GL account and subaccount (Account.Acct char(10), SubAcct.Sub char(24)) that is not a cash account. */
public record GlAccount(String acct, String sub) {

    public GlAccount {
        if (acct == null || acct.isBlank() || acct.strip().length() > 10) {
            throw new IllegalArgumentException("account must be 1..10 characters, is '" + acct + "'");
        }
        if (sub == null || sub.isBlank() || sub.strip().length() > 24) {
            throw new IllegalArgumentException("subaccount must be 1..24 characters, is '" + sub + "'");
        }
        acct = acct.strip();
        sub = sub.strip();
    }

    /** SL_REFUND_ACCT/SL_REFUND_SUB: both blank = null (use ARSetup's), one blank is an error. */
    public static GlAccount optional(String acct, String sub) {
        boolean noAcct = acct == null || acct.isBlank();
        boolean noSub = sub == null || sub.isBlank();
        if (noAcct && noSub) {
            return null;
        }
        if (noAcct || noSub) {
            throw new IllegalArgumentException("account and subaccount go together: set both or neither (found '"
                    + (acct == null ? "" : acct.strip()) + "/" + (sub == null ? "" : sub.strip()) + "')");
        }
        return new GlAccount(acct, sub);
    }

    static GlAccount of(CashAccount cash) {
        return new GlAccount(cash.acct(), cash.sub());
    }

    @Override
    public String toString() {
        return acct + "/" + sub;
    }
}
