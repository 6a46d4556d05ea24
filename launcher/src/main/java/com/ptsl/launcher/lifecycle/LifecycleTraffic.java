package com.ptsl.launcher.lifecycle;

import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.FollowUp;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Drives the {@link Chain}s against PayTrace the way a merchant's staff would: each next step (void, capture,
 * refund, settlement) waits until the pipeline has shown the previous one (its result on erp.results), so every
 * chain exercises what it names (a void of a payment SL already has, a capture of an authorization the processor
 * already saw) rather than whatever order the poller happened to catch.
 */
public final class LifecycleTraffic {

    /** The merchant's side: PayTrace's API (TrafficGenerator) plus the sandbox's settlement cut-off. */
    public interface Merchant {
        SaleMade sale(SaleRequest request, String csc);

        SaleMade authorize(SaleRequest request);

        FollowUp capture(long transactionId, BigDecimal amount);

        FollowUp voidTransaction(long transactionId);

        FollowUp refund(long transactionId, BigDecimal amount);

        void settle();

        /** Not the merchant's: the SL accountant releasing the open AR batches (the sandbox's pp_08400). */
        void releaseInSl();
    }

    /** The merchant of a sandbox: PayTrace's API through {@code generator}, the settlement cut-off through {@code settle}. */
    public static Merchant merchant(TrafficGenerator generator, Runnable settle, Runnable releaseInSl) {
        return new Merchant() {
            @Override
            public SaleMade sale(SaleRequest request, String csc) {
                return generator.makeSale(request, csc);
            }

            @Override
            public SaleMade authorize(SaleRequest request) {
                return generator.authorize(request);
            }

            @Override
            public FollowUp capture(long transactionId, BigDecimal amount) {
                return generator.capture(transactionId, amount);
            }

            @Override
            public FollowUp voidTransaction(long transactionId) {
                return generator.voidTransaction(transactionId);
            }

            @Override
            public FollowUp refund(long transactionId, BigDecimal amount) {
                return generator.refund(transactionId, amount);
            }

            @Override
            public void settle() {
                settle.run();
            }

            @Override
            public void releaseInSl() {
                releaseInSl.run();
            }
        };
    }

    static final String MATCHING_CSC = "123";
    static final String AUTO_VOID_CSC = "999";
    /** PayTrace's "Only transactions pending settlement can be voided." */
    static final int NOT_PENDING_SETTLEMENT = 818;
    private static final BigDecimal CAPTURE_SHARE = new BigDecimal("0.70");
    private static final BigDecimal FIRST_REFUND_SHARE = new BigDecimal("0.40");
    private static final Duration IDLE = Duration.ofMillis(100);

    private final Merchant merchant;
    private final Predicate<String> resultSeen;
    private final Consumer<String> progress;
    private List<Run> runs = List.of();

    /**
     * @param resultSeen whether erp.results holds a record with this key (a commandId)
     * @param progress   told about once a second how far the chains are
     */
    public LifecycleTraffic(Merchant merchant, Predicate<String> resultSeen, Consumer<String> progress) {
        this.merchant = merchant;
        this.resultSeen = resultSeen;
        this.progress = progress;
    }

    /** Runs every chain to its last step, or until {@code timeout}; a chain stuck waiting reports so in its outcome. */
    public List<ChainOutcome> run(List<ChainPlan> plans, Duration timeout) throws InterruptedException {
        List<Run> runs = plans.stream().map(Run::new).toList();
        this.runs = runs;
        Instant deadline = Instant.now().plus(timeout);
        Instant lastProgress = Instant.EPOCH;
        while (Instant.now().isBefore(deadline)) {
            boolean moved = false;
            for (Run run : runs) {
                moved |= run.advance();
            }
            long done = runs.stream().filter(Run::finished).count();
            if (Duration.between(lastProgress, Instant.now()).toSeconds() >= 1 || done == runs.size()) {
                lastProgress = Instant.now();
                progress.accept(String.format("lifecycle chains %d/%d done", done, runs.size()));
            }
            if (done == runs.size()) {
                break;
            }
            if (!moved) {
                Thread.sleep(IDLE.toMillis()); // each step waits for the pipeline's result; the deadline bounds it
            }
        }
        return runs.stream().map(r -> r.outcome(deadline)).toList();
    }

    /** One step of a chain: wait for a result key (null: none), then act. A settling step also waits for every pending void. */
    private record Step(Function<Run, String> waitFor, Consumer<Run> action, boolean settles) {
        Step(Function<Run, String> waitFor, Consumer<Run> action) {
            this(waitFor, action, false);
        }
    }

    private final class Run {
        private final ChainPlan plan;
        private final List<Step> steps;
        private final List<String> transactions = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();
        private BigDecimal net = BigDecimal.ZERO;
        private String problem;
        private int next;
        private long id;

        Run(ChainPlan plan) {
            this.plan = plan;
            this.steps = steps(plan.chain());
        }

        boolean voidPending() {
            return (plan.chain() == Chain.SALE_THEN_VOID || plan.chain() == Chain.SALE_RELEASED_THEN_VOID)
                    && problem == null && next < steps.size();
        }

        boolean finished() {
            return problem != null || next >= steps.size();
        }

        boolean advance() {
            if (finished()) {
                return false;
            }
            Step step = steps.get(next);
            String key = step.waitFor() == null ? null : step.waitFor().apply(this);
            if (key != null && !resultSeen.test(key)) {
                return false;
            }
            // A cut-off settles every pending transaction: one chain's settlement must not turn another's void into a 818.
            if (step.settles() && runs.stream().anyMatch(Run::voidPending)) {
                return false;
            }
            step.action().accept(this);
            next++;
            return true;
        }

        ChainOutcome outcome(Instant deadline) {
            String why = problem;
            if (why == null && !finished()) {
                Step step = steps.get(next);
                why = "gave up at " + deadline + " waiting for " + step.waitFor().apply(this);
            }
            return new ChainOutcome(plan, transactions, expected, net, why);
        }

        private SaleRequest request(BigDecimal amount) {
            return new SaleRequest(amount, plan.invoiceRefNbr(), plan.custId(), "Lifecycle " + plan.chain().name().toLowerCase());
        }

        private void made(SaleMade made, boolean moneyTaken) {
            id = made.transactionId();
            transactions.add(Long.toString(id));
            if (moneyTaken) {
                net = net.add(made.amount());
            }
        }

        private boolean ok(FollowUp f, String what) {
            if (!f.success()) {
                problem = what + " refused by PayTrace: " + f.message() + " " + f.errorCodes();
            }
            return f.success();
        }

        private List<Step> steps(Chain chain) {
            Function<Run, String> posted = r -> "PostPayment:" + r.id;
            Function<Run, String> authorized = r -> "Status:" + r.id + ":AUTHORIZED";
            switch (chain) {
                case SALE_THEN_VOID:
                    return List.of(
                            new Step(null, r -> {
                                r.made(merchant.sale(r.request(plan.amount()), MATCHING_CSC), true);
                                r.expected.add(posted.apply(r));
                            }),
                            new Step(posted, Run::voidOrRefund));
                case SALE_RELEASED_THEN_VOID:
                    return List.of(
                            new Step(null, r -> {
                                r.made(merchant.sale(r.request(plan.amount()), MATCHING_CSC), true);
                                r.expected.add(posted.apply(r));
                            }),
                            new Step(posted, r -> {
                                merchant.releaseInSl();
                                r.voidOrRefund();
                            }));
                case SALE_SETTLE_REFUNDS:
                    return List.of(
                            new Step(null, r -> {
                                r.made(merchant.sale(r.request(plan.amount()), MATCHING_CSC), true);
                                r.expected.add(posted.apply(r));
                            }),
                            new Step(posted, r -> {
                                merchant.settle();
                                BigDecimal first = plan.amount().multiply(FIRST_REFUND_SHARE).setScale(2, RoundingMode.DOWN);
                                r.refund(first);
                                if (r.problem == null) {
                                    r.refund(plan.amount().subtract(first));
                                }
                            }, true));
                case AUTH_PARTIAL_CAPTURE:
                    return List.of(
                            new Step(null, r -> r.authorize()),
                            new Step(authorized, r -> {
                                BigDecimal part = plan.amount().multiply(CAPTURE_SHARE).setScale(2, RoundingMode.DOWN);
                                if (r.ok(merchant.capture(r.id, part), "capture")) {
                                    r.net = r.net.add(part);
                                    r.expected.add(posted.apply(r));
                                }
                            }));
                case AUTH_CAPTURE_SETTLE:
                    return List.of(
                            new Step(null, r -> r.authorize()),
                            new Step(authorized, r -> {
                                if (r.ok(merchant.capture(r.id, plan.amount()), "capture")) {
                                    r.net = r.net.add(plan.amount());
                                    r.expected.add(posted.apply(r));
                                }
                            }),
                            new Step(posted, r -> merchant.settle(), true));
                case AUTH_THEN_VOID:
                    return List.of(
                            new Step(null, r -> r.authorize()),
                            new Step(authorized, r -> {
                                if (r.ok(merchant.voidTransaction(r.id), "void")) {
                                    r.expected.add("Status:" + r.id + ":VOIDED_UNPOSTED");
                                }
                            }));
                case AUTO_VOID_103:
                    return List.of(new Step(null, r -> {
                        r.made(merchant.sale(r.request(plan.amount()), AUTO_VOID_CSC), false);
                        r.expected.add("Status:" + r.id + ":AUTO_VOIDED");
                    }));
                case DECLINE:
                    return List.of(new Step(null, r -> {
                        r.made(merchant.sale(r.request(plan.amount()), MATCHING_CSC), false);
                        r.expected.add("Status:" + r.id + ":DECLINED");
                    }));
                default:
                    throw new IllegalArgumentException("no steps for " + chain);
            }
        }

        /** Voids the sale; one PayTrace settled meanwhile (the sandbox's own schedule) is refunded, as a merchant would. */
        private void voidOrRefund() {
            FollowUp voided = merchant.voidTransaction(id);
            if (voided.success()) {
                net = net.subtract(plan.amount());
                expected.add("ReversePayment:" + id);
            } else if (voided.errorCodes().contains(NOT_PENDING_SETTLEMENT)) {
                refund(plan.amount());
            } else {
                ok(voided, "void");
            }
        }

        private void authorize() {
            made(merchant.authorize(request(plan.amount())), false);
            expected.add("Status:" + id + ":AUTHORIZED");
        }

        private void refund(BigDecimal amount) {
            FollowUp f = merchant.refund(id, amount);
            if (ok(f, "refund of " + amount)) {
                transactions.add(Long.toString(f.transactionId()));
                net = net.subtract(amount);
                expected.add("PostRefund:" + f.transactionId());
            }
        }
    }
}
