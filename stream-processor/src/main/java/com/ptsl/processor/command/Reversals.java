package com.ptsl.processor.command;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.match.PaymentFacts;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ReversePayment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Builds the ReversePayment of a posted payment (or refund) that PayTrace voided. Pure, so a replay builds the same command. */
public final class Reversals {

    public static final String COMMAND_ID_PREFIX = "ReversePayment:";
    public static final String VOID = "VOID";
    public static final String AUTO_VOID = "AUTO_VOID";

    private Reversals() {
    }

    /** One void per PayTrace transaction: the id depends on the transaction id only. */
    public static String commandId(String transactionId) {
        return COMMAND_ID_PREFIX + transactionId;
    }

    public static String reason(TransactionKind kind) {
        return kind == TransactionKind.AUTO_VOIDED ? AUTO_VOID : VOID;
    }

    /**
     * The date of the void in the merchant's zone. A void keeps the record's created.at (the sale's), and PayTrace's
     * export carries no void time, so the time the gateway received the voided record stands in for it (an
     * invention of this integration; deterministic, because it travels with the record).
     */
    public static LocalDate voidDate(PaymentFacts voidRecord, ZoneId merchantZone) {
        return voidRecord.receivedAt().atZone(merchantZone).toLocalDate();
    }

    /**
     * @param voidRecord       the voided record (keyed by the transaction being undone)
     * @param postedAmount     what was posted, which the sink checks against SL's document
     * @param paymentCommandId the command being undone (PostPayment:&lt;tx&gt; or PostRefund:&lt;tx&gt;)
     */
    public static ErpCommand reversePayment(PaymentFacts voidRecord, String custId, BigDecimal postedAmount, TransactionKind kind,
                                            String paymentCommandId, ZoneId merchantZone, Instant now) {
        ReversePayment reverse = ReversePayment.newBuilder()
                .setTransactionId(voidRecord.transactionId())
                .setAmount(postedAmount.setScale(2))
                .setDocDate(voidDate(voidRecord, merchantZone))
                .setReason(reason(kind))
                .setPaymentCommandId(paymentCommandId)
                .build();
        return PostPayments.command(commandId(voidRecord.transactionId()), voidRecord, voidRecord.createdAtLocal(), custId, merchantZone, now, 0,
                reverse);
    }
}
