package com.ptsl.launcher.lifecycle;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a chain did in PayTrace and what it must show downstream.
 *
 * @param transactions     PayTrace ids it created (the sale or authorization first, then refunds)
 * @param expectedCommands erp.results keys that must appear: commands the sink applies, and status events
 * @param payTraceNet      money that stayed with the merchant: captured or sold, less voided and refunded
 * @param problem          why PayTrace refused a step (the chain stopped there), or null
 */
public record ChainOutcome(ChainPlan plan, List<String> transactions, List<String> expectedCommands, BigDecimal payTraceNet,
                           String problem) {

    public ChainOutcome {
        transactions = List.copyOf(transactions);
        expectedCommands = List.copyOf(expectedCommands);
    }
}
