package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.sl.NewInvoice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Makes a planned mix: the sales at a steady rate (a quick pair's second payment right after its first), and
 * each {@link Scenario#INVOICE_LATER} invoice entered in SL its delay after its sale, on a thread of its own so
 * the traffic does not wait for it. Returns the ground truth once every sale is made and every invoice entered.
 */
public final class PaymentTraffic {

    /** Where sales are made: {@code TrafficGenerator::makeSale}. */
    @FunctionalInterface
    public interface Checkout {
        SaleMade makeSale(SaleRequest request);
    }

    /** Where the AR clerk enters invoices: {@code SlSandbox::enterInvoice}; returns the new RefNbr. */
    @FunctionalInterface
    public interface InvoiceDesk {
        String enterInvoice(NewInvoice invoice);
    }

    /** Entering an invoice is a few milliseconds; this bounds the wait for the last ones after the traffic. */
    private static final Duration ENTRY_TIMEOUT = Duration.ofSeconds(30);

    private final Checkout checkout;
    private final InvoiceDesk desk;
    private final double rate;
    private final Consumer<String> progress;

    /**
     * @param rate     sales per second, 0 = as fast as the checkout takes them
     * @param progress told about once a second how far the traffic is
     */
    private static final int CLERKS = 4;

    public PaymentTraffic(Checkout checkout, InvoiceDesk desk, double rate, Consumer<String> progress) {
        this.checkout = checkout;
        this.desk = desk;
        this.rate = rate;
        this.progress = progress;
    }

    public List<GroundTruthRow> run(List<PlannedPayment> plan) throws InterruptedException {
        // Several clerks: one entry takes a few hundred ms while the sink writes at full speed, and at 100 sales/s a
        // single clerk fell minutes behind, so invoices arrived after their payments' deadline (seen at 10,000 sales).
        ScheduledExecutorService clerk = Executors.newScheduledThreadPool(CLERKS, r -> {
            Thread t = new Thread(r, "ar-clerk");
            t.setDaemon(true);
            return t;
        });
        try {
            List<SaleMade> made = new ArrayList<>(plan.size());
            Map<Integer, Future<String>> entered = new HashMap<>();
            long intervalNanos = rate > 0 ? (long) (1_000_000_000L / rate) : 0;
            long next = System.nanoTime();
            Instant lastProgress = Instant.now();
            for (int i = 0; i < plan.size(); i++) {
                PlannedPayment p = plan.get(i);
                boolean backToBack = i > 0 && p.group() != null && p.group().equals(plan.get(i - 1).group());
                if (intervalNanos > 0 && !backToBack) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing traffic, not waiting for a result
                    }
                    next += intervalNanos;
                }
                made.add(checkout.makeSale(p.sale()));
                if (p.later() != null) {
                    NewInvoice invoice = p.later().invoice();
                    entered.put(p.seq(), clerk.schedule(() -> desk.enterInvoice(invoice),
                            p.later().delay().toMillis(), TimeUnit.MILLISECONDS));
                }
                if (Duration.between(lastProgress, Instant.now()).toSeconds() >= 1 || i == plan.size() - 1) {
                    lastProgress = Instant.now();
                    progress.accept(String.format("sales made %d/%d", i + 1, plan.size()));
                }
            }
            List<GroundTruthRow> rows = new ArrayList<>(plan.size());
            for (int i = 0; i < plan.size(); i++) {
                PlannedPayment p = plan.get(i);
                rows.add(GroundTruthRow.of(p, made.get(i), p.later() == null ? null : await(entered.get(p.seq()), p)));
            }
            return rows;
        } finally {
            clerk.shutdownNow();
        }
    }

    private static String await(Future<String> entry, PlannedPayment p) throws InterruptedException {
        try {
            return entry.get(p.later().delay().plus(ENTRY_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("entering the invoice for payment " + p.seq() + " (order "
                    + p.later().invoice().ordNbr() + ") failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the invoice for payment " + p.seq() + " was not entered in time", e);
        }
    }
}
