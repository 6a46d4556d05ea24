package com.ptsl.sandbox.paytrace.auth;

import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.Locale;
import java.util.Set;

/**
 * Guards {@code /v1/*}: every call but the listed open paths needs {@code Authorization: Bearer <token>}.
 * Runs as a before-handler; on failure it throws, which skips the endpoint handler.
 */
public final class BearerAuthFilter implements Handler {

    /** Context attribute holding the API user of the token, shown later as {@code created.by}. */
    public static final String API_USER = "paytrace.apiUser";

    private final TokenService tokens;
    private final Set<String> openPaths;

    public BearerAuthFilter(TokenService tokens, Set<String> openPaths) {
        this.tokens = tokens;
        this.openPaths = Set.copyOf(openPaths);
    }

    @Override
    public void handle(Context ctx) {
        if (openPaths.contains(ctx.path())) {
            return;
        }
        String token = bearerToken(ctx.header("Authorization"));
        TokenService.Check check = tokens.check(token);
        switch (check.status()) {
            case VALID -> ctx.attribute(API_USER, check.username());
            case EXPIRED -> throw PayTraceErrors.invalidToken(PayTraceErrors.TOKEN_EXPIRED_DESCRIPTION);
            case UNKNOWN -> throw PayTraceErrors.invalidToken(PayTraceErrors.TOKEN_INVALID_DESCRIPTION);
        }
    }

    /** The scheme is case-insensitive (RFC 7235); some PayTrace clients send "bearer". */
    static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (trimmed.length() <= 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        return trimmed.substring(7).trim();
    }
}
