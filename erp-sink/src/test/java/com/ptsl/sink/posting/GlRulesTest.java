package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.PaymentMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlRulesTest {

    private static final CashAccount CARD = new CashAccount("1010", "00-000-00");
    private static final CashAccount ACH = new CashAccount("1020", "00-000-00");

    private static GlRules rules(String text) {
        return GlRules.of(CARD, ACH, GlRules.parse(text));
    }

    private static String account(GlRules rules, PaymentMethod method, String cardType, String merchant) {
        return rules.match(method, cardType, merchant).account().toString();
    }

    @Test
    void withoutRulesEveryPaymentUsesTheDefaultOfItsMethod() {
        GlRules rules = rules("");

        assertThat(account(rules, PaymentMethod.CARD, "AMEX", "merchant1")).isEqualTo("1010/00-000-00");
        assertThat(account(rules, PaymentMethod.ACH, "", "")).isEqualTo("1020/00-000-00");
        assertThat(rules.all()).extracting(GlRule::source)
                .containsExactly("SL_CARD_CASH_ACCT/SL_CARD_CASH_SUB (rule CARD:*:*)", "SL_ACH_CASH_ACCT/SL_ACH_CASH_SUB (rule ACH:*:*)");
    }

    @Test
    void theMostSpecificMatchingRuleWinsAMerchantOutweighingACardTypeOutweighingAMethod() {
        GlRules rules = rules(" CARD:AMEX:*=1015/00-000-00 ; CARD:*:merchant2=1016/00-000-00;*:*:merchant3=1017/01-000-00;"
                + "CARD:VISA:merchant3=1018/00-000-00;");

        assertThat(account(rules, PaymentMethod.CARD, "AMEX", "merchant1")).isEqualTo("1015/00-000-00");
        assertThat(account(rules, PaymentMethod.CARD, "amex", "")).as("card type compared case-insensitively").isEqualTo("1015/00-000-00");
        assertThat(account(rules, PaymentMethod.CARD, "VISA", "merchant2")).isEqualTo("1016/00-000-00");
        assertThat(account(rules, PaymentMethod.CARD, "AMEX", "MERCHANT2")).isEqualTo("1016/00-000-00");
        assertThat(account(rules, PaymentMethod.ACH, "", "merchant3")).isEqualTo("1017/01-000-00");
        assertThat(account(rules, PaymentMethod.CARD, "AMEX", "merchant3")).isEqualTo("1017/01-000-00");
        assertThat(account(rules, PaymentMethod.CARD, "VISA", "merchant3")).isEqualTo("1018/00-000-00");
        assertThat(account(rules, PaymentMethod.CARD, "VISA", "merchant1")).isEqualTo("1010/00-000-00");
        assertThat(account(rules, PaymentMethod.ACH, "AMEX", "merchant1")).as("CARD rules never match ACH").isEqualTo("1020/00-000-00");
        assertThat(rules.match(PaymentMethod.CARD, "AMEX", "x").source()).isEqualTo("SL_GL_RULES rule 'CARD:AMEX:*=1015/00-000-00'");
    }

    @Test
    void aBlankCardTypeOrMerchantOnTheCommandOnlyMatchesAStar() {
        GlRules rules = rules("CARD:AMEX:*=1015/00-000-00");

        assertThat(account(rules, PaymentMethod.CARD, "", "")).isEqualTo("1010/00-000-00");
        assertThat(account(rules, PaymentMethod.CARD, null, null)).isEqualTo("1010/00-000-00");
    }

    @Test
    void aBadRuleIsNamedWithWhatIsWrongWithIt() {
        assertThatThrownBy(() -> GlRules.parse("CARD:AMEX:*=1015/00-000-00;CARD:AMEX=1016/00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rule 'CARD:AMEX=1016/00' (2nd)").hasMessageContaining("METHOD:CARDTYPE:MERCHANT=ACCT/SUB");
        assertThatThrownBy(() -> GlRules.parse("CHECK:*:*=1015/00")).hasMessageContaining("rule 'CHECK:*:*=1015/00' (1st)")
                .hasMessageContaining("CARD, ACH or *");
        assertThatThrownBy(() -> GlRules.parse("CARD:VISA:*=1015")).hasMessageContaining("rule 'CARD:VISA:*=1015'")
                .hasMessageContaining("ACCT/SUB");
        assertThatThrownBy(() -> GlRules.parse("CARD:VISA:*=12345678901/00")).hasMessageContaining("12345678901")
                .hasMessageContaining("1..10 characters");
        assertThatThrownBy(() -> GlRules.parse("CARD::*=1015/00")).hasMessageContaining("rule 'CARD::*=1015/00'")
                .hasMessageContaining("write * for any");
        assertThatThrownBy(() -> GlRules.parse("CARD:VISA:*=1015/00=1")).hasMessageContaining("METHOD:CARDTYPE:MERCHANT=ACCT/SUB");
    }

    @Test
    void aRuleRepeatingAnotherOrADefaultOrMatchingEverythingIsRefused() {
        assertThatThrownBy(() -> rules("CARD:AMEX:*=1015/00;card:amex:*=1016/00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SL_GL_RULES rule 'card:amex:*=1016/00' repeats the pattern CARD:AMEX:*")
                .hasMessageContaining("'CARD:AMEX:*=1015/00'");
        assertThatThrownBy(() -> rules("CARD:*:*=1015/00")).hasMessageContaining("repeats the pattern CARD:*:*")
                .hasMessageContaining("SL_CARD_CASH_ACCT").hasMessageContaining("set those variables instead");
        assertThatThrownBy(() -> rules("*:*:*=1015/00")).hasMessageContaining("can never apply");
    }

    @Test
    void theSettingsCheckTheirRulesWhenBuilt() {
        PostingSettings plain = new PostingSettings("PTSL", CARD, ACH, "B", "PTSL", "PTSL");

        assertThat(plain.cashAccountFor(PaymentMethod.ACH)).isEqualTo(ACH);
        assertThat(plain.refundPolicy()).isEqualTo(RefundPolicy.CREDIT_MEMO);
        assertThat(plain.configuredRefundAccount()).isEmpty();
        assertThatThrownBy(() -> plain.withGlRules(GlRules.parse("ACH:*:*=1099/00"))).hasMessageContaining("SL_ACH_CASH_ACCT");
    }

    @Test
    void refundPoliciesAndAccountsParseAsConfigurationWritesThem() {
        assertThat(RefundPolicy.parse(" reverse-payment ")).isEqualTo(RefundPolicy.REVERSE_PAYMENT);
        assertThat(RefundPolicy.parse("DEBIT_MEMO")).isEqualTo(RefundPolicy.DEBIT_MEMO);
        assertThatThrownBy(() -> RefundPolicy.parse("CM")).hasMessageContaining("CREDIT_MEMO, DEBIT_MEMO, REVERSE_PAYMENT")
                .hasMessageContaining("'CM'");
        assertThat(GlAccount.optional("", " ")).isNull();
        assertThat(GlAccount.optional(" 4100 ", "00-000-00")).isEqualTo(new GlAccount("4100", "00-000-00"));
        assertThatThrownBy(() -> GlAccount.optional("4100", "")).hasMessageContaining("set both or neither");
    }
}
