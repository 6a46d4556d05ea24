package com.ptsl.sandbox.sl;

import java.time.LocalDateTime;
import java.util.Map;

/** SL's audit columns: Crtd_/LUpd_ DateTime, Prog (screen number) and User on nearly every table. */
final class Audit {

    /** SL's built-in administrator login. */
    static final String USER = "SYSADMIN";
    /** AR Invoice and Memo entry: the screen that creates invoices and their batches. */
    static final String INVOICE_ENTRY = "08010";
    /** AR Release (pp_08400): it writes the GLTran lines of a released AR batch. */
    static final String AR_RELEASE = "08400";

    private Audit() {
    }

    static Map<String, Object> columns(String prog, LocalDateTime at) {
        return Map.of("Crtd_DateTime", at, "Crtd_Prog", prog, "Crtd_User", USER,
                "LUpd_DateTime", at, "LUpd_Prog", prog, "LUpd_User", USER);
    }
}
