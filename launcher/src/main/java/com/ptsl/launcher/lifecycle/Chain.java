package com.ptsl.launcher.lifecycle;

/**
 * The card transaction lifecycles {@code ptsl run} drives besides the payment mix, one per thing PayTrace can do to a
 * payment after it is made, each with what SL must end up with (issue 7's chains).
 */
public enum Chain {
    /** Sale; once SL has it, voided before settlement: SL nets nothing (removed from the unreleased batch, or an NS). */
    SALE_THEN_VOID("sale -> void before settlement", "PA removed, or NS if already released (refunded instead if it settled first): net 0"),
    /** Sale; once SL released its batch, voided: an 08240 NS reverses it and reopens the invoice. */
    SALE_RELEASED_THEN_VOID("sale -> SL releases it -> void", "NS reversal of the released PA: net 0"),
    /** Sale, settled, 40 % refunded, then the rest: two refunds, SL's cash nets nothing. */
    SALE_SETTLE_REFUNDS("sale -> settle -> partial refund -> refund of the rest", "PA, then two refunds (policy documents): net 0"),
    /** Authorization, then 70 % captured: SL gets a payment of the captured amount. */
    AUTH_PARTIAL_CAPTURE("authorization -> partial capture (70 %)", "PA of the captured amount"),
    /** Authorization, captured in full, settled. */
    AUTH_CAPTURE_SETTLE("authorization -> capture -> settle", "PA of the amount"),
    /** Authorization voided before capture: a status event, nothing in SL. */
    AUTH_THEN_VOID("authorization -> void", "nothing; status events AUTHORIZED, VOIDED_UNPOSTED"),
    /** Approved and auto-voided by PayTrace for a CSC mismatch (103). */
    AUTO_VOID_103("sale with a CSC mismatch (103 auto-void)", "nothing; status event AUTO_VOIDED"),
    /** Declined by the processor. */
    DECLINE("declined sale", "nothing; status event DECLINED");

    private final String what;
    private final String expected;

    Chain(String what, String expected) {
        this.what = what;
        this.expected = expected;
    }

    public String what() {
        return what;
    }

    public String expected() {
        return expected;
    }
}
