package com.ptsl.processor.command;

import com.ptsl.processor.match.Decision;
import com.ptsl.processor.match.MatchStrategy;
import com.ptsl.processor.match.PaymentFacts;
import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Builds the ERP commands of a matched payment. Pure, so a replay builds the identical command. */
public final class PostPayments {

    public static final String COMMAND_ID_PREFIX = "PostPayment:";
    public static final String APPLY_COMMAND_ID_PREFIX = "ApplyPayment:";

    private PostPayments() {
    }

    /**
     * One PayTrace transaction is one SL payment, whatever its status went through: the commandId
     * depends on the transaction id only, so the sink's ledger recognises any re-emission.
     */
    public static String commandId(String transactionId) {
        return COMMAND_ID_PREFIX + transactionId;
    }

    /** A review resolution applies a posted payment's unapplied cash once: resolving again gives the same id. */
    public static String applyCommandId(String transactionId) {
        return APPLY_COMMAND_ID_PREFIX + transactionId;
    }

    /**
     * @param merchantZone the zone PayTrace printed created.at in. Its local time carries no offset, so in the hour
     *                     the clocks fall back it is ambiguous and the earlier offset is taken: the record time may
     *                     then be an hour off, which only skews a latency figure, never a booking (docDate is local).
     * @param heldMs       how long the processor held the payment before this decision (0: decided at once)
     */
    public static ErpCommand postPayment(PaymentFacts p, String custId, Decision decision, ZoneId merchantZone, Instant now, long heldMs) {
        LocalDateTime createdAt = p.createdAtLocal();
        PostPayment payment = PostPayment.newBuilder()
                .setTransactionId(p.transactionId())
                .setAmount(p.amount().setScale(2))
                .setDocDate(createdAt.toLocalDate())
                .setPaymentMethod(PaymentMethod.CARD)
                .setMaskedAccount(MaskedAccount.of(p.maskedCard()))
                .setApprovalCode(p.approvalCode())
                .setDescription(p.description())
                .setApplications(applications(decision))
                .setMatchStrategy(decision.strategy().name())
                .setCardType(CardBrand.of(p.maskedCard()))
                .setMerchantAccount(p.createdBy())
                .build();
        return command(commandId(p.transactionId()), p, createdAt, custId, merchantZone, now, heldMs, payment);
    }

    /** Apply unapplied cash of the already posted payment of {@code p}: a person's resolution. */
    public static ErpCommand applyPayment(PaymentFacts p, String custId, Decision decision, ZoneId merchantZone, Instant now, long heldMs) {
        ApplyPayment apply = ApplyPayment.newBuilder()
                .setTransactionId(p.transactionId())
                .setApplications(applications(decision))
                .setMatchStrategy(MatchStrategy.REVIEW_RESOLUTION.name())
                .build();
        return command(applyCommandId(p.transactionId()), p, p.createdAtLocal(), custId, merchantZone, now, heldMs, apply);
    }

    /** @param createdAt {@code p.createdAtLocal()}, parsed once by the caller */
    static ErpCommand command(String commandId, PaymentFacts p, LocalDateTime createdAt, String custId, ZoneId merchantZone, Instant now,
                              long heldMs, Object payload) {
        return ErpCommand.newBuilder()
                .setCommandId(commandId)
                .setCustId(custId)
                .setSourceTransactionId(p.transactionId())
                .setSourceReceivedAt(p.receivedAt())
                .setSourceRecordTime(createdAt.atZone(merchantZone).toInstant())
                .setCreatedAt(now)
                .setHeldMs(Math.max(0, heldMs))
                .setPayload(payload)
                .build();
    }

    private static List<Application> applications(Decision decision) {
        return decision.applications().stream()
                .map(a -> Application.newBuilder()
                        .setInvoiceRefNbr(a.invoice().refNbr())
                        .setInvoiceDocType(a.invoice().invoice().getDocType())
                        .setAmount(a.amount().setScale(2))
                        .build())
                .toList();
    }
}
