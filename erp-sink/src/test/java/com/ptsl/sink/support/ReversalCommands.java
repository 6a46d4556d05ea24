package com.ptsl.sink.support;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.ReversePayment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** ErpCommand builders for the v4 commands: card payments with card type and merchant account, reversals, refunds. */
public final class ReversalCommands {

    private ReversalCommands() {
    }

    /** A PostPayment through {@code merchantAccount} with a {@code cardType} card ("" = the record does not say). */
    public static ErpCommand cardPayment(String commandId, String custId, String transactionId, String amount, LocalDate docDate,
                                         String cardType, String merchantAccount, Application... applications) {
        ErpCommand command = Commands.payment(commandId, custId, transactionId, amount, docDate, PaymentMethod.CARD, applications);
        PostPayment payment = (PostPayment) command.getPayload();
        payment.setCardType(cardType);
        payment.setMerchantAccount(merchantAccount);
        return command;
    }

    public static ErpCommand reverse(String commandId, String custId, String transactionId, String amount, LocalDate docDate) {
        ReversePayment reverse = ReversePayment.newBuilder()
                .setTransactionId(transactionId)
                .setAmount(new BigDecimal(amount).setScale(2))
                .setDocDate(docDate)
                .setReason("VOID")
                .setPaymentCommandId("PostPayment:" + transactionId)
                .build();
        return command(commandId, custId, transactionId, reverse);
    }

    /** A refund of {@code originalTransactionId} ("" = a keyed refund, not linked). */
    public static RefundBuilder refund(String commandId, String custId, String transactionId, String originalTransactionId,
                                       String amount, LocalDate docDate) {
        return new RefundBuilder(commandId, custId, PostRefund.newBuilder()
                .setTransactionId(transactionId)
                .setOriginalTransactionId(originalTransactionId)
                .setAmount(new BigDecimal(amount).setScale(2))
                .setDocDate(docDate)
                .setPaymentMethod(PaymentMethod.CARD)
                .setMaskedAccount("************5439")
                .setCardType("")
                .setMerchantAccount("")
                .setInvoiceRefNbr("")
                .setFullRefund(false)
                .setDescription("test refund"));
    }

    /** The optional parts of a PostRefund. */
    public static final class RefundBuilder {
        private final String commandId;
        private final String custId;
        private final PostRefund.Builder refund;

        private RefundBuilder(String commandId, String custId, PostRefund.Builder refund) {
            this.commandId = commandId;
            this.custId = custId;
            this.refund = refund;
        }

        public RefundBuilder card(String cardType, String merchantAccount) {
            refund.setCardType(cardType).setMerchantAccount(merchantAccount);
            return this;
        }

        public RefundBuilder invoice(String invoiceRefNbr) {
            refund.setInvoiceRefNbr(invoiceRefNbr);
            return this;
        }

        public RefundBuilder full() {
            refund.setFullRefund(true);
            return this;
        }

        public ErpCommand build() {
            PostRefund r = refund.build();
            return command(commandId, custId, r.getTransactionId(), r);
        }
    }

    private static ErpCommand command(String commandId, String custId, String transactionId, Object payload) {
        Instant now = Instant.now();
        return ErpCommand.newBuilder()
                .setCommandId(commandId)
                .setCustId(custId)
                .setSourceTransactionId(transactionId)
                .setSourceReceivedAt(now.minusMillis(250))
                .setCreatedAt(now)
                .setPayload(payload)
                .build();
    }
}
