package com.ptsl.sink.apply;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.ReversePayment;
import com.ptsl.sink.ledger.ResultEvents;
import com.ptsl.sink.posting.PostingOutcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** What an ErpResult (v2) says about a command besides its status: type, amount, event and the SL documents written. */
final class CommandFacts {

    private CommandFacts() {
    }

    /**
     * The payload branch's simple name (PostPayment, ApplyPayment, ReversePayment, PostRefund, CloseDeposit); "" when there
     * is none. Taken from the payload, not the commandId, so a re-post ({@code PostPayment:<tx>:repost-1}) is a PostPayment.
     */
    static String type(ErpCommand command) {
        return command == null || command.getPayload() == null ? "" : command.getPayload().getClass().getSimpleName();
    }

    /**
     * The amount SL moved when the posting says so, else the command's own: the payment, reversal or refund amount, a
     * settlement batch's net, or for an ApplyPayment the total applied. Null when the command has none (or could not be read).
     */
    static BigDecimal amount(ErpCommand command, PostingOutcome outcome) {
        if (outcome != null && outcome.isApplied() && outcome.amount() != null) {
            return money(outcome.amount());
        }
        Object payload = command == null ? null : command.getPayload();
        if (payload instanceof PostPayment p) {
            return money(p.getAmount());
        }
        if (payload instanceof ReversePayment r) {
            return money(r.getAmount());
        }
        if (payload instanceof PostRefund r) {
            return money(r.getAmount());
        }
        if (payload instanceof CloseDeposit d) {
            return money(d.getNetAmount());
        }
        if (payload instanceof ApplyPayment a) {
            BigDecimal total = BigDecimal.ZERO;
            for (Application application : a.getApplications()) {
                total = total.add(application.getAmount());
            }
            return money(total);
        }
        return null;
    }

    static String event(PostingOutcome outcome) {
        return outcome.isApplied() ? outcome.event().name() : ResultEvents.REJECTED;
    }

    /**
     * The posting's own list; for a posting that reports only its main document (the pre-v2 shape of PostingOutcome),
     * that document, so a PA is never reported without its "PA/RefNbr/BatNbr".
     */
    static List<String> documents(ErpCommand command, PostingOutcome outcome) {
        if (!outcome.isApplied()) {
            return List.of();
        }
        if (!outcome.documents().isEmpty()) {
            return outcome.documents();
        }
        if (command.getPayload() instanceof PostPayment && outcome.documentsWritten() > 0 && outcome.refNbr() != null
                && outcome.batNbr() != null) {
            return List.of(PostingOutcome.document("PA", outcome.refNbr(), outcome.batNbr()));
        }
        return List.of();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }
}
