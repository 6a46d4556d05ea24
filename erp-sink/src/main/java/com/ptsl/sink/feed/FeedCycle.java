package com.ptsl.sink.feed;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import com.ptsl.sink.sql.dialect.RowVersionHorizon;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass of the feed, in this order:
 * <ol>
 *   <li>read both high-water marks and the horizon (the row version up to which every change is committed);</li>
 *   <li>incremental: the RefNbrs and CustIds changed in {@code (mark, horizon]}, re-read whole. Full (first
 *       start, a missing mark, or a sweep): every open invoice and every customer, and every published key SL
 *       no longer has;</li>
 *   <li>compare with what the topics hold ({@link PublishedSnapshots}) and keep only differences: a snapshot
 *       that changed, a tombstone for a key that is published but no longer open;</li>
 *   <li>send, wait for every ack, then record them as published and store the marks.</li>
 * </ol>
 * Anything failing before the marks are stored leaves them where they were, so the next cycle reads the same
 * range again; the comparison makes that repeat publish nothing twice.
 */
final class FeedCycle {

    static final String INVOICES = Topics.SL_INVOICES.name();
    static final String CUSTOMERS = Topics.SL_CUSTOMERS.name();

    /** What a cycle did. */
    record Result(boolean full, int invoiceSnapshots, int invoiceTombstones, int customerSnapshots, int customerTombstones,
                  long highWater) {

        int records() {
            return invoiceSnapshots + invoiceTombstones + customerSnapshots + customerTombstones;
        }
    }

    private final FeedMarks marks;
    private final ChangeScan scan;
    private final InvoiceReader invoices;
    private final CustomerReader customers;
    private final SnapshotPublisher publisher;
    private final FeedMetrics metrics;

    FeedCycle(SqlDialect dialect, FeedSettings settings, SnapshotPublisher publisher, FeedMetrics metrics) {
        this.marks = new FeedMarks(dialect);
        this.scan = new ChangeScan(dialect);
        this.invoices = new InvoiceReader(dialect);
        this.customers = new CustomerReader(dialect, settings.vaultField());
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** @param sweep compare SL's whole open set with the topics this time */
    Result run(Connection c, RowVersionHorizon horizon, PublishedSnapshots published, boolean sweep)
            throws SQLException, InterruptedException {
        Optional<Long> invoiceMark = marks.read(c, INVOICES);
        Optional<Long> customerMark = marks.read(c, CUSTOMERS);
        long floor = Math.min(invoiceMark.orElse(0L), customerMark.orElse(0L));
        long upTo = horizon.stableVersion(c, floor);
        boolean fullInvoices = sweep || invoiceMark.isEmpty();
        boolean fullCustomers = sweep || customerMark.isEmpty();
        ChangeScan.Changes changes = fullInvoices && fullCustomers ? null : scan.between(c, floor, upTo);
        Instant now = Instant.now();

        List<SnapshotPublisher.Outgoing> out = new ArrayList<>();
        int[] invoiceCounts = fullInvoices ? invoiceDiff(published, invoices.read(c, invoices.openRefNbrs(c), now),
                published.invoiceKeys(), out) : changedInvoices(c, changes, published, now, out);
        int[] customerCounts = fullCustomers ? customerDiff(published, customers.all(c, now), published.customerKeys(), out)
                : changedCustomers(c, changes, published, now, out);
        c.commit(); // end the read before waiting on Kafka

        publisher.send(out);
        for (SnapshotPublisher.Outgoing o : out) {
            if (o.topic() == Topics.SL_INVOICES) {
                published.invoice(o.key(), (SlInvoiceSnapshot) o.value());
            } else {
                published.customer(o.key(), (SlCustomerSnapshot) o.value());
            }
        }
        metrics.published(Topics.SL_INVOICES, invoiceCounts[0], invoiceCounts[1]);
        metrics.published(Topics.SL_CUSTOMERS, customerCounts[0], customerCounts[1]);

        long invoiceHigh = store(c, INVOICES, invoiceMark, upTo, now);
        long customerHigh = store(c, CUSTOMERS, customerMark, upTo, now);
        c.commit();
        metrics.highWater(Topics.SL_INVOICES, invoiceHigh);
        metrics.highWater(Topics.SL_CUSTOMERS, customerHigh);
        return new Result(fullInvoices || fullCustomers, invoiceCounts[0], invoiceCounts[1], customerCounts[0], customerCounts[1],
                Math.min(invoiceHigh, customerHigh));
    }

    /** A mark never moves back (the horizon can be held below a mark the other feed already passed). */
    private long store(Connection c, String feed, Optional<Long> mark, long upTo, Instant now) throws SQLException {
        if (mark.isPresent() && mark.get() >= upTo) {
            return mark.get();
        }
        marks.store(c, feed, upTo, now);
        return upTo;
    }

    private int[] changedInvoices(Connection c, ChangeScan.Changes changes, PublishedSnapshots published, Instant now,
                                  List<SnapshotPublisher.Outgoing> out) throws SQLException {
        Set<String> refs = new LinkedHashSet<>(changes.documentRefNbrs());
        refs.addAll(changes.invoiceRefNbrs());
        // A changed payment document may mean a 'U' line was removed from it, which leaves no version of its own.
        refs.addAll(published.invoiceRefsPaidBy(changes.documentRefNbrs()));
        if (refs.isEmpty()) {
            return new int[2];
        }
        return invoiceDiff(published, invoices.read(c, refs, now), published.invoiceKeysOf(refs), out);
    }

    private int[] changedCustomers(Connection c, ChangeScan.Changes changes, PublishedSnapshots published, Instant now,
                                   List<SnapshotPublisher.Outgoing> out) throws SQLException {
        if (changes.custIds().isEmpty()) {
            return new int[2];
        }
        Map<String, SlCustomerSnapshot> current = customers.read(c, changes.custIds(), now);
        Set<String> keys = new LinkedHashSet<>();
        changes.custIds().forEach(id -> keys.add(SlKeys.customer(id)));
        return customerDiff(published, current, keys, out);
    }

    /** Snapshots that differ from the topic, and tombstones for {@code alsoCheck} keys that are published but no longer open. */
    private static int[] invoiceDiff(PublishedSnapshots published, Map<String, SlInvoiceSnapshot> current, Set<String> alsoCheck,
                                     List<SnapshotPublisher.Outgoing> out) {
        int[] counts = new int[2];
        current.forEach((key, snapshot) -> {
            if (!published.sameInvoice(key, snapshot)) {
                out.add(new SnapshotPublisher.Outgoing(Topics.SL_INVOICES, key, snapshot));
                counts[0]++;
            }
        });
        for (String key : alsoCheck) {
            if (!current.containsKey(key) && published.hasInvoice(key)) {
                out.add(new SnapshotPublisher.Outgoing(Topics.SL_INVOICES, key, null));
                counts[1]++;
            }
        }
        return counts;
    }

    private static int[] customerDiff(PublishedSnapshots published, Map<String, SlCustomerSnapshot> current, Set<String> alsoCheck,
                                      List<SnapshotPublisher.Outgoing> out) {
        int[] counts = new int[2];
        current.forEach((key, snapshot) -> {
            if (!published.sameCustomer(key, snapshot)) {
                out.add(new SnapshotPublisher.Outgoing(Topics.SL_CUSTOMERS, key, snapshot));
                counts[0]++;
            }
        });
        for (String key : alsoCheck) {
            if (!current.containsKey(key) && published.hasCustomer(key)) {
                out.add(new SnapshotPublisher.Outgoing(Topics.SL_CUSTOMERS, key, null));
                counts[1]++;
            }
        }
        return counts;
    }
}
