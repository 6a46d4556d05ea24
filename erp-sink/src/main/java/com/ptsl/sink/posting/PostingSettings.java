package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.PaymentMethod;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The site-specific choices of how payments land in SL (ARCHITECTURE.md §7 defaults, all configurable).
 *
 * @param cardCash      SL_CARD_CASH_ACCT/SUB: the GL rule {@code CARD:*:*}
 * @param achCash       SL_ACH_CASH_ACCT/SUB: the GL rule {@code ACH:*:*}
 * @param glRules       SL_GL_RULES: the more specific rules on top of those two
 * @param refundAccount SL_REFUND_ACCT/SUB, the account a returned-goods CM debits; null = ARSetup.RfndAcct/RfndSub
 * @param refundPolicy  SL_REFUND_POLICY
 */
public record PostingSettings(String cpnyId, CashAccount cardCash, CashAccount achCash, String batchStatus, String program,
                              String user, List<GlRule> glRules, GlAccount refundAccount, RefundPolicy refundPolicy) {

    public PostingSettings {
        require(cpnyId, 10, "company id (CpnyID)");
        require(batchStatus, 1, "batch status");
        require(program, 8, "program id (Crtd_Prog)");
        require(user, 10, "user id (Crtd_User)");
        Objects.requireNonNull(cardCash, "card cash account");
        Objects.requireNonNull(achCash, "ACH cash account");
        glRules = glRules == null ? List.of() : List.copyOf(glRules);
        refundPolicy = refundPolicy == null ? RefundPolicy.CREDIT_MEMO : refundPolicy;
        GlRules.of(cardCash, achCash, glRules); // a conflicting rule fails here, at configuration time
    }

    /** No GL rules beyond the method defaults, the refund account from ARSetup, policy CREDIT_MEMO. */
    public PostingSettings(String cpnyId, CashAccount cardCash, CashAccount achCash, String batchStatus, String program, String user) {
        this(cpnyId, cardCash, achCash, batchStatus, program, user, List.of(), null, RefundPolicy.CREDIT_MEMO);
    }

    public PostingSettings withGlRules(List<GlRule> rules) {
        return new PostingSettings(cpnyId, cardCash, achCash, batchStatus, program, user, rules, refundAccount, refundPolicy);
    }

    public PostingSettings withRefunds(GlAccount account, RefundPolicy policy) {
        return new PostingSettings(cpnyId, cardCash, achCash, batchStatus, program, user, glRules, account, policy);
    }

    /** The method defaults and the configured rules together. */
    public GlRules cashRules() {
        return GlRules.of(cardCash, achCash, glRules);
    }

    /** ARCHITECTURE.md §7: the cash side is the clearing account of the payment method (no card type, no merchant). */
    public CashAccount cashAccountFor(PaymentMethod method) {
        return cashRules().match(method, "", "").account();
    }

    public Optional<GlAccount> configuredRefundAccount() {
        return Optional.ofNullable(refundAccount);
    }

    private static void require(String value, int max, String what) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters, is '" + value + "'");
        }
    }
}
