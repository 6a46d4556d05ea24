package com.ptsl.sandbox.sl;

import java.time.YearMonth;
import java.util.Objects;

/**
 * What {@link SlSandbox#seed(SeedSpec)} writes: company {@code cpnyId}, customers C00001.. with
 * {@code invoicesPerCustomer} released open invoices each, all drawn from {@code randomSeed}, with the GL and
 * AR current period set to {@code currentPeriod} (calendar fiscal year, so period = month).
 */
public record SeedSpec(String cpnyId, int customers, int invoicesPerCustomer, long randomSeed, YearMonth currentPeriod) {

    public SeedSpec {
        Objects.requireNonNull(cpnyId, "cpnyId");
        Objects.requireNonNull(currentPeriod, "currentPeriod");
        if (cpnyId.isBlank() || cpnyId.length() > 10) {
            throw new IllegalArgumentException("cpnyId must be 1-10 characters (CpnyID is char(10)): '" + cpnyId + "'");
        }
        if (customers < 0 || customers > 99_999) {
            throw new IllegalArgumentException("customers must be 0..99999 (ids C00001..C99999), was " + customers);
        }
        if (invoicesPerCustomer < 0) {
            throw new IllegalArgumentException("invoicesPerCustomer must not be negative, was " + invoicesPerCustomer);
        }
    }

    /** Company "PTSL", 20 customers, 5 invoices each, seed 42, the current month as the current period. */
    public static SeedSpec defaults() {
        return new SeedSpec("PTSL", 20, 5, 42L, YearMonth.now());
    }

    public SeedSpec withCustomers(int n) {
        return new SeedSpec(cpnyId, n, invoicesPerCustomer, randomSeed, currentPeriod);
    }

    public SeedSpec withInvoicesPerCustomer(int n) {
        return new SeedSpec(cpnyId, customers, n, randomSeed, currentPeriod);
    }

    public SeedSpec withRandomSeed(long seed) {
        return new SeedSpec(cpnyId, customers, invoicesPerCustomer, seed, currentPeriod);
    }

    public SeedSpec withCpnyId(String id) {
        return new SeedSpec(id, customers, invoicesPerCustomer, randomSeed, currentPeriod);
    }

    public SeedSpec withCurrentPeriod(YearMonth period) {
        return new SeedSpec(cpnyId, customers, invoicesPerCustomer, randomSeed, period);
    }
}
