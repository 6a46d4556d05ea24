package com.ptsl.launcher.traffic;

/**
 * The kinds of payment the realistic mix makes, each named for what the payer typed. The share is the
 * scenario's part of the payments before declines are set ({@link PaymentMix}); the texts are what
 * {@link PaymentMix#table()} prints.
 */
public enum Scenario {

    INVOICE_ID(0.22, "invoice_id = RefNbr as SL prints it (0000010001); partial or full",
            "applied to that invoice (INVOICE_ID)"),
    INVOICE_ID_NO_ZEROS(0.08, "invoice_id = RefNbr without leading zeros (10001)",
            "applied to that invoice (INVOICE_ID)"),
    SALES_ORDER(0.10, "invoice_id = the invoice's sales order (SO200123)",
            "applied to that invoice (ORDER_NUMBER)"),
    CUSTOMER_PO(0.08, "customer_reference_id = the customer's PO only",
            "applied to that invoice (CUSTOMER_PO)"),
    INVOICE_LIST(0.05, "invoice_id = 2-3 invoices of one customer (0000010001,0000010007)",
            "applied oldest first (INVOICE_LIST)"),
    INVOICE_LIST_IN_DESCRIPTION(0.04, "description lists 2-3 invoices (Invoices 10001, 10007)",
            "applied oldest first (INVOICE_LIST)"),
    INVOICE_IN_DESCRIPTION(0.06, "description only (Payment for invoice 10001)",
            "applied to that invoice (INVOICE_LIST)"),
    CUSTOMER_EXACT_AMOUNT(0.06, "customer_reference_id = CustId, amount = one open balance",
            "applied to the invoice with that balance (EXACT_AMOUNT)"),
    OVERPAYMENT(0.05, "invoice_id = RefNbr, amount > its balance",
            "balance applied, rest on account, review OVERPAYMENT"),
    QUICK_PAIR(0.06, "two payments back to back, each 60 % of one balance",
            "60 % + 40 % applied, 20 % on account, one review OVERPAYMENT"),
    INVOICE_LATER(0.05, "invoice_id = a new sales order; the invoice is entered in SL 1-3 s later",
            "applied once the invoice exists (ORDER_NUMBER)"),
    UNKNOWN_INVOICE(0.05, "customer_reference_id = CustId, invoice_id = a number SL does not have",
            "on account after the deadline, review DEADLINE_PASSED"),
    UNKNOWN_CUSTOMER(0.05, "neither the customer nor the invoice exists in SL",
            "nothing posted, review UNKNOWN_CUSTOMER"),
    DECLINED(0.05, "amount 1.12: PayTrace's sandbox declines it",
            "nothing posted");

    private final double share;
    private final String carries;
    private final String expected;

    Scenario(double share, String carries, String expected) {
        this.share = share;
        this.carries = carries;
        this.expected = expected;
    }

    /** Part of the realistic mix at the default decline share (5 %). */
    public double share() {
        return share;
    }

    /** What the payment carries, for the mix table. */
    public String carries() {
        return carries;
    }

    /** What SL should show for it, for the mix table. */
    public String expected() {
        return expected;
    }

    /** Payments per planned unit: a quick pair is two payments made back to back. */
    int paymentsPerUnit() {
        return this == QUICK_PAIR ? 2 : 1;
    }
}
