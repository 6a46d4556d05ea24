package com.ptsl.launcher.reconcile;

import com.ptsl.sandbox.sl.SlSandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Waits until the erp-sink has recorded every settlement batch of a run as an SL deposit (PTSL_Deposit), so that a
 * reconciliation of the run compares finished deposits. The processor holds each batch for PROCESSOR_DEPOSIT_DELAY_MS
 * first, so this takes about that long after the last cut-off.
 */
public final class DepositsClosed {

    private DepositsClosed() {
    }

    /**
     * @param first the first settlement batch number of the run
     * @param next  the number PayTrace's next batch will get: the run's batches are [first, next)
     * @return how many are recorded when it stopped waiting (all of them, unless the timeout passed)
     */
    public static int await(SlSandbox sl, int first, int next, Duration timeout, Consumer<String> progress)
            throws InterruptedException {
        int expected = next - first;
        if (expected <= 0) {
            return 0;
        }
        Instant deadline = Instant.now().plus(timeout);
        int recorded = recorded(sl, first, next);
        int reported = -1;
        while (recorded < expected && Instant.now().isBefore(deadline)) {
            if (recorded != reported) {
                progress.accept("SL deposits recorded: " + recorded + "/" + expected + " settlement batches");
                reported = recorded;
            }
            Thread.sleep(250); // polling SL until a deadline
            recorded = recorded(sl, first, next);
        }
        progress.accept("SL deposits recorded: " + recorded + "/" + expected + " settlement batches");
        return recorded;
    }

    private static int recorded(SlSandbox sl, int first, int next) {
        try (Connection c = sl.connect();
             PreparedStatement ps = c.prepareStatement("SELECT [BatchNumber] FROM dbo.[PTSL_Deposit]")) {
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String number = rs.getString(1).trim();
                    if (number.chars().allMatch(Character::isDigit)) {
                        long value = Long.parseLong(number);
                        n += value >= first && value < next ? 1 : 0;
                    }
                }
            }
            return n;
        } catch (SQLException e) {
            return 0; // the table appears with the sink's first deposit
        }
    }
}
