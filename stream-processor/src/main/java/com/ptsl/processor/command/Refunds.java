package com.ptsl.processor.command;

import com.ptsl.processor.match.PaymentFacts;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostRefund;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Builds the PostRefund of a PayTrace refund. Pure, so a replay builds the same command. */
public final class Refunds {

    public static final String COMMAND_ID_PREFIX = "PostRefund:";

    private Refunds() {
    }

    /** The refund's own transaction id: one refund, one command, whichever status it went through. */
    public static String commandId(String refundTransactionId) {
        return COMMAND_ID_PREFIX + refundTransactionId;
    }

    /**
     * @param refund                the refund's facts, amount positive
     * @param originalTransactionId "" when the record names no original
     * @param invoiceRefNbr         the first invoice the original payment paid, "" when none is known
     * @param fullRefund            this refund and those before it return the whole original payment
     */
    public static ErpCommand postRefund(PaymentFacts refund, String custId, String originalTransactionId, String invoiceRefNbr,
                                        boolean fullRefund, ZoneId merchantZone, Instant now, long heldMs) {
        LocalDateTime createdAt = refund.createdAtLocal();
        PostRefund payload = PostRefund.newBuilder()
                .setTransactionId(refund.transactionId())
                .setOriginalTransactionId(originalTransactionId)
                .setAmount(refund.amount().abs().setScale(2))
                .setDocDate(createdAt.toLocalDate())
                .setPaymentMethod(PaymentMethod.CARD)
                .setMaskedAccount(MaskedAccount.of(refund.maskedCard()))
                .setCardType(CardBrand.of(refund.maskedCard()))
                .setMerchantAccount(refund.createdBy())
                .setInvoiceRefNbr(invoiceRefNbr)
                .setFullRefund(fullRefund)
                .setDescription(refund.description())
                .build();
        return PostPayments.command(commandId(refund.transactionId()), refund, createdAt, custId, merchantZone, now, heldMs, payload);
    }
}
