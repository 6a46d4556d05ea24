package com.ptsl.launcher.lifecycle;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One planned lifecycle: which chain, for which SL customer and invoice (named in the sale as invoice_id and
 * customer_reference_id, so it matches at once), and the amount of its first transaction.
 */
public record ChainPlan(Chain chain, String custId, String invoiceRefNbr, BigDecimal amount) {

    public ChainPlan {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(amount, "amount");
    }

    /** {@code perChain} of every chain, round robin over the invoices given (each invoice serves one chain). */
    public static List<ChainPlan> plan(int perChain, List<InvoiceSlot> invoices) {
        List<ChainPlan> plans = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < perChain; round++) {
            for (Chain chain : Chain.values()) {
                if (next >= invoices.size()) {
                    throw new IllegalStateException("lifecycle chains need " + perChain * Chain.values().length
                            + " open invoices of their own, have " + invoices.size());
                }
                InvoiceSlot slot = invoices.get(next++);
                plans.add(new ChainPlan(chain, slot.custId(), slot.refNbr(), slot.amountFor(chain)));
            }
        }
        return plans;
    }

    /** An open invoice set aside for a chain. Chains pay half its balance, so it stays open whatever happens. */
    public record InvoiceSlot(String custId, String refNbr, BigDecimal balance) {

        private static final BigDecimal DECLINE_AMOUNT = new BigDecimal("1.12");

        BigDecimal amountFor(Chain chain) {
            if (chain == Chain.DECLINE) {
                return DECLINE_AMOUNT; // PayTrace's sandbox declines exactly this amount
            }
            BigDecimal half = balance.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
            return half.compareTo(new BigDecimal("2.00")) < 0 ? new BigDecimal("2.00") : half;
        }
    }
}
