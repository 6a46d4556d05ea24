package com.ptsl.gateway.silentpost;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PayTrace Secure Checkout's Silent Post body (reference/paytrace-api.md §7): a form-urlencoded field
 * {@code parmList} of {@code KEY~value} pairs separated by {@code |}, usually ending in a {@code |}, e.g.
 * {@code ORDERID~123456|TRANSACTIONID~62279788|APPCODE~TAS456|APPMSG~...|}. Parsed leniently, since nothing in it is
 * trusted anyway: keys are compared upper-case, empty pieces (the trailing {@code |}) and pieces without {@code ~}
 * are skipped, the first occurrence of a key wins. Only {@code TRANSACTIONID} is used, to confirm the post with
 * {@code export/by_id}; nothing of the post itself is published or logged (it may carry e-mail and card holder).
 */
public final class ParmList {

    public static final String FIELD = "parmList";
    public static final String TRANSACTION_ID = "TRANSACTIONID";

    private final Map<String, String> values;

    private ParmList(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The {@code parmList} field of a form-urlencoded body; empty if the body has none.
     *
     * @throws IllegalArgumentException if the body is not valid form encoding (a bad %-escape)
     */
    public static Optional<String> fieldOf(String formBody) {
        for (String pair : formBody.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (FIELD.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    public static ParmList parse(String parmList) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String piece : parmList.split("\\|")) {
            int tilde = piece.indexOf('~');
            if (tilde <= 0) {
                continue;
            }
            values.putIfAbsent(piece.substring(0, tilde).trim().toUpperCase(Locale.ROOT), piece.substring(tilde + 1).trim());
        }
        return new ParmList(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key.toUpperCase(Locale.ROOT)));
    }

    /** How many pairs were read. */
    public int size() {
        return values.size();
    }

    /** Keys only: the values may be personal data. */
    @Override
    public String toString() {
        return "ParmList" + values.keySet();
    }
}
