package com.ptsl.processor.route;

import com.ptsl.processor.PostOn;
import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.command.StatusEvent;

/**
 * Which way each kind goes (pure): to the resolve stage as a payment, a refund or a void, straight out as a
 * status event, or nowhere. Only stateless outcomes are decided here; whether a void undoes a posting or a
 * settled sale was posted already is for the stages that hold the state.
 */
public final class Routing {

    /** The branch a kind takes. */
    public enum Action { PAYMENT, REFUND, VOID, STATUS, NONE }

    private Routing() {
    }

    public static Action action(TransactionKind kind, PostOn postOn) {
        if (kind.isPayment() || kind.isRefund()) {
            // CAPTURE: pending and settled records both go on; the resolve stage posts the first one only.
            // SETTLEMENT: only a settled record posts; the pending one is just the news that it will.
            boolean posts = postOn == PostOn.CAPTURE || kind.isSettled();
            if (!posts) {
                return Action.NONE;
            }
            return kind.isPayment() ? Action.PAYMENT : Action.REFUND;
        }
        if (kind.isVoid()) {
            return Action.VOID;
        }
        return Action.STATUS;
    }

    /** The status event of a kind that never posts (Action STATUS). */
    public static StatusEvent event(TransactionKind kind) {
        return switch (kind) {
            case DECLINED -> StatusEvent.DECLINED;
            case AUTHORIZED -> StatusEvent.AUTHORIZED;
            // ErpResult v2 has no event of its own for it: the hold lapsed and nothing was ever posted, as for a void.
            case AUTHORIZATION_EXPIRED -> StatusEvent.VOIDED_UNPOSTED;
            case AUTO_VOIDED -> StatusEvent.AUTO_VOIDED;
            case VOIDED -> StatusEvent.VOIDED_UNPOSTED;
            default -> StatusEvent.UNKNOWN;
        };
    }
}
