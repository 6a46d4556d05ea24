package com.ptsl.launcher.bench;

import java.util.function.Consumer;

/**
 * The erp-sink's own throughput probe, called on a broker and a seeded SL sandbox of its own: {@code commands} ERP commands
 * through the real sink (exactly-once, offsets in SQL) until every one is in the ledger, then its baseline, a JDBC batch
 * insert of SL-shaped ARDoc + ARTran pairs into the same database in 500-row transactions. {@link SinkBenchProbe} calls
 * {@code com.ptsl.sink.bench.SinkBench}.
 */
@FunctionalInterface
public interface SinkProbe {

    /** Where the probe writes: the SL sandbox's JDBC URL (in-process H2), its user, password and company. */
    record Target(String bootstrapServers, String jdbcUrl, String dbUser, String dbPassword, String cpnyId) {
        /** The password stays out of logs. */
        @Override
        public String toString() {
            return "Target[bootstrapServers=" + bootstrapServers + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser
                    + ", dbPassword=***, cpnyId=" + cpnyId + "]";
        }
    }

    /** What the probe measured (the fields of {@code SinkBench.Result}). */
    record Figures(int commands, double commandsPerSecond, double firstFifthPerSecond, double lastFifthPerSecond,
                   double baselinePaymentsPerSecond, String baselineDescription) {
    }

    Figures run(Target target, int commands, Consumer<String> progress) throws Exception;
}
