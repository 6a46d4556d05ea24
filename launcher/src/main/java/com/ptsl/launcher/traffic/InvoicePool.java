package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.sl.OpenInvoice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The seeded open invoices the mix hands out, each to at most one scenario, so that no payment's prediction
 * depends on when another payment is processed. It also remembers every available balance each invoice can
 * show during the run (before and after its planned payments), because the processor's EXACT_AMOUNT strategy
 * compares a payment's amount with the customer's available balances at the moment it runs.
 */
final class InvoicePool {

    private final Random random;
    private final List<OpenInvoice> order;
    private final Set<String> used = new HashSet<>();
    /** CustId -> invoice (RefNbr or a later invoice's placeholder) -> the available balances it can show. */
    private final Map<String, Map<String, Set<BigDecimal>>> balances = new LinkedHashMap<>();

    InvoicePool(List<OpenInvoice> open, Random random) {
        this.random = random;
        List<OpenInvoice> shuffled = new ArrayList<>(open);
        Collections.shuffle(shuffled, random);
        this.order = List.copyOf(shuffled);
        for (OpenInvoice inv : open) {
            balances.computeIfAbsent(inv.custId(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(inv.refNbr(), r -> new HashSet<>()).add(inv.docBal());
        }
    }

    /** The next unused invoice (in the pool's random order) that fits, now used. */
    Optional<OpenInvoice> take(Predicate<OpenInvoice> fits) {
        for (OpenInvoice inv : order) {
            if (!used.contains(inv.refNbr()) && fits.test(inv)) {
                used.add(inv.refNbr());
                return Optional.of(inv);
            }
        }
        return Optional.empty();
    }

    /** {@code n} unused invoices of one customer (a random one among those that have enough), now used. */
    Optional<List<OpenInvoice>> takeOfOneCustomer(int n) {
        Map<String, List<OpenInvoice>> unusedByCustomer = new LinkedHashMap<>();
        for (OpenInvoice inv : order) {
            if (!used.contains(inv.refNbr())) {
                unusedByCustomer.computeIfAbsent(inv.custId(), c -> new ArrayList<>()).add(inv);
            }
        }
        List<List<OpenInvoice>> candidates = unusedByCustomer.values().stream().filter(l -> l.size() >= n).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<OpenInvoice> chosen = candidates.get(random.nextInt(candidates.size())).subList(0, n);
        chosen.forEach(inv -> used.add(inv.refNbr()));
        return Optional.of(List.copyOf(chosen));
    }

    /** Records a balance the invoice will show once its planned payment is applied. */
    void willShow(OpenInvoice inv, BigDecimal available) {
        willShow(inv.custId(), inv.refNbr(), available);
    }

    /** Records a balance an invoice (seeded, or entered during the run under {@code key}) will show. */
    void willShow(String custId, String key, BigDecimal available) {
        if (available.signum() > 0) {
            balances.computeIfAbsent(custId, c -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new HashSet<>()).add(available);
        }
    }

    /** No other invoice of the customer ever shows this invoice's balance, so EXACT_AMOUNT can find only it. */
    boolean balanceIsUniqueForItsCustomer(OpenInvoice inv) {
        return balances.getOrDefault(inv.custId(), Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().equals(inv.refNbr()))
                .noneMatch(e -> containsAmount(e.getValue(), inv.docBal()));
    }

    /** Some invoice of the customer shows this amount at some point of the run. */
    boolean anyBalanceEquals(String custId, BigDecimal amount) {
        return balances.getOrDefault(custId, Map.of()).values().stream().anyMatch(s -> containsAmount(s, amount));
    }

    List<String> customers() {
        return List.copyOf(balances.keySet());
    }

    int size() {
        return order.size();
    }

    private static boolean containsAmount(Set<BigDecimal> amounts, BigDecimal amount) {
        return amounts.stream().anyMatch(a -> a.compareTo(amount) == 0);
    }
}
