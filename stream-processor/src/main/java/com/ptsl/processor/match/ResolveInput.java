package com.ptsl.processor.match;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.schemas.avro.ReviewResolution;

import java.util.Objects;

/**
 * The resolve stage's inputs. Keyed by the transaction whose dedupe entry the stage must read: a payment, a
 * void and an unlinked refund by their own id, a person's resolution by the id it resolves, and a linked
 * refund (or the void of one) by the original's id, so it lands in the task that knows the original's customer.
 */
public sealed interface ResolveInput {

    record Payment(PaymentFacts facts) implements ResolveInput {
    }

    record Resolution(ReviewResolution resolution) implements ResolveInput {
    }

    /**
     * A refund, amount positive.
     *
     * @param originalTransactionId the refunded transaction ("" when the record names none: the customer is then found
     *                              like a payment's)
     */
    record Refund(PaymentFacts facts, String originalTransactionId) implements ResolveInput {
        public Refund {
            Objects.requireNonNull(facts, "facts");
            originalTransactionId = Objects.requireNonNullElse(originalTransactionId, "");
        }

        public boolean linked() {
            return !originalTransactionId.isEmpty();
        }
    }

    /**
     * PayTrace voided {@code facts.transactionId()} (VOIDED or AUTO_VOIDED).
     *
     * @param originalTransactionId for the void of a linked refund, the refund's original (the key it travels under); else ""
     */
    record Voided(PaymentFacts facts, TransactionKind kind, String originalTransactionId) implements ResolveInput {
        public Voided {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(kind, "kind");
            originalTransactionId = Objects.requireNonNullElse(originalTransactionId, "");
        }

        public boolean ofLinkedRefund() {
            return !originalTransactionId.isEmpty();
        }
    }
}
