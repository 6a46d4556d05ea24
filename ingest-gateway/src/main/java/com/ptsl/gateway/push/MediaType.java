package com.ptsl.gateway.push;

import java.util.Locale;

/** Content-Type checks of the push receivers: the type without its parameters, case-insensitive. */
public final class MediaType {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    private MediaType() {
    }

    /** True if {@code contentType} (a header value, may be null) is {@code expected}, parameters such as charset aside. */
    public static boolean is(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.toLowerCase(Locale.ROOT).equals(expected);
    }
}
