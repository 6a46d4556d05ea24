package com.ptsl.processor.command;

import com.ptsl.processor.parse.PayTraceTransaction;
import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Builds the PostPayment command for a payable sale. Pure, so a replay builds the identical command. */
public final class PostPayments {

    public static final String COMMAND_ID_PREFIX = "PostPayment:";

    private PostPayments() {
    }

    /**
     * One PayTrace transaction is one SL payment, whatever its status went through: the commandId
     * depends on the transaction id only, so the sink's ledger recognises any re-emission.
     */
    public static String commandId(String transactionId) {
        return COMMAND_ID_PREFIX + transactionId;
    }

    /**
     * @param merchantZone the zone PayTrace printed created.at in. Its local time carries no offset, so in the hour
     *                     the clocks fall back it is ambiguous and the earlier offset is taken: the record time may
     *                     then be an hour off, which only skews a latency figure, never a booking (docDate is local).
     */
    public static ErpCommand postPayment(PayTraceTransaction tx, String custId, ZoneId merchantZone, Instant now) {
        BigDecimal amount = tx.amount().setScale(2);
        String invoice = tx.invoiceId().trim();
        // Interim: the whole amount goes to the invoice the payer named; the sl.invoices join will
        // check it exists and split partial and over-payments.
        List<Application> applications = invoice.isEmpty()
                ? List.of()
                : List.of(Application.newBuilder().setInvoiceRefNbr(invoice).setInvoiceDocType("IN").setAmount(amount).build());
        PostPayment payment = PostPayment.newBuilder()
                .setTransactionId(tx.transactionId())
                .setAmount(amount)
                .setDocDate(tx.createdAt().toLocalDate())
                .setPaymentMethod(PaymentMethod.CARD)
                .setMaskedAccount(MaskedAccount.of(tx.maskedCard()))
                .setApprovalCode(tx.approvalCode())
                .setDescription(tx.description())
                .setApplications(applications)
                .build();
        return ErpCommand.newBuilder()
                .setCommandId(commandId(tx.transactionId()))
                .setCustId(custId)
                .setSourceTransactionId(tx.transactionId())
                .setSourceReceivedAt(tx.receivedAt())
                .setSourceRecordTime(tx.createdAt().atZone(merchantZone).toInstant())
                .setCreatedAt(now)
                .setPayload(payment)
                .build();
    }
}
