package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.PaymentMethod;

/** The site-specific choices of how payments land in SL (ARCHITECTURE.md §7 defaults, all configurable). */
public record PostingSettings(String cpnyId, CashAccount cardCash, CashAccount achCash, String batchStatus, String program,
                              String user) {

    public PostingSettings {
        require(cpnyId, 10, "company id (CpnyID)");
        require(batchStatus, 1, "batch status");
        require(program, 8, "program id (Crtd_Prog)");
        require(user, 10, "user id (Crtd_User)");
    }

    /** ARCHITECTURE.md §7: the cash side is the clearing account of the payment method. */
    public CashAccount cashAccountFor(PaymentMethod method) {
        return method == PaymentMethod.ACH ? achCash : cardCash;
    }

    private static void require(String value, int max, String what) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters, is '" + value + "'");
        }
    }
}
