package com.ptsl.reconciler.report;

import java.math.BigDecimal;

/** Totals of one day, one settlement batch or one customer. */
public record Total(String key, long transactions, BigDecimal payTraceAmount, BigDecimal slAmount,
                    long varianceLines) {

    public BigDecimal difference() {
        return slAmount.subtract(payTraceAmount);
    }
}
