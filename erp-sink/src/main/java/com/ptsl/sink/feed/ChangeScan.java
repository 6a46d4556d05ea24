package com.ptsl.sink.feed;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What changed in SL between two row versions, as the keys the feed re-reads: RefNbrs of ARDoc rows of any
 * type (an invoice itself, or a payment whose applications the feed has published), invoices that 'U' lines
 * (SiteId) and ARAdjust rows (AdjdRefNbr) point at, and CustIds. Deleted rows leave no version behind; the
 * sweep finds those.
 *
 * <p>SL has no index on tstamp, so each of these is a scan; cheap on the sandbox, worth knowing on a large SL
 * database (see erp-sink/README.md, "SL feed").
 */
final class ChangeScan {

    /** The keys to re-read. */
    record Changes(Set<String> documentRefNbrs, Set<String> invoiceRefNbrs, Set<String> custIds) {

        boolean isEmpty() {
            return documentRefNbrs.isEmpty() && invoiceRefNbrs.isEmpty() && custIds.isEmpty();
        }
    }

    private final SqlDialect dialect;

    ChangeScan(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Rows whose version is in {@code (after, upTo]}. */
    Changes between(Connection c, long after, long upTo) throws SQLException {
        Set<String> invoices = new LinkedHashSet<>();
        invoices.addAll(column(c, "SELECT DISTINCT t.[SiteId] FROM " + dialect.table("ARTran") + " t WHERE t.[DrCr] = 'U' AND "
                + range("t"), after, upTo));
        invoices.addAll(column(c, "SELECT DISTINCT a.[AdjdRefNbr] FROM " + dialect.table("ARAdjust") + " a WHERE " + range("a"),
                after, upTo));
        Set<String> documents = column(c, "SELECT DISTINCT d.[RefNbr] FROM " + dialect.table("ARDoc") + " d WHERE " + range("d"),
                after, upTo);
        Set<String> customers = column(c, "SELECT DISTINCT k.[CustId] FROM " + dialect.table("Customer") + " k WHERE " + range("k"),
                after, upTo);
        return new Changes(documents, invoices, customers);
    }

    private String range(String alias) {
        String version = dialect.rowVersion(alias);
        return version + " > ? AND " + version + " <= ?";
    }

    private static Set<String> column(Connection c, String sql, long after, long upTo) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String v = SlConventions.rtrim(rs.getString(1));
                    if (!v.isEmpty()) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }
}
