package com.ptsl.sink.posting;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start-up check of the configured GL accounts against SL: every account a GL rule or the refund account names
 * must be an active Account row and its subaccount a SubAcct row, or SL's release would refuse the batch later
 * (6928/6929). A failure is the site's setup, not a command's fault: {@link SlSetupException}, naming the rule.
 */
final class AccountCheck {

    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final GlRules rules;

    AccountCheck(SqlDialect dialect, PostingSettings settings, GlRules rules) {
        this.dialect = dialect;
        this.settings = settings;
        this.rules = rules;
    }

    /** Throws on the first account SL does not have; returns what is not wrong yet but will make commands fail (for the log). */
    List<String> verify(Connection c) throws SQLException {
        for (GlRule rule : rules.all()) {
            check(c, GlAccount.of(rule.account()), "GL rule " + rule + " from " + rule.source());
        }
        List<String> warnings = new ArrayList<>();
        Optional<GlAccount> configured = settings.configuredRefundAccount();
        if (configured.isPresent()) {
            check(c, configured.get(), "refund account " + configured.get() + " from SL_REFUND_ACCT/SL_REFUND_SUB");
            return warnings;
        }
        SlSetup.Ar ar = SlSetup.readAr(c, dialect);
        if (!ar.rfndAcct().isEmpty() || !ar.rfndSub().isEmpty()) {
            GlAccount fromSetup = fromArSetup(ar);
            check(c, fromSetup, "refund account " + fromSetup + " from ARSetup.RfndAcct/RfndSub (SL_REFUND_ACCT is not set)");
        } else if (settings.refundPolicy() == RefundPolicy.CREDIT_MEMO) {
            warnings.add("refund policy CREDIT_MEMO has no refund account: SL_REFUND_ACCT/SL_REFUND_SUB are not set and "
                    + "ARSetup.RfndAcct/RfndSub are blank; every PostRefund will be rejected until one of them is set");
        }
        return warnings;
    }

    /** SL_REFUND_ACCT/SUB, else ARSetup.RfndAcct/RfndSub; empty when neither is set. */
    Optional<GlAccount> refundAccount(SlSetup.Ar ar) throws SlSetupException {
        if (settings.configuredRefundAccount().isPresent()) {
            return settings.configuredRefundAccount();
        }
        return ar.rfndAcct().isEmpty() && ar.rfndSub().isEmpty() ? Optional.empty() : Optional.of(fromArSetup(ar));
    }

    private static GlAccount fromArSetup(SlSetup.Ar ar) throws SlSetupException {
        try {
            return new GlAccount(ar.rfndAcct(), ar.rfndSub());
        } catch (IllegalArgumentException e) {
            throw new SlSetupException("ARSetup.RfndAcct/RfndSub '" + ar.rfndAcct() + "/" + ar.rfndSub() + "' is not a usable refund account: "
                    + e.getMessage());
        }
    }

    /** Throws {@link SlSetupException} unless SL has the account (active) and the subaccount; {@code what} names where it was configured. */
    void check(Connection c, GlAccount account, String what) throws SQLException {
        Optional<Integer> active = flag(c, "SELECT [Active] FROM " + dialect.table("Account") + " WHERE [Acct] = ?", account.acct());
        if (active.isEmpty()) {
            throw new SlSetupException(what + " names account " + account.acct() + ", which SL's Account table does not have");
        }
        if (active.get() != 1) {
            throw new SlSetupException(what + " names account " + account.acct() + ", which is inactive in SL (Account.Active = 0)");
        }
        if (flag(c, "SELECT [Active] FROM " + dialect.table("SubAcct") + " WHERE [Sub] = ?", account.sub()).isEmpty()) {
            throw new SlSetupException(what + " names subaccount " + account.sub() + ", which SL's SubAcct table does not have");
        }
    }

    private static Optional<Integer> flag(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }
}
