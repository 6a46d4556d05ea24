package com.ptsl.sink.deposit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of a deposit's review item, built from its stored row and lines only, so the outbox says the same after a
 * crash: the difference, then every transaction that explains it, then (when PayTrace's own list does not add up to its
 * net) that too. E.g. {@code settlement batch 571: PayTrace net 22.34, SL 9.00, difference -13.34 (SL - PayTrace);
 * tx 123 SALE 12.34: not in SL; tx 456 SALE 10.00: SL 9.00}.
 */
final class MismatchDetail {

    private MismatchDetail() {
    }

    static String of(Deposit d, List<DepositLine> lines) {
        StringBuilder out = new StringBuilder(head(d));
        if (d.status() == Deposit.Status.MATCHED) {
            return out.append(": matched").toString();
        }
        out.append(", difference ").append(d.difference().toPlainString()).append(" (SL - PayTrace)");
        for (DepositLine line : differing(lines)) {
            out.append("; ").append(line.describe());
        }
        BigDecimal listed = lines.stream().map(DepositLine::paytraceCash).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (listed.compareTo(d.netAmount()) != 0) {
            out.append("; PayTrace's ").append(lines.size()).append(" transactions total ").append(listed.toPlainString())
                    .append(", its net is ").append(d.netAmount().toPlainString());
        }
        return out.toString();
    }

    /** The lines where SL holds something other than PayTrace settled, in transaction id order. */
    static List<DepositLine> differing(List<DepositLine> lines) {
        List<DepositLine> out = new ArrayList<>();
        for (DepositLine line : lines) {
            if (!line.matches()) {
                out.add(line);
            }
        }
        return out;
    }

    private static String head(Deposit d) {
        return "settlement batch " + d.batchNumber() + ": PayTrace net " + d.netAmount().toPlainString() + ", SL "
                + d.slAmount().toPlainString();
    }
}
