package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The parts of SL's single-row setup tables (ARSetup, GLSetup) that posting reads. */
final class SlSetup {

    /** ARSetup: default AR account, GL posting option, the current AR period and the default refund account. */
    record Ar(String setupId, String arAcct, String arSub, String glPostOpt, String perNbr, String rfndAcct, String rfndSub) {
    }

    /** GLSetup: the base currency, the fiscal calendar and the last closed period (blank if none). */
    record Gl(String baseCuryId, FiscalCalendar calendar, String lastClosePerNbr) {

        /**
         * The period a document dated {@code date} posts to: the date's own period, or the first open period when that
         * one is closed already (PerPost ≤ GLSetup.LastClosePerNbr, which release refuses). SL's entry screens default
         * PerPost to the current period the same way; DocDate keeps the real date [I].
         */
        String postingPeriod(LocalDate date) {
            String own = calendar.period(date);
            if (!lastClosePerNbr.matches("\\d{6}") || own.compareTo(lastClosePerNbr) > 0) {
                return own;
            }
            return calendar.next(lastClosePerNbr);
        }
    }

    private SlSetup() {
    }

    /** SL reads "the" setup row ordered by SetupId (ARAutoBatchNbr); so do we. */
    static Ar readAr(Connection c, SqlDialect dialect) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TOP 1 [SetupId], [ArAcct], [ArSub], [GLPostOpt], [PerNbr], [RfndAcct], [RfndSub] FROM "
                + dialect.table("ARSetup") + " ORDER BY [SetupId]");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SlSetupException("ARSetup has no row: AR is not set up in this SL database");
            }
            return new Ar(rs.getString(1), SlConventions.rtrim(rs.getString(2)), SlConventions.rtrim(rs.getString(3)),
                    SlConventions.rtrim(rs.getString(4)), SlConventions.rtrim(rs.getString(5)), SlConventions.rtrim(rs.getString(6)),
                    SlConventions.rtrim(rs.getString(7)));
        }
    }

    static Gl readGl(Connection c, SqlDialect dialect) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT TOP 1 [BaseCuryId], [NbrPer], [BegFiscalYr], [LastClosePerNbr]");
        for (int i = 0; i <= 12; i++) {
            sql.append(String.format(", [FiscalPerEnd%02d]", i));
        }
        sql.append(" FROM ").append(dialect.table("GLSetup")).append(" ORDER BY [SetupId]");
        try (PreparedStatement ps = c.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SlSetupException("GLSetup has no row: GL is not set up in this SL database");
            }
            String baseCury = SlConventions.rtrim(rs.getString(1));
            int nbrPer = rs.getInt(2);
            int begFiscalYr = rs.getInt(3);
            List<String> ends = new ArrayList<>();
            for (int i = 0; i <= 12; i++) {
                ends.add(SlConventions.rtrim(rs.getString(5 + i)));
            }
            try {
                FiscalCalendar calendar = ends.subList(0, Math.max(0, Math.min(nbrPer, 13))).stream().allMatch(String::isEmpty)
                        && nbrPer == 12 ? FiscalCalendar.calendarYear() : new FiscalCalendar(nbrPer, ends, begFiscalYr);
                return new Gl(baseCury.isEmpty() ? "USD" : baseCury, calendar, SlConventions.rtrim(rs.getString(4)));
            } catch (IllegalArgumentException e) {
                throw new SlSetupException("GLSetup fiscal calendar is unusable: " + e.getMessage(), e);
            }
        }
    }
}
