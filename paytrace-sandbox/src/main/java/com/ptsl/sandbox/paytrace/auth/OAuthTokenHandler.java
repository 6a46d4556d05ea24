package com.ptsl.sandbox.paytrace.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.errors.ApiException;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /oauth/token} with the password grant (reference §1). Parameters may come form-encoded, as JSON or
 * in the query string, because clients in the wild use all three.
 */
public final class OAuthTokenHandler implements Handler {

    private final TokenService tokens;
    private final String username;
    private final String password;

    public OAuthTokenHandler(TokenService tokens, String username, String password) {
        this.tokens = tokens;
        this.username = username;
        this.password = password;
    }

    @Override
    public void handle(Context ctx) {
        ObjectNode params;
        try {
            params = RequestBodies.bodyAndQuery(ctx);
        } catch (ApiException malformed) {
            // The OAuth endpoint answers in OAuth's shape, not in the v1 error shape.
            throw PayTraceErrors.oauth(400, "invalid_request", "The request is missing a required parameter, "
                    + "includes an unsupported parameter value, or is otherwise malformed.");
        }
        String grantType = RequestBodies.text(params, "grant_type");
        if (grantType == null || grantType.isBlank()) {
            throw PayTraceErrors.oauth(400, "invalid_request", "The request is missing a required parameter, "
                    + "includes an unsupported parameter value, or is otherwise malformed.");
        }
        if (!"password".equals(grantType)) {
            throw PayTraceErrors.oauth(400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server.");
        }
        String user = RequestBodies.text(params, "username");
        String pass = RequestBodies.text(params, "password");
        // Both compared in full (no short-circuit) and in constant time: a habit worth keeping even here.
        boolean userOk = constantTimeEquals(username, user);
        boolean passOk = constantTimeEquals(password, pass);
        if (!(userOk & passOk)) {
            throw PayTraceErrors.oauth(400, "invalid_grant", PayTraceErrors.INVALID_GRANT_DESCRIPTION);
        }
        TokenService.IssuedToken token = tokens.issue(username);
        ObjectNode body = Json.object();
        body.put("access_token", token.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", token.expiresInSeconds());
        body.put("created_at", token.createdAt().getEpochSecond());
        // RFC 6749 §5.1: token replies must not be cached.
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        Json.respond(ctx, 200, body);
    }

    private static boolean constantTimeEquals(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
