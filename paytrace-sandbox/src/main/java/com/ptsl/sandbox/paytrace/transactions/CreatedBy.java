package com.ptsl.sandbox.paytrace.transactions;

import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.auth.BearerAuthFilter;
import io.javalin.http.Context;

/** Who made a transaction, as exports show it in {@code created.by}: the API user of the request's token. */
final class CreatedBy {

    private CreatedBy() {
    }

    static String apiUser(Context ctx, SandboxConfig config) {
        String apiUser = ctx.attribute(BearerAuthFilter.API_USER);
        return apiUser == null ? config.username() : apiUser;
    }
}
