package com.ptsl.sandbox.sl.release;

import java.time.LocalDateTime;
import java.util.Map;

/** The audit columns release writes: program 08400 (AR Release), SL's administrator login. */
final class ReleaseAudit {

    static final String PROG = "08400";
    static final String USER = "SYSADMIN";

    private ReleaseAudit() {
    }

    static Map<String, Object> created(LocalDateTime now) {
        return Map.of("Crtd_DateTime", now, "Crtd_Prog", PROG, "Crtd_User", USER,
                "LUpd_DateTime", now, "LUpd_Prog", PROG, "LUpd_User", USER);
    }
}
