package com.ptsl.sink.support;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** ErpCommand builders for tests. */
public final class Commands {

    private Commands() {
    }

    public static Application application(String invoiceRefNbr, String amount) {
        return Application.newBuilder().setInvoiceRefNbr(invoiceRefNbr).setInvoiceDocType("IN")
                .setAmount(new BigDecimal(amount).setScale(2)).build();
    }

    public static Application application(String invoiceRefNbr, BigDecimal amount) {
        return application(invoiceRefNbr, amount.toPlainString());
    }

    public static ErpCommand payment(String commandId, String custId, String transactionId, String amount, LocalDate docDate,
                                     Application... applications) {
        return payment(commandId, custId, transactionId, amount, docDate, PaymentMethod.CARD, applications);
    }

    public static ErpCommand payment(String commandId, String custId, String transactionId, String amount, LocalDate docDate,
                                     PaymentMethod method, Application... applications) {
        PostPayment payment = PostPayment.newBuilder()
                .setTransactionId(transactionId)
                .setAmount(new BigDecimal(amount).setScale(2))
                .setDocDate(docDate)
                .setPaymentMethod(method)
                .setMaskedAccount("************5439")
                .setApprovalCode("TAS123")
                .setDescription("test payment")
                .setApplications(new ArrayList<>(List.of(applications)))
                .build();
        Instant now = Instant.now();
        return ErpCommand.newBuilder()
                .setCommandId(commandId)
                .setCustId(custId)
                .setSourceTransactionId(transactionId)
                .setSourceReceivedAt(now.minusMillis(250))
                .setCreatedAt(now)
                .setPayload(payment)
                .build();
    }

    /** Apply unapplied cash of the already posted payment {@code transactionId} (a review resolution). */
    public static ErpCommand applyPayment(String commandId, String custId, String transactionId, Application... applications) {
        ApplyPayment apply = ApplyPayment.newBuilder()
                .setTransactionId(transactionId)
                .setApplications(new ArrayList<>(List.of(applications)))
                .setMatchStrategy("REVIEW_RESOLUTION")
                .build();
        Instant now = Instant.now();
        return ErpCommand.newBuilder()
                .setCommandId(commandId)
                .setCustId(custId)
                .setSourceTransactionId(transactionId)
                .setSourceReceivedAt(now.minusMillis(250))
                .setCreatedAt(now)
                .setPayload(apply)
                .build();
    }
}
