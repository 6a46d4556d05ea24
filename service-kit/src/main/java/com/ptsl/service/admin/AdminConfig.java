package com.ptsl.service.admin;

import com.ptsl.service.config.Env;
import com.ptsl.service.config.Variable;

import java.util.List;
import java.util.Objects;

/**
 * Where a service's admin endpoints listen, and the token that guards them.
 *
 * @param host  interface to bind; loopback by default, {@code 0.0.0.0} in a container so Prometheus can scrape
 * @param port  0 = any free port (tests, the launcher)
 * @param token when set, {@code /health/ready} and {@code /metrics} want {@code Authorization: Bearer <token>};
 *              {@code /health/live} stays open for orchestrators' liveness probes. Never printed.
 */
public record AdminConfig(String host, int port, String token) {

    public static final String ADMIN_HOST = "ADMIN_HOST";
    public static final String ADMIN_PORT = "ADMIN_PORT";
    public static final String ADMIN_TOKEN = "ADMIN_TOKEN";

    public AdminConfig {
        Objects.requireNonNull(host, "host");
        token = token == null || token.isEmpty() ? null : token;
    }

    /** The three variables, with this service's default port. */
    public static List<Variable> variables(int defaultPort) {
        return List.of(
                Variable.of(ADMIN_HOST, "127.0.0.1", "interface of the admin HTTP server (/health/live, /health/ready, /metrics); 0.0.0.0 in a container"),
                Variable.of(ADMIN_PORT, Integer.toString(defaultPort), "port of the admin HTTP server; 0 = any free port"),
                Variable.secret(ADMIN_TOKEN, "", "bearer token required by /health/ready and /metrics when set (never logged)"));
    }

    public static AdminConfig fromEnv(Env env, int defaultPort) {
        List<Variable> vars = variables(defaultPort);
        return new AdminConfig(env.text(vars.get(0)), env.port(vars.get(1)), env.text(vars.get(2)));
    }

    /** Loopback, any free port, no token: tests and the embedded launcher. */
    public static AdminConfig ephemeral() {
        return new AdminConfig("127.0.0.1", 0, null);
    }

    @Override
    public String toString() {
        return "AdminConfig[host=" + host + ", port=" + port + ", token=" + (token == null ? "(none)" : "***") + "]";
    }
}
