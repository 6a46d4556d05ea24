package com.ptsl.sandbox.sl.release;

/**
 * The refusals of the release emulation. Numbers below 90000 are SL's own (pp_08400PrepWrk and pp_08400,
 * dynamics-sl.md §3 and §11); SL's texts are not in the reference, so every text here is the sandbox's wording.
 * Numbers from 90001 are invented by the sandbox (docs/sandbox-inventions.md, "SL sandbox").
 */
final class SlMessages {

    static final int ALREADY_RELEASED = 12008;
    static final int BATCH_TOTAL = 12123;
    static final int CURY_NOT_BASE = 12124;
    /** Which of SL's 12125/12126 means "no lines" and which "no documents" is not given: assigned here [I]. */
    static final int NO_LINES = 12125;
    static final int NO_DOCUMENTS = 12126;
    static final int UNRELEASED_APPLIED_DOC = 12306;
    static final int BAD_CUSTOMER = 12347;
    static final int CURRENCY_MISMATCH = 12427;
    /** The reference pairs 6928/6929 with "bad or blank account/subaccount"; account vs subaccount assigned here [I]. */
    static final int BAD_ACCOUNT = 6928;
    static final int BAD_SUBACCOUNT = 6929;
    static final int GL_UNBALANCED = 8888;

    // Invented by the sandbox (SL's numbers for these are not in the reference).
    static final int CLOSED_PERIOD = 90001;
    static final int NOT_RELEASABLE_STATUS = 90002;
    static final int OVER_APPLIED_DOC = 90003;
    static final int OVER_APPLIED_PAYMENT = 90004;
    static final int APPLIED_DOC_MISSING = 90005;
    static final int NOT_EMULATED = 90006;
    static final int DISCOUNT_NOT_EMULATED = 90007;
    static final int REVERSED_PAYMENT_MISSING = 90008;
    static final int ALREADY_REVERSED = 90009;
    static final int PARTIAL_REVERSAL = 90010;
    static final int BAD_PERIOD = 90011;

    private SlMessages() {
    }

    static ReleaseMessage sl(int number, String text) {
        return new ReleaseMessage(number, text, false);
    }

    static ReleaseMessage invented(int number, String text) {
        return new ReleaseMessage(number, text, true);
    }
}
