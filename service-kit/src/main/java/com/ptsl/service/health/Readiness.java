package com.ptsl.service.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The named checks behind {@code /health/ready}. A service is ready when every check passes; the report names
 * each check and why it fails, so an operator reads the cause off the endpoint instead of the logs.
 *
 * <p>Checks are added while the service starts (thread-safe); a check that throws counts as failing with the
 * exception as its reason.
 */
public final class Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private final String service;
    private final Map<String, Check> checks = Collections.synchronizedMap(new LinkedHashMap<>());

    public Readiness(String service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** Adds (or replaces) the check called {@code name}. */
    public Readiness add(String name, Check check) {
        checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return this;
    }

    public String service() {
        return service;
    }

    /** Runs every check now, in the order they were added. */
    public Report evaluate() {
        List<Map.Entry<String, Check>> snapshot;
        synchronized (checks) {
            snapshot = new ArrayList<>(checks.entrySet());
        }
        Map<String, Check.Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, Check> e : snapshot) {
            Check.Result result;
            try {
                result = e.getValue().check();
            } catch (RuntimeException failure) {
                LOG.warn("Readiness check {} of {} threw", e.getKey(), service, failure);
                result = Check.Result.failing("check failed: " + failure);
            }
            results.put(e.getKey(), result);
        }
        if (results.isEmpty()) {
            results.put("started", Check.Result.failing(service + " has not registered its checks yet"));
        }
        return new Report(service, results);
    }

    /** The outcome of one evaluation. */
    public record Report(String service, Map<String, Check.Result> checks) {

        public boolean ready() {
            return checks.values().stream().allMatch(Check.Result::ok);
        }

        /** The failing checks as "name: detail; name: detail", or "" when ready. */
        public String problems() {
            StringBuilder out = new StringBuilder();
            checks.forEach((name, r) -> {
                if (!r.ok()) {
                    out.append(out.length() == 0 ? "" : "; ").append(name).append(": ").append(r.detail());
                }
            });
            return out.toString();
        }
    }
}
