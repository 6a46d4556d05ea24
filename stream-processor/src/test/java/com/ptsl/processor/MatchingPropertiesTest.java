package com.ptsl.processor;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

import java.io.IOException;
import java.math.BigDecimal;
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
import java.util.stream.Stream;

import static com.ptsl.processor.PayTraceExportRecord.sale;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For any interleaving, duplication and delay of a generated history of invoices and payments: no invoice
 * is applied more than its amount, no payment is posted twice, and every payment is either posted once to
 * its customer at its full amount or (customer unknown) waits for a person with nothing posted.
 */
class MatchingPropertiesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final List<String> CUSTOMERS = List.of("C00001", "C00002", "C00003");

    /** An invoice of the generated history. */
    record Inv(String refNbr, String custId, BigDecimal amount) {
    }

    /** How a payment names what it pays. */
    enum Names { INVOICE, UNKNOWN_INVOICE, CUSTOMER, NOTHING, TWO_INVOICES }

    record Pay(long id, BigDecimal amount, Names names, int invoice, int other, int customer) {
    }

    /** One step: send a payment (again), let the feed show what SL holds now, or let time pass. */
    record Step(int kind, int index, int seconds) {
    }

    record History(List<Inv> invoices, List<Pay> payments, List<Step> steps) {
    }

    private Path stateDir;
    private TopologyFixture f;

    @BeforeTry
    void start() throws IOException {
        stateDir = Files.createTempDirectory("matching-props");
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("matching-props").withStateDir(stateDir);
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

    @Property(tries = 60)
    void invoicesAreNeverOverAppliedAndEveryPaymentPostsOnceOrWaitsForAPerson(@ForAll("histories") History h) {
        CUSTOMERS.forEach(f::customer);
        h.invoices().forEach(inv -> f.invoice(inv.custId(), inv.refNbr(), inv.amount().toPlainString()).send());
        List<ErpCommand> commands = new ArrayList<>();
        for (Step step : h.steps()) {
            switch (step.kind()) {
                case 0 -> f.send(record(h, h.payments().get(step.index() % h.payments().size())));
                case 1 -> {
                    commands.addAll(f.commands.readValuesToList());
                    showWhatSlHolds(h.invoices().get(step.index() % h.invoices().size()), commands);
                }
                default -> f.advance(Duration.ofSeconds(step.seconds()));
            }
        }
        h.payments().forEach(p -> f.send(record(h, p))); // every payment arrives at least once
        f.advance(DEADLINE.plusSeconds(2));
        f.advance(Duration.ofSeconds(1));
        commands.addAll(f.commands.readValuesToList());
        List<ReviewItem> reviews = f.review.readValuesToList();

        Map<String, BigDecimal> appliedPerInvoice = new HashMap<>();
        Set<String> commandIds = new HashSet<>();
        Map<String, ErpCommand> paymentByTx = new HashMap<>();
        for (ErpCommand c : commands) {
            assertThat(commandIds.add(c.getCommandId())).as("command %s emitted twice", c.getCommandId()).isTrue();
            List<Application> apps = c.getPayload() instanceof PostPayment p ? p.getApplications() : ((ApplyPayment) c.getPayload()).getApplications();
            apps.forEach(a -> appliedPerInvoice.merge(a.getInvoiceRefNbr(), a.getAmount(), BigDecimal::add));
            if (c.getPayload() instanceof PostPayment p) {
                paymentByTx.put(p.getTransactionId(), c);
                BigDecimal applied = apps.stream().map(Application::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(applied).as("payment %s applies more than it is", p.getTransactionId()).isLessThanOrEqualTo(p.getAmount());
            }
        }
        for (Inv inv : h.invoices()) {
            assertThat(appliedPerInvoice.getOrDefault(inv.refNbr(), BigDecimal.ZERO))
                    .as("invoice %s of %s", inv.refNbr(), inv.amount()).isLessThanOrEqualTo(inv.amount());
        }
        Set<String> waitingForAPerson = new HashSet<>();
        reviews.stream().filter(r -> r.getReason() == ReviewReason.UNKNOWN_CUSTOMER).forEach(r -> waitingForAPerson.add(r.getTransactionId()));
        for (Pay p : h.payments()) {
            String tx = Long.toString(p.id());
            ErpCommand posted = paymentByTx.get(tx);
            if (posted == null) {
                assertThat(waitingForAPerson).as("payment %s neither posted nor in review", tx).contains(tx);
                continue;
            }
            assertThat(((PostPayment) posted.getPayload()).getAmount()).isEqualByComparingTo(p.amount());
            assertThat(posted.getCustId()).as("customer of payment %s", tx).isEqualTo(expectedCustomer(h, p));
        }
        // Σ posted per customer = Σ of the payments that belong to it.
        Map<String, BigDecimal> postedPerCustomer = new HashMap<>();
        paymentByTx.values().forEach(c -> postedPerCustomer.merge(c.getCustId(), ((PostPayment) c.getPayload()).getAmount(), BigDecimal::add));
        Map<String, BigDecimal> expectedPerCustomer = new HashMap<>();
        h.payments().stream().filter(p -> paymentByTx.containsKey(Long.toString(p.id())))
                .forEach(p -> expectedPerCustomer.merge(expectedCustomer(h, p), p.amount(), BigDecimal::add));
        assertThat(postedPerCustomer).isEqualTo(expectedPerCustomer);
    }

    /** The feed republishes the invoice with the 'U' lines of every command emitted so far that pays it. */
    private void showWhatSlHolds(Inv inv, List<ErpCommand> commands) {
        TopologyFixture.InvoiceBuilder b = f.invoice(inv.custId(), inv.refNbr(), inv.amount().toPlainString());
        for (ErpCommand c : commands) {
            List<Application> apps = c.getPayload() instanceof PostPayment p ? p.getApplications() : ((ApplyPayment) c.getPayload()).getApplications();
            for (Application a : apps) {
                if (a.getInvoiceRefNbr().equals(inv.refNbr())) {
                    b.applied(c.getSourceTransactionId(), a.getAmount().toPlainString());
                }
            }
        }
        b.send();
    }

    private static String expectedCustomer(History h, Pay p) {
        return switch (p.names()) {
            case INVOICE, TWO_INVOICES -> h.invoices().get(p.invoice()).custId();
            default -> CUSTOMERS.get(p.customer());
        };
    }

    private static PayTraceExportRecord record(History h, Pay p) {
        PayTraceExportRecord r = sale(p.id()).amount(p.amount().toPlainString()).invoice("").customerReference("");
        Inv inv = h.invoices().get(p.invoice());
        return switch (p.names()) {
            case INVOICE -> r.invoice(inv.refNbr().replaceFirst("^0+", ""));
            case TWO_INVOICES -> r.invoice(inv.refNbr() + "," + sameCustomerOther(h, p).refNbr());
            case UNKNOWN_INVOICE -> r.invoice("99999").customerReference(CUSTOMERS.get(p.customer()));
            case CUSTOMER -> r.customerReference(CUSTOMERS.get(p.customer()));
            case NOTHING -> r.set("description", "\"no reference\"");
        };
    }

    private static Inv sameCustomerOther(History h, Pay p) {
        Inv first = h.invoices().get(p.invoice());
        return h.invoices().stream().filter(i -> i.custId().equals(first.custId()) && !i.equals(first)).findFirst().orElse(first);
    }

    @Provide
    Arbitrary<History> histories() {
        Arbitrary<BigDecimal> money = Arbitraries.integers().between(100, 30_000).map(c -> BigDecimal.valueOf(c, 2));
        Arbitrary<List<Inv>> invoices = Combinators.combine(money, Arbitraries.integers().between(0, CUSTOMERS.size() - 1))
                .as((amount, c) -> new Inv("", CUSTOMERS.get(c), amount))
                .list().ofMinSize(2).ofMaxSize(5)
                .map(list -> {
                    List<Inv> numbered = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        numbered.add(new Inv(String.format("%010d", 10_001 + i), list.get(i).custId(), list.get(i).amount()));
                    }
                    return numbered;
                });
        return invoices.flatMap(invs -> {
            Arbitrary<Pay> pay = Combinators.combine(money, Arbitraries.of(Names.class), Arbitraries.integers().between(0, invs.size() - 1),
                    Arbitraries.integers().between(0, invs.size() - 1), Arbitraries.integers().between(0, CUSTOMERS.size() - 1))
                    .as((amount, names, inv, other, cust) -> new Pay(0, amount, names, inv, other, cust));
            Arbitrary<List<Pay>> payments = pay.list().ofMinSize(1).ofMaxSize(10).map(list -> {
                List<Pay> numbered = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Pay p = list.get(i);
                    numbered.add(new Pay(70_000 + i, p.amount(), p.names(), p.invoice(), p.other(), p.customer()));
                }
                return numbered;
            });
            Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 50),
                    Arbitraries.integers().between(1, 15)).as(Step::new);
            return Combinators.combine(payments, step.list().ofMaxSize(30)).as((ps, steps) -> new History(invs, ps, steps));
        });
    }
}
