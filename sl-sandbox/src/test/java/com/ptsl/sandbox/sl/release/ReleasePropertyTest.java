package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.NewInvoice;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random partial payments over random invoices, released batch by batch: no document balance ever goes below 0
 * (a batch that would overdraw an invoice is refused and changes nothing), each invoice's balance is its amount
 * less what ARAdjust applied to it, and every batch's GL debits equal its credits.
 */
class ReleasePropertyTest {

    /** One 'U' line: invoice index, amount in cents. */
    record App(int invoice, long cents) {
    }

    /** One PA: its applications and the unapplied rest, in cents. */
    record Pay(List<App> apps, long unappliedCents) {
        long totalCents() {
            long applied = apps.stream().mapToLong(App::cents).sum();
            return applied + unappliedCents == 0 ? 1 : applied + unappliedCents;
        }
    }

    record Scenario(List<Long> invoiceCents, List<List<Pay>> batches) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.longs().between(1, 300_000).list().ofMinSize(1).ofMaxSize(4).flatMap(invoices -> {
            Arbitrary<App> app = Arbitraries.integers().between(0, invoices.size() - 1)
                    .flatMap(i -> Arbitraries.longs().between(1, invoices.get(i) * 3 / 4 + 1).map(cents -> new App(i, cents)));
            Arbitrary<Pay> pay = Combinators.combine(app.list().ofMaxSize(3), Arbitraries.longs().between(0, 5_000)).as(Pay::new);
            return pay.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(4)
                    .map(batches -> new Scenario(invoices, batches));
        });
    }

    @Property(tries = 30)
    void partialPaymentsNeverOverdrawAnInvoiceAndTheGlBalances(@ForAll("scenarios") Scenario s) throws SQLException {
        LocalDate today = LocalDate.now();
        try (SlSandbox sl = SlSandbox.inMemory("prop-" + UUID.randomUUID().toString().substring(0, 8))
                .seed(SeedSpec.defaults().withCustomers(1).withInvoicesPerCustomer(0))) {
            SinkRows sink = new SinkRows(sl);
            Db db = new Db(sl);
            List<String> refs = new ArrayList<>();
            List<Long> remaining = new ArrayList<>(s.invoiceCents());
            for (long cents : s.invoiceCents()) {
                refs.add(sl.enterInvoice(new NewInvoice("C00001", money(cents), today, "", "")));
            }
            int tx = 0;
            for (List<Pay> batch : s.batches()) {
                List<SinkRows.Payment> payments = new ArrayList<>();
                Map<Integer, Long> appliedHere = new HashMap<>();
                for (Pay p : batch) {
                    List<SinkRows.Application> apps = new ArrayList<>();
                    for (App a : p.apps()) {
                        apps.add(new SinkRows.Application(refs.get(a.invoice()), money(a.cents())));
                        appliedHere.merge(a.invoice(), a.cents(), Long::sum);
                    }
                    payments.add(new SinkRows.Payment("C00001", "TX" + (++tx), money(p.totalCents()), apps));
                }
                boolean overdraws = appliedHere.entrySet().stream().anyMatch(e -> e.getValue() > remaining.get(e.getKey()));

                ReleaseResult result = sl.release(sink.paymentBatch(payments.toArray(SinkRows.Payment[]::new)));
                Statistics.label("batches").collect(overdraws ? "refused (would overdraw)" : "released");

                assertThat(result.released()).as(result.messages().toString()).isEqualTo(!overdraws);
                if (overdraws) {
                    assertThat(result.messageNumbers()).containsOnly(SlMessages.OVER_APPLIED_DOC);
                } else {
                    appliedHere.forEach((i, cents) -> remaining.set(i, remaining.get(i) - cents));
                }
            }

            assertThat(db.rows("SELECT DocType, RefNbr, DocBal FROM dbo.ARDoc WHERE DocBal < 0")).isEmpty();
            for (int i = 0; i < refs.size(); i++) {
                Map<String, Object> inv = db.row("SELECT DocBal, OpenDoc FROM dbo.ARDoc WHERE DocType = 'IN' AND RefNbr = ?", refs.get(i));
                assertThat(inv.get("DOCBAL")).isEqualTo(money(remaining.get(i)));
                assertThat(inv.get("OPENDOC")).isEqualTo(remaining.get(i) == 0 ? 0L : 1L);
                BigDecimal origLessApplied = money(s.invoiceCents().get(i)).subtract(
                        db.amount("SELECT SUM(AdjAmt) FROM dbo.ARAdjust WHERE AdjdDocType = 'IN' AND AdjdRefNbr = ?", refs.get(i)));
                assertThat(inv.get("DOCBAL")).isEqualTo(origLessApplied);
            }
            for (Map<String, Object> pa : db.rows("SELECT RefNbr, OrigDocAmt, DocBal FROM dbo.ARDoc WHERE DocType = 'PA' AND Rlsed = 1")) {
                BigDecimal applied = db.amount("SELECT SUM(AdjAmt) FROM dbo.ARAdjust WHERE AdjgDocType = 'PA' AND AdjgRefNbr = ?",
                        pa.get("REFNBR"));
                assertThat(pa.get("DOCBAL")).isEqualTo(((BigDecimal) pa.get("ORIGDOCAMT")).subtract(applied));
            }
            for (Map<String, Object> gl : db.rows("SELECT BatNbr, SUM(DrAmt) AS DR, SUM(CrAmt) AS CR FROM dbo.GLTran GROUP BY BatNbr")) {
                assertThat(gl.get("DR")).as("GL of batch " + gl.get("BATNBR")).isEqualTo(gl.get("CR"));
            }
            Map<String, Object> all = db.row("SELECT SUM(DrAmt) AS DR, SUM(CrAmt) AS CR FROM dbo.GLTran");
            assertThat(all.get("DR")).isEqualTo(all.get("CR"));
        }
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
