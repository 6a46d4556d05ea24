package com.ptsl.processor;

import com.ptsl.processor.command.Refunds;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.ReversePayment;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static com.ptsl.processor.PayTraceExportRecord.authorization;
import static com.ptsl.processor.PayTraceExportRecord.keyedRefund;
import static com.ptsl.processor.PayTraceExportRecord.refund;
import static com.ptsl.processor.PayTraceExportRecord.sale;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small PayTrace runs random lifecycles under its rules (sale, authorization, partial capture, void before
 * settlement, settlement, partial refunds up to what is left, keyed refunds, expiry, declines, 103), and the
 * gateway delivers every record, some twice and some late (an older copy after a newer one). Whatever the mix,
 * once every wait is over: per customer, what the commands put in SL equals PayTrace's net
 * (sales + captures − refunds, voided ones excluded), and no transaction is posted twice.
 */
class LifecyclePropertiesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final List<String> CUSTOMERS = List.of("C00001", "C00002", "C00003");

    /** One thing PayTrace (or the gateway) does; {@code pick} chooses among the transactions it can apply to. */
    record Action(int type, int pick, int cents, int percent, int customer) {
    }

    private enum State { SALE_Y, AUTH_ONLY, CAPTURED_Y, SETTLED, VOIDED, EXPIRED, DECLINED, AUTO_VOIDED, REFUND_Y, REFUND_SETTLED }

    /** A transaction as the simulated PayTrace holds it. */
    private static final class Tx {
        final long id;
        final String custId;
        final boolean refund;
        final boolean authorization;
        final long original; // 0 = none
        final String invoice;
        final BigDecimal authorized;
        BigDecimal amount;
        State state;
        int batch;

        Tx(long id, String custId, boolean refund, long original, String invoice, BigDecimal amount, State state) {
            this.id = id;
            this.custId = custId;
            this.refund = refund;
            this.authorization = state == State.AUTH_ONLY;
            this.original = original;
            this.invoice = invoice;
            this.authorized = amount;
            this.amount = amount;
            this.state = state;
        }

        boolean counts() {
            return state == State.SALE_Y || state == State.CAPTURED_Y || state == State.SETTLED || state == State.REFUND_Y
                    || state == State.REFUND_SETTLED;
        }

        /** The record PayTrace exports for it now. */
        PayTraceExportRecord record() {
            PayTraceExportRecord r;
            if (refund) {
                r = original == 0 ? keyedRefund(id) : refund(id, original);
            } else if (authorization) {
                r = authorization(id);
            } else {
                r = sale(id);
            }
            r.amount(amount.toPlainString()).invoice(invoice).customerReference(custId);
            return switch (state) {
                case SALE_Y, CAPTURED_Y, REFUND_Y -> r.status("Y", "Pending Settlement");
                case AUTH_ONLY -> r;
                case SETTLED, REFUND_SETTLED -> r.settledIn(batch);
                case VOIDED -> r.voided();
                case EXPIRED -> r.expired();
                case DECLINED -> r.amount("1.12").declined();
                case AUTO_VOIDED -> r.autoVoided();
            };
        }
    }

    private Path stateDir;
    private TopologyFixture f;

    @BeforeTry
    void start() throws IOException {
        stateDir = Files.createTempDirectory("lifecycle-props");
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("lifecycle-props").withStateDir(stateDir);
        f = new TopologyFixture(config.withMatch(config.match().withDeadline(DEADLINE)));
    }

    @AfterTry
    void stop() throws IOException {
        f.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 50)
    @StatisticsReport(onFailureOnly = true)
    void slCashPerCustomerIsPayTracesNetAndNothingPostsTwice(@ForAll("lifecycles") List<Action> actions) {
        CUSTOMERS.forEach(f::customer);
        for (int c = 0; c < CUSTOMERS.size(); c++) {
            f.invoice(CUSTOMERS.get(c), invoiceOf(c), "150.00").send();
        }
        Map<Long, Tx> txs = new TreeMap<>();
        List<PayTraceExportRecord> sent = new ArrayList<>();
        long nextId = 90_000;
        int batch = 900;
        for (Action a : actions) {
            String custId = CUSTOMERS.get(a.customer());
            BigDecimal money = BigDecimal.valueOf(a.cents(), 2);
            Tx changed = null;
            switch (a.type()) {
                case 0 -> changed = add(txs, new Tx(++nextId, custId, false, 0, invoiceFor(a), money, State.SALE_Y));
                case 1 -> changed = add(txs, new Tx(++nextId, custId, false, 0, invoiceFor(a), money, State.AUTH_ONLY));
                case 2 -> {
                    Tx auth = pick(txs, a, t -> t.state == State.AUTH_ONLY);
                    if (auth != null) {
                        auth.amount = part(auth.authorized, a.percent());
                        auth.state = State.CAPTURED_Y;
                        changed = auth;
                    }
                }
                case 3 -> {
                    Tx t = pick(txs, a, x -> x.state == State.SALE_Y || x.state == State.CAPTURED_Y || x.state == State.REFUND_Y
                            || x.state == State.AUTH_ONLY);
                    if (t != null) {
                        t.state = State.VOIDED;
                        changed = t;
                    }
                }
                case 4 -> {
                    batch++;
                    for (Tx t : txs.values()) {
                        if (t.state == State.SALE_Y || t.state == State.CAPTURED_Y || t.state == State.REFUND_Y) {
                            t.state = t.refund ? State.REFUND_SETTLED : State.SETTLED;
                            t.batch = batch;
                            send(t, sent);
                        }
                    }
                }
                case 5 -> {
                    Tx original = pick(txs, a, t -> !t.refund && t.state == State.SETTLED && refundable(txs, t).signum() > 0);
                    if (original != null) {
                        BigDecimal left = refundable(txs, original);
                        changed = add(txs, new Tx(++nextId, original.custId, true, original.id, original.invoice,
                                part(left, a.percent()), State.REFUND_Y));
                    }
                }
                case 6 -> changed = add(txs, new Tx(++nextId, custId, true, 0, "", money, State.REFUND_Y));
                case 7 -> {
                    Tx auth = pick(txs, a, t -> t.state == State.AUTH_ONLY);
                    if (auth != null) {
                        auth.state = State.EXPIRED;
                        changed = auth;
                    }
                }
                case 8 -> changed = add(txs, new Tx(++nextId, custId, false, 0, "", new BigDecimal("1.12"), State.DECLINED));
                case 9 -> changed = add(txs, new Tx(++nextId, custId, false, 0, invoiceFor(a), money, State.AUTO_VOIDED));
                case 10 -> {
                    if (!sent.isEmpty()) {
                        f.send(sent.get(a.pick() % sent.size())); // a duplicate, or an older copy after a newer one
                    }
                }
                default -> f.advance(Duration.ofSeconds(1 + a.percent() % 15));
            }
            if (changed != null) {
                send(changed, sent);
            }
        }
        f.advance(DEADLINE.plusSeconds(2));
        f.advance(Duration.ofSeconds(1));

        List<ErpCommand> commands = f.commands.readValuesToList();
        List<ReviewItem> reviews = f.review.readValuesToList();
        Set<String> ids = new HashSet<>();
        Map<String, Integer> postPayments = new HashMap<>();
        Set<String> posted = new HashSet<>();
        Map<String, BigDecimal> slCash = new HashMap<>();
        for (ErpCommand c : commands) {
            assertThat(ids.add(c.getCommandId())).as("command %s emitted twice", c.getCommandId()).isTrue();
            if (c.getPayload() instanceof PostPayment p) {
                postPayments.merge(p.getTransactionId(), 1, Integer::sum);
                posted.add(c.getCommandId());
                slCash.merge(c.getCustId(), p.getAmount(), BigDecimal::add);
            } else if (c.getPayload() instanceof PostRefund r) {
                posted.add(c.getCommandId());
                slCash.merge(c.getCustId(), r.getAmount().negate(), BigDecimal::add);
            } else if (c.getPayload() instanceof ReversePayment v) {
                assertThat(posted).as("%s undoes something posted before", c.getCommandId()).contains(v.getPaymentCommandId());
                // Reversing a payment takes its cash out again; reversing a refund puts it back.
                BigDecimal sign = v.getPaymentCommandId().startsWith(Refunds.COMMAND_ID_PREFIX) ? BigDecimal.ONE : BigDecimal.ONE.negate();
                slCash.merge(c.getCustId(), v.getAmount().multiply(sign), BigDecimal::add);
            }
        }
        assertThat(postPayments.values()).as("PostPayments per transaction").allMatch(n -> n == 1);
        // The histories must exercise what the property is about, not only sales.
        Statistics.label("reverses a payment").collect(commands.stream().anyMatch(c -> c.getPayload() instanceof ReversePayment v
                && !v.getPaymentCommandId().startsWith(Refunds.COMMAND_ID_PREFIX)));
        Statistics.label("reverses a refund").collect(commands.stream().anyMatch(c -> c.getPayload() instanceof ReversePayment v
                && v.getPaymentCommandId().startsWith(Refunds.COMMAND_ID_PREFIX)));
        Statistics.label("linked refund").collect(commands.stream().anyMatch(c -> c.getPayload() instanceof PostRefund r
                && !r.getOriginalTransactionId().isEmpty()));
        Statistics.label("full refund").collect(commands.stream().anyMatch(c -> c.getPayload() instanceof PostRefund r && r.getFullRefund()));

        Map<String, BigDecimal> net = new HashMap<>();
        for (Tx t : txs.values()) {
            if (t.counts()) {
                net.merge(t.custId, t.refund ? t.amount.negate() : t.amount, BigDecimal::add);
            }
        }
        for (String custId : CUSTOMERS) {
            assertThat(slCash.getOrDefault(custId, BigDecimal.ZERO))
                    .as("SL cash of %s vs PayTrace net, after %s", custId, actions)
                    .isEqualByComparingTo(net.getOrDefault(custId, BigDecimal.ZERO));
        }
        // Measured at 30-40 % each over 50 tries; the floors are a third of that, so they catch a generator gone blind, not luck.
        Statistics.label("reverses a payment").coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("reverses a refund").coverage(c -> c.check(true).percentage(p -> p >= 8));
        Statistics.label("linked refund").coverage(c -> c.check(true).percentage(p -> p >= 15));
        Statistics.label("full refund").coverage(c -> c.check(true).percentage(p -> p >= 10));
        assertThat(reviews).extracting(ReviewItem::getReason)
                .as("PayTrace never refunds more than is left, and every customer is known")
                .doesNotContain(ReviewReason.AMOUNT_MISMATCH, ReviewReason.UNLINKED_REFUND, ReviewReason.UNKNOWN_CUSTOMER, ReviewReason.UNKNOWN_KIND);
    }

    private void send(Tx t, List<PayTraceExportRecord> sent) {
        PayTraceExportRecord r = t.record();
        f.send(r);
        sent.add(r);
    }

    private static Tx add(Map<Long, Tx> txs, Tx t) {
        txs.put(t.id, t);
        return t;
    }

    private static Tx pick(Map<Long, Tx> txs, Action a, java.util.function.Predicate<Tx> can) {
        List<Tx> candidates = txs.values().stream().filter(can).toList();
        return candidates.isEmpty() ? null : candidates.get(a.pick() % candidates.size());
    }

    /** What PayTrace still lets one refund of {@code original}: its amount less the refunds not voided. */
    private static BigDecimal refundable(Map<Long, Tx> txs, Tx original) {
        BigDecimal refunded = txs.values().stream().filter(t -> t.refund && t.original == original.id && t.counts())
                .map(t -> t.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return original.amount.subtract(refunded);
    }

    /** {@code percent} of {@code amount}, at least a cent, at most the amount. */
    private static BigDecimal part(BigDecimal amount, int percent) {
        BigDecimal p = amount.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
        return p.max(new BigDecimal("0.01")).min(amount);
    }

    private static String invoiceOf(int customer) {
        return String.format("%010d", 10_001 + customer);
    }

    /** The customer's own invoice, one nobody has (waits until the deadline), or none. */
    private static String invoiceFor(Action a) {
        return switch (a.pick() % 3) {
            case 0 -> invoiceOf(a.customer());
            case 1 -> "0000099999";
            default -> "";
        };
    }

    @Provide
    Arbitrary<List<Action>> lifecycles() {
        // Weighted so that most histories void, settle and refund something: 0 sale, 1 authorization, 2 capture, 3 void,
        // 4 settle, 5 refund, 6 keyed refund, 7 expiry, 8 decline, 9 103, 10 redelivery, 11 time passes.
        Arbitrary<Integer> type = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)), Tuple.of(2, Arbitraries.just(1)), Tuple.of(2, Arbitraries.just(2)),
                Tuple.of(3, Arbitraries.just(3)), Tuple.of(4, Arbitraries.just(4)), Tuple.of(7, Arbitraries.just(5)),
                Tuple.of(1, Arbitraries.just(6)), Tuple.of(1, Arbitraries.just(7)), Tuple.of(1, Arbitraries.just(8)),
                Tuple.of(1, Arbitraries.just(9)), Tuple.of(3, Arbitraries.just(10)), Tuple.of(1, Arbitraries.just(11)));
        // A refund of 100 % of what is left completes the original: often enough to see full refunds.
        Arbitrary<Integer> percent = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(100)), Tuple.of(1, Arbitraries.integers().between(1, 99)));
        Arbitrary<Action> action = Combinators.combine(type, Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(100, 30_000), percent, Arbitraries.integers().between(0, CUSTOMERS.size() - 1)).as(Action::new);
        return action.list().ofMinSize(10).ofMaxSize(60);
    }
}
