package com.ptsl.sink.feed;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.sink.sql.InLists;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SL Customer rows as {@link SlCustomerSnapshot}s. The PayTrace vault customer_id comes from the user
 * field the site chose (SINK_FEED_VAULT_FIELD); no card column (CardNbr, CardExpDate, ...) is ever read.
 */
final class CustomerReader {

    private final String select;

    /** @param vaultColumn one of {@link FeedSettings#VAULT_FIELDS} (validated there: it is part of the SQL) */
    CustomerReader(SqlDialect dialect, String vaultColumn) {
        this.select = "SELECT k.[CustId], k.[Name], k.[Status], k.[" + FeedSettings.vaultColumn(vaultColumn) + "], "
                + dialect.rowVersion("k") + " FROM " + dialect.table("Customer") + " k";
    }

    /** Every customer, by topic key. */
    Map<String, SlCustomerSnapshot> all(Connection c, Instant capturedAt) throws SQLException {
        Map<String, SlCustomerSnapshot> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            collect(ps, capturedAt, out);
        }
        return out;
    }

    /** The customers among {@code custIds} that exist, by topic key. */
    Map<String, SlCustomerSnapshot> read(Connection c, Collection<String> custIds, Instant capturedAt) throws SQLException {
        Map<String, SlCustomerSnapshot> out = new LinkedHashMap<>();
        for (List<String> chunk : InLists.chunks(custIds)) {
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE k.[CustId] IN (" + InLists.marks(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                collect(ps, capturedAt, out);
            }
        }
        return out;
    }

    private static void collect(PreparedStatement ps, Instant capturedAt, Map<String, SlCustomerSnapshot> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String custId = SlConventions.rtrim(rs.getString(1));
                String vault = SlConventions.rtrim(rs.getString(4)).strip();
                out.put(SlKeys.customer(custId), SlCustomerSnapshot.newBuilder()
                        .setCustId(custId)
                        .setName(SlConventions.rtrim(rs.getString(2)))
                        .setStatus(SlConventions.rtrim(rs.getString(3)))
                        .setPayTraceCustomerId(vault.isEmpty() ? null : vault)
                        .setChangeVersion(rs.getLong(5))
                        .setCapturedAt(capturedAt)
                        .build());
            }
        }
    }
}
