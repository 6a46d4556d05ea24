package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.Total;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Totals of the transaction lines (settlement batch lines are totalled by {@link DepositComparer}): per day (the
 * transaction's day in the merchant's zone) and per customer (the one the integration posted to, else SL's).
 */
public final class Totals {

    /** The customer key of lines with no customer at all (declines, authorizations, unknown customers). */
    public static final String NO_CUSTOMER = "(none)";

    private static final class Sum {
        long transactions;
        BigDecimal payTrace = BigDecimal.ZERO.setScale(2);
        BigDecimal sl = BigDecimal.ZERO.setScale(2);
        long variance;
    }

    private Totals() {
    }

    public static List<Total> perDay(List<Line> transactionLines) {
        return by(transactionLines, l -> l.day() == null ? "" : l.day().toString());
    }

    public static List<Total> perCustomer(List<Line> transactionLines) {
        return by(transactionLines, l -> !isBlank(l.custId()) ? l.custId() : !isBlank(l.slCustId()) ? l.slCustId() : NO_CUSTOMER);
    }

    private static List<Total> by(List<Line> lines, Function<Line, String> key) {
        Map<String, Sum> sums = new TreeMap<>();
        for (Line l : lines) {
            if (l.transactionId() == null) {
                continue;
            }
            Sum s = sums.computeIfAbsent(key.apply(l), k -> new Sum());
            s.transactions++;
            s.payTrace = s.payTrace.add(l.payTraceAmount());
            s.sl = s.sl.add(l.slAmount());
            s.variance += l.category().variance() ? 1 : 0;
        }
        List<Total> out = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> out.add(new Total(k, s.transactions, s.payTrace, s.sl, s.variance)));
        return out;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
