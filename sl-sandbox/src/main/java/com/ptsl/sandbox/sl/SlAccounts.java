package com.ptsl.sandbox.sl;

/**
 * The seeded chart of accounts. A card payment (PA) debits its cash account through ARDoc.BankAcct/BankSub
 * (dynamics-sl.md §3), so the gateway clearing accounts are also CashAcct rows of the company.
 */
public final class SlAccounts {

    /** The one subaccount (Subacct0); SL subaccounts are segmented, here 2-3-2 digits. */
    public static final String SUB = "00-000-00";
    /** Cash account for card settlements (AcctType 1A, CashAcct row). */
    public static final String CARD_CLEARING = "1010";
    /** Cash account for ACH settlements (CashAcct row). */
    public static final String ACH_CLEARING = "1020";
    /** ARSetup.ArAcct: the AR control account, also ARDoc.BankAcct of every invoice. */
    public static final String ACCOUNTS_RECEIVABLE = "1300";
    /** ARSetup.PrePayAcct: where an unapplied PP is credited (release fails 6928 on an unknown account). */
    public static final String CUSTOMER_PREPAYMENTS = "2300";
    /** Sales: credit side of the seeded invoices. */
    public static final String SALES = "4000";
    /**
     * ARSetup.RfndAcct: sales returns, the account a returned-goods credit memo (CM) debits when the erp-sink's
     * refund account is not configured.
     */
    public static final String SALES_RETURNS = "4100";
    /** ARSetup.DiscAcct: terms discounts taken on payment. */
    public static final String SALES_DISCOUNTS = "4900";
    /** Processor fees (deposit = gross - fees needs a separate GL/CA entry, dynamics-sl.md §13). */
    public static final String MERCHANT_FEES = "6100";

    private SlAccounts() {
    }
}
