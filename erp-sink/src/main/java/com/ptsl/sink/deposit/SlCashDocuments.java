package com.ptsl.sink.deposit;

import com.ptsl.sink.posting.PaymentDocuments;
import com.ptsl.sink.sql.InLists;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cash documents SL holds for PayTrace transactions, as the integration wrote them: PA (payment) and NS (its
 * reversal) with RefNbr = the sale's id, DM (a refund's cash out) with RefNbr = the refund's id, each recognised by
 * ARDoc.User1 = {@link PaymentDocuments#marker} of that id, so a document an SL user keyed with the same number does not
 * count. Released or not: the deposit is about cash, not about the release. Reads only, no locks.
 */
final class SlCashDocuments {

    /** One ARDoc row; {@code amount} is OrigDocAmt, rounded to 2 places. */
    record Doc(String docType, String refNbr, String batNbr, BigDecimal amount) {

        /** ErpResult's "DocType/RefNbr/BatNbr". */
        String label() {
            return docType + "/" + refNbr + "/" + batNbr;
        }
    }

    /** SL RefNbr is char(10): a longer PayTrace id cannot be in SL, and is not asked for. */
    private static final int REFNBR_LENGTH = 10;

    private final SqlDialect dialect;

    SlCashDocuments(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Per transaction id, its PA, NS and DM documents (by batch, then position); ids with none are absent. */
    Map<String, List<Doc>> of(Connection c, Collection<String> transactionIds) throws SQLException {
        Set<String> asked = new LinkedHashSet<>();
        transactionIds.stream().filter(tx -> !tx.isEmpty() && tx.length() <= REFNBR_LENGTH).forEach(asked::add);
        Map<String, List<Doc>> out = new HashMap<>();
        for (List<String> chunk : InLists.chunks(asked)) {
            // ARDoc16 (DocType, RefNbr) finds the rows; User1 then tells the integration's from an SL user's.
            try (PreparedStatement ps = c.prepareStatement("SELECT [DocType], [RefNbr], [BatNbr], [OrigDocAmt], [User1] FROM "
                    + dialect.table("ARDoc") + " WHERE [DocType] IN ('PA', 'NS', 'DM') AND [RefNbr] IN (" + InLists.marks(chunk.size())
                    + ") ORDER BY [RefNbr], [BatNbr], [BatSeq]")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String refNbr = SlConventions.rtrim(rs.getString(2));
                        if (!SlConventions.rtrim(rs.getString(5)).equals(PaymentDocuments.marker(refNbr))) {
                            continue;
                        }
                        out.computeIfAbsent(refNbr, k -> new ArrayList<>()).add(new Doc(SlConventions.rtrim(rs.getString(1)), refNbr,
                                SlConventions.rtrim(rs.getString(3)), SlConventions.money(rs.getDouble(4))));
                    }
                }
            }
        }
        return out;
    }
}
