package com.ptsl.launcher.review;

import com.ptsl.schemas.avro.ReviewCandidate;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.ptsl.launcher.review.Formats.money;
import static com.ptsl.launcher.review.Formats.oneLine;

/**
 * Review items as a person reads them: one row per item, what must be decided and the candidate invoices indented under
 * it, and a totals line. Only the fields meant for a person are shown; the PayTrace record ({@code json}) never is.
 */
final class ReviewTable {

    private static final String INDENT = "    ";

    private record Column(String header, boolean rightAligned, Function<ReviewItem, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("TRANSACTION", false, ReviewItem::getTransactionId),
            new Column("REASON", false, i -> i.getReason().name()),
            new Column("STATUS", false, i -> i.getStatus().name()),
            new Column("CUSTOMER", false, i -> i.getCustId() == null ? "unknown" : i.getCustId()),
            new Column("AMOUNT", true, i -> money(i.getAmount())),
            new Column("ON ACCOUNT", true, i -> money(i.getPostedOnAccount())),
            new Column("RAISED AT (UTC)", false, i -> Formats.instant(i.getRaisedAt())));

    private ReviewTable() {
    }

    /** The items (already filtered and ordered) with their details, then the totals line; {@code all}: not only open ones. */
    static String render(List<ReviewItem> items, boolean all) {
        return (items.isEmpty() ? "" : rows(items) + "\n") + totals(items, all) + "\n";
    }

    /** The header and the items with their details, without totals. */
    static String rows(List<ReviewItem> items) {
        StringBuilder out = new StringBuilder();
        int[] widths = widths(items);
        row(out, widths, COLUMNS.stream().map(Column::header).toList());
        for (ReviewItem item : items) {
            row(out, widths, COLUMNS.stream().map(c -> oneLine(c.value().apply(item))).toList());
            details(out, item);
        }
        return out.toString();
    }

    /** E.g. "2 open items: UNMATCHED 1 (100.00), UNKNOWN_CUSTOMER 1 (25.00); amount 125.00, on account 100.00". */
    static String totals(List<ReviewItem> items, boolean all) {
        if (items.isEmpty()) {
            return all ? "No review items." : "No open review items.";
        }
        long open = items.stream().filter(ReviewQueue::isOpen).count();
        String count = open == items.size() ? plural(items.size(), "open item")
                : plural(items.size(), "item") + " (" + open + " open, " + (items.size() - open) + " resolved)";
        Map<ReviewReason, long[]> counts = new EnumMap<>(ReviewReason.class);
        Map<ReviewReason, BigDecimal> amounts = new EnumMap<>(ReviewReason.class);
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal onAccount = BigDecimal.ZERO;
        for (ReviewItem item : items) {
            counts.computeIfAbsent(item.getReason(), r -> new long[1])[0]++;
            amounts.merge(item.getReason(), nz(item.getAmount()), BigDecimal::add);
            amount = amount.add(nz(item.getAmount()));
            onAccount = onAccount.add(nz(item.getPostedOnAccount()));
        }
        List<String> byReason = new ArrayList<>();
        counts.forEach((reason, n) -> byReason.add(reason.name() + " " + n[0] + " (" + money(amounts.get(reason)) + ")"));
        return count + ": " + String.join(", ", byReason) + "; amount " + money(amount) + ", on account " + money(onAccount);
    }

    private static void details(StringBuilder out, ReviewItem item) {
        if (!oneLine(item.getDecision()).isEmpty()) {
            out.append(INDENT).append("decide: ").append(oneLine(item.getDecision())).append('\n');
        }
        if (!oneLine(item.getDetail()).isEmpty()) {
            out.append(INDENT).append("detail: ").append(oneLine(item.getDetail())).append('\n');
        }
        if (item.getResolution() != null) {
            out.append(INDENT).append("resolution: ").append(oneLine(item.getResolution())).append('\n');
        }
        List<ReviewCandidate> candidates = item.getCandidates();
        if (candidates.isEmpty()) {
            return;
        }
        int refWidth = candidates.stream().mapToInt(c -> oneLine(c.getRefNbr()).length()).max().orElse(0);
        int availableWidth = candidates.stream().mapToInt(c -> money(c.getAvailable()).length()).max().orElse(0);
        out.append(INDENT).append("candidate invoices:\n");
        for (ReviewCandidate c : candidates) {
            StringBuilder line = new StringBuilder(INDENT).append("  ")
                    .append(pad(oneLine(c.getRefNbr()), refWidth, false))
                    .append("  available ").append(pad(money(c.getAvailable()), availableWidth, true));
            if (item.getCustId() == null || !InvoiceCatalog.sameCustomer(item.getCustId(), c.getCustId())) {
                line.append("  customer ").append(oneLine(c.getCustId()));
            }
            if (!oneLine(c.getWhy()).isEmpty()) {
                line.append("  ").append(oneLine(c.getWhy()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static int[] widths(List<ReviewItem> items) {
        int[] widths = new int[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column c = COLUMNS.get(i);
            widths[i] = Math.max(c.header().length(),
                    items.stream().mapToInt(item -> oneLine(c.value().apply(item)).length()).max().orElse(0));
        }
        return widths;
    }

    private static void row(StringBuilder out, int[] widths, List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(pad(cells.get(i), widths[i], COLUMNS.get(i).rightAligned()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    private static BigDecimal nz(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
