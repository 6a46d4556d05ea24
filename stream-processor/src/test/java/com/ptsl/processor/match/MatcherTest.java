package com.ptsl.processor.match;

import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules where a topology test cannot stage the situation. */
class MatcherTest {

    private static InvoiceBalance invoice(String ref, String available) {
        BigDecimal amount = new BigDecimal(available);
        return new InvoiceBalance(SlInvoiceSnapshot.newBuilder().setCpnyId("PTSL").setCustId("C00001").setDocType("IN").setRefNbr(ref)
                .setOrdNbr("").setCustOrdNbr("").setDocDate(LocalDate.of(2026, 1, 1)).setOrigDocAmt(amount).setDocBal(amount)
                .setReleased(true).setOpen(true).setApplications(List.of()).setChangeVersion(1).setCapturedAt(Instant.EPOCH).build(), amount);
    }

    private static PaymentFacts payment(String amount, String invoiceId, String description) {
        return new PaymentFacts("1", new BigDecimal(amount), invoiceId, "", "", description, "2026-01-05T10:00", "", "", 0, "", 0, "");
    }

    @Test
    void aListedInvoiceTheIndexHasButThisTaskNotYetIsWaitedForInsteadOfPayingTheListInPart() {
        PaymentFacts p = payment("100.00", "", "Invoices 10001, 10002");
        List<InvoiceBalance> here = List.of(invoice("0000010001", "60.00"));

        Decision early = Matcher.decide(p, here, Set.of("10002"), true);
        assertThat(early.waits()).isTrue();
        assertThat(early.waitReason()).contains("10002");

        Decision late = Matcher.decide(p, here, Set.of("10002"), false);
        assertThat(late.waits()).as("past the deadline it posts with what it has").isFalse();
        assertThat(late.applied()).isEqualByComparingTo("60.00");
        assertThat(late.onAccount()).isEqualByComparingTo("40.00");
    }

    @Test
    void nothingMissingMeansNoWait() {
        Decision d = Matcher.decide(payment("60.00", "10001", ""), List.of(invoice("0000010001", "60.00")), Set.of(), true);

        assertThat(d.waits()).isFalse();
        assertThat(d.strategy()).isEqualTo(MatchStrategy.INVOICE_ID);
    }
}
