package com.ptsl.service.health;

/**
 * One readiness condition of a service, e.g. "streams" or "database". Called on each {@code /health/ready}
 * request from an HTTP thread, so it must be thread-safe and bounded in time (a database probe carries its own
 * timeout); it must not throw for an unhealthy dependency but say so in its {@link Result}.
 */
@FunctionalInterface
public interface Check {

    Result check();

    /** Whether the condition holds, and a sentence for a person either way. */
    record Result(boolean ok, String detail) {

        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failing(String detail) {
            return new Result(false, detail);
        }
    }
}
