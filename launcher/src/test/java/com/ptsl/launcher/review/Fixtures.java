package com.ptsl.launcher.review;

import com.ptsl.schemas.avro.InvoiceApplication;
import com.ptsl.schemas.avro.ReviewCandidate;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Review items, SL invoices and customers as the processor and erp-sink write them, for the review tests. */
final class Fixtures {

    static final Instant RAISED = Instant.parse("2026-11-30T09:15:00Z");
    /** Stands for the cardholder data in the PayTrace record: it must never appear in anything printed. */
    static final String CARDHOLDER = "Jane Q. Cardholder";
    static final String RECORD_JSON = "{\"transaction_id\":1,\"billing_address\":{\"name\":\"" + CARDHOLDER
            + "\",\"street\":\"1 Secret Lane\"},\"credit_card\":{\"masked_number\":\"xxxxxxxxxxxx1111\"}}";

    private Fixtures() {
    }

    static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    /** An open UNMATCHED item of C00001 for 100.00, all of it posted on account. */
    static ReviewItem.Builder item(String transactionId) {
        return ReviewItem.newBuilder()
                .setTransactionId(transactionId)
                .setReason(ReviewReason.UNMATCHED)
                .setDetail("no invoice named in the payment")
                .setAmount(money("100.00"))
                .setJson(RECORD_JSON)
                .setRaisedAt(RAISED)
                .setStatus(ReviewStatus.OPEN)
                .setCustId("C00001")
                .setPostedOnAccount(money("100.00"))
                .setDecision("Which invoices does this payment pay?")
                .setCandidates(List.of())
                .setResolution(null);
    }

    static ReviewCandidate candidate(String custId, String refNbr, String available, String why) {
        return ReviewCandidate.newBuilder().setCustId(custId).setRefNbr(refNbr).setDocType("IN")
                .setAvailable(money(available)).setWhy(why).build();
    }

    /** A released, open IN of company 0060 whose whole balance is available. */
    static SlInvoiceSnapshot.Builder invoice(String refNbr, String custId, String docBal, LocalDate docDate) {
        return SlInvoiceSnapshot.newBuilder()
                .setCpnyId("0060")
                .setCustId(custId)
                .setDocType("IN")
                .setRefNbr(refNbr)
                .setOrdNbr("")
                .setCustOrdNbr("")
                .setDocDate(docDate)
                .setDueDate(null)
                .setOrigDocAmt(money(docBal))
                .setDocBal(money(docBal))
                .setReleased(true)
                .setOpen(true)
                .setApplications(List.of())
                .setChangeVersion(1L)
                .setCapturedAt(RAISED);
    }

    static InvoiceApplication application(String paymentRefNbr, String amount, boolean released) {
        return InvoiceApplication.newBuilder().setPaymentRefNbr(paymentRefNbr).setCommandId(null)
                .setAmount(money(amount)).setReleased(released).build();
    }

    static SlCustomerSnapshot customer(String custId, String name) {
        return SlCustomerSnapshot.newBuilder().setCustId(custId).setName(name).setStatus("A")
                .setPayTraceCustomerId(null).setChangeVersion(1L).setCapturedAt(RAISED).build();
    }

    /**
     * The SL side every review test uses:
     * <pre>
     * 0000010001 C00001 DocBal 100.00, 20.00 pending (unreleased) + 5.00 released  -> available 80.00  (oldest)
     * 0000010002 C00001 DocBal  50.00                                              -> available 50.00
     * 0000010003 C00002 DocBal  70.00                                              -> available 70.00
     * 0000010004 C00001 DocBal  40.00, not released in SL
     * 0000010005 C00001 DocBal  20.00, 20.00 pending                               -> available  0.00
     * 0000010006 C00001 DocBal  10.00, no longer open
     * 0000020001 C00003 DocBal  30.00                                              -> available 30.00
     * </pre>
     */
    static List<SlInvoiceSnapshot> invoices() {
        return List.of(
                invoice("0000010001", "C00001", "100.00", LocalDate.of(2026, 10, 1))
                        .setApplications(List.of(application("900100", "20.00", false), application("900099", "5.00", true)))
                        .build(),
                invoice("0000010002", "C00001", "50.00", LocalDate.of(2026, 10, 15)).build(),
                invoice("0000010003", "C00002", "70.00", LocalDate.of(2026, 10, 20)).build(),
                invoice("0000010004", "C00001", "40.00", LocalDate.of(2026, 11, 1)).setReleased(false).build(),
                invoice("0000010005", "C00001", "20.00", LocalDate.of(2026, 11, 2))
                        .setApplications(List.of(application("900101", "20.00", false))).build(),
                invoice("0000010006", "C00001", "10.00", LocalDate.of(2026, 11, 3)).setOpen(false).build(),
                invoice("0000020001", "C00003", "30.00", LocalDate.of(2026, 11, 4)).build());
    }

    static List<SlCustomerSnapshot> customers() {
        return List.of(customer("C00001", "Acme Supply"), customer("C00002", "Bolt Brothers"), customer("C00003", "Crane Co"));
    }

    static InvoiceCatalog catalog() {
        return new InvoiceCatalog(invoices(), customers());
    }
}
