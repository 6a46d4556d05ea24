package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.PaymentMethod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The site's GL rules: SL_GL_RULES on top of the two method defaults (SL_CARD_CASH_ACCT/SUB = {@code CARD:*:*},
 * SL_ACH_CASH_ACCT/SUB = {@code ACH:*:*}), so every payment and refund finds an account. Syntax of SL_GL_RULES:
 * {@link #SYNTAX}.
 */
public final class GlRules {

    public static final String SYNTAX = "';'-separated METHOD:CARDTYPE:MERCHANT=ACCT/SUB, each part a value or * (METHOD CARD or ACH;"
            + " CARDTYPE e.g. VISA, AMEX; MERCHANT the PayTrace merchant account), e.g."
            + " CARD:AMEX:*=1015/00-000-00;CARD:*:merchant2=1016/00-000-00. Most specific wins (merchant > card type > method);"
            + " unmatched payments use SL_CARD_CASH_ACCT/SUB or SL_ACH_CASH_ACCT/SUB";

    private final List<GlRule> rules;

    private GlRules(List<GlRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The defaults plus the configured rules; a configured rule may not repeat another's pattern (including a default's). */
    public static GlRules of(CashAccount cardCash, CashAccount achCash, List<GlRule> configured) {
        Map<String, GlRule> byPattern = new LinkedHashMap<>();
        List<GlRule> all = new ArrayList<>();
        all.add(GlRule.methodDefault(PaymentMethod.CARD, cardCash, "SL_CARD_CASH_ACCT/SL_CARD_CASH_SUB"));
        all.add(GlRule.methodDefault(PaymentMethod.ACH, achCash, "SL_ACH_CASH_ACCT/SL_ACH_CASH_SUB"));
        all.addAll(configured == null ? List.of() : configured);
        for (GlRule rule : all) {
            GlRule before = byPattern.putIfAbsent(rule.pattern(), rule);
            if (before != null) {
                throw new IllegalArgumentException(rule.source() + " repeats the pattern " + rule.pattern() + " of " + before.source()
                        + (before.source().startsWith("SL_GL_RULES") ? "" : "; set those variables instead"));
            }
            if (rule.specificity() == 0) {
                throw new IllegalArgumentException(rule.source() + " can never apply: *:*:* is always beaten by the "
                        + "CARD:*:* and ACH:*:* defaults (SL_CARD_CASH_ACCT, SL_ACH_CASH_ACCT)");
            }
        }
        return new GlRules(all);
    }

    /**
     * Parses SL_GL_RULES. Blank = no rules. Every error names the rule and says what is wrong with it, e.g.
     * {@code rule 'CARD:AMEX=1015/00' (2nd): expected METHOD:CARDTYPE:MERCHANT=ACCT/SUB}.
     */
    public static List<GlRule> parse(String text) {
        List<GlRule> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        String[] parts = text.split(";");
        for (int i = 0; i < parts.length; i++) {
            String raw = parts[i].strip();
            if (raw.isEmpty()) {
                continue; // a trailing or doubled ';'
            }
            String source = "SL_GL_RULES rule '" + raw + "'";
            try {
                out.add(parseOne(raw, source));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule '" + raw + "' (" + ordinal(i + 1) + "): " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** SL_GL_RULES parsed and checked against the method defaults (no repeated pattern): what configuration reads. */
    public static List<GlRule> parse(String text, CashAccount cardCash, CashAccount achCash) {
        List<GlRule> rules = parse(text);
        of(cardCash, achCash, rules);
        return rules;
    }

    private static GlRule parseOne(String raw, String source) {
        int eq = raw.indexOf('=');
        if (eq < 0 || eq != raw.lastIndexOf('=')) {
            throw new IllegalArgumentException("expected METHOD:CARDTYPE:MERCHANT=ACCT/SUB");
        }
        String[] pattern = raw.substring(0, eq).split(":", -1);
        if (pattern.length != 3) {
            throw new IllegalArgumentException("expected METHOD:CARDTYPE:MERCHANT=ACCT/SUB (three ':'-separated parts before '=')");
        }
        for (String p : pattern) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("a blank part before '='; write * for any");
            }
        }
        String target = raw.substring(eq + 1).strip();
        int slash = target.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected ACCT/SUB after '=', found '" + target + "'");
        }
        CashAccount account = new CashAccount(target.substring(0, slash), target.substring(slash + 1));
        return new GlRule(pattern[0], pattern[1], pattern[2], account, source);
    }

    /** The most specific rule that matches; the method defaults guarantee there is one. */
    public GlRule match(PaymentMethod method, String cardType, String merchantAccount) {
        return rules.stream().filter(r -> r.matches(method, cardType, merchantAccount))
                .max(Comparator.comparingInt(GlRule::specificity))
                .orElseThrow(() -> new IllegalStateException("no GL rule for " + method + " (the method defaults are missing)"));
    }

    /** Every rule, the two defaults first: what the start-up check verifies against SL. */
    public List<GlRule> all() {
        return rules;
    }

    @Override
    public String toString() {
        return rules.toString();
    }

    private static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
