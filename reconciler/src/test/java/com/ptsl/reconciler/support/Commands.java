package com.ptsl.reconciler.support;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.DepositTransaction;
import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.ReversePayment;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** ERP commands and review items as the stream processor makes them: its commandIds, key = CustId, its field values. */
public final class Commands {

    private Commands() {
    }

    public static Application application(String invoiceRefNbr, String amount) {
        return Application.newBuilder().setInvoiceRefNbr(invoiceRefNbr).setInvoiceDocType("IN").setAmount(money(amount)).build();
    }

    public static ErpCommand postPayment(String tx, String custId, String amount, LocalDate docDate, Application... applications) {
        PostPayment p = PostPayment.newBuilder().setTransactionId(tx).setAmount(money(amount)).setDocDate(docDate)
                .setPaymentMethod(PaymentMethod.CARD).setMaskedAccount("************5439").setApprovalCode("TAS" + tx.substring(tx.length() - 3))
                .setDescription("order " + tx).setApplications(new ArrayList<>(List.of(applications)))
                .setMatchStrategy(applications.length == 0 ? "ON_ACCOUNT" : "INVOICE_ID").setCardType("VISA").setMerchantAccount("sandbox123")
                .build();
        return command("PostPayment:" + tx, custId, tx, p);
    }

    public static ErpCommand applyPayment(String tx, String custId, Application... applications) {
        ApplyPayment a = ApplyPayment.newBuilder().setTransactionId(tx).setApplications(new ArrayList<>(List.of(applications)))
                .setMatchStrategy("REVIEW_RESOLUTION").build();
        return command("ApplyPayment:" + tx, custId, tx, a);
    }

    public static ErpCommand reversePayment(String tx, String custId, String amount, LocalDate docDate) {
        ReversePayment r = ReversePayment.newBuilder().setTransactionId(tx).setAmount(money(amount)).setDocDate(docDate).setReason("VOID")
                .setPaymentCommandId("PostPayment:" + tx).build();
        return command("ReversePayment:" + tx, custId, tx, r);
    }

    public static ErpCommand postRefund(String tx, String custId, String originalTx, String amount, LocalDate docDate, String invoice) {
        PostRefund r = PostRefund.newBuilder().setTransactionId(tx).setOriginalTransactionId(originalTx).setAmount(money(amount))
                .setDocDate(docDate).setPaymentMethod(PaymentMethod.CARD).setMaskedAccount("************5439").setCardType("VISA")
                .setMerchantAccount("sandbox123").setInvoiceRefNbr(invoice).setFullRefund(false).setDescription("refund " + tx).build();
        return command("PostRefund:" + tx, custId, tx, r);
    }

    /** A settlement batch closed, as the processor's deposit stage sends it (key {@code deposit:<n>}, custId ""). */
    public static ErpCommand closeDeposit(String batchNumber, String fingerprint, LocalDate depositDate, String net,
                                          List<DepositTransaction> transactions) {
        CloseDeposit d = CloseDeposit.newBuilder().setBatchNumber(batchNumber).setDepositDate(depositDate).setNetAmount(money(net))
                .setSalesAmount(money(net)).setRefundAmount(money("0")).setFees(null).setFingerprint(fingerprint)
                .setTransactions(new ArrayList<>(transactions)).build();
        return command("CloseDeposit:" + batchNumber + ":" + fingerprint.substring(0, 12), "", "batch:" + batchNumber, d);
    }

    public static DepositTransaction sold(String tx, String amount) {
        return DepositTransaction.newBuilder().setTransactionId(tx).setKind(DepositTransactionKind.SALE).setAmount(money(amount)).build();
    }

    public static ReviewItem openReview(String tx, ReviewReason reason, String amount, String custId, String postedOnAccount, String json) {
        return ReviewItem.newBuilder().setTransactionId(tx).setReason(reason).setDetail("test: " + reason).setAmount(money(amount))
                .setJson(json).setRaisedAt(Instant.now()).setStatus(ReviewStatus.OPEN).setCustId(custId)
                .setPostedOnAccount(postedOnAccount == null ? null : money(postedOnAccount)).setDecision("which invoice?")
                .setCandidates(new ArrayList<>()).setResolution(null).build();
    }

    private static ErpCommand command(String commandId, String custId, String tx, Object payload) {
        Instant now = Instant.now();
        return ErpCommand.newBuilder().setCommandId(commandId).setCustId(custId).setSourceTransactionId(tx)
                .setSourceReceivedAt(now.minusMillis(200)).setSourceRecordTime(now.minusSeconds(1)).setCreatedAt(now).setHeldMs(0)
                .setPayload(payload).build();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }
}
