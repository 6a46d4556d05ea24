package com.ptsl.sandbox.sl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The sixteen SL tables of the sandbox, spelled as in SL (shared/reference/sl-tables.md), all in schema dbo. */
public final class SlTables {

    public static final String SCHEMA = "dbo";

    /** In the order of sl-tables.md. */
    public static final List<String> ALL = List.of(
            "Batch", "ARDoc", "ARTran", "ARAdjust", "GLTran", "Customer", "AR_Balances", "ARSetup",
            "GLSetup", "CASetup", "Account", "SubAcct", "CashAcct", "Currncy", "SOHeader", "CATran");

    private SlTables() {
    }

    /** The SL spelling of a table name given in any case, if it is one of the sixteen. */
    public static Optional<String> canonical(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(t -> t.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** {@code dbo.[Table]}; rejects anything that is not one of the sixteen (names are spliced into SQL). */
    public static String qualified(String name) {
        String table = canonical(name).orElseThrow(() -> new IllegalArgumentException("not an SL sandbox table: " + name));
        return SCHEMA + ".[" + table + "]";
    }
}
