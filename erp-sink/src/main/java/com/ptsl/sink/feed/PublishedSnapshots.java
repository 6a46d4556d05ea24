package com.ptsl.sink.feed;

import com.ptsl.schemas.avro.InvoiceApplication;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the two feed topics hold, key by key: a digest of the last value published (without capturedAt, which
 * changes on every read), or nothing after a tombstone. The feed compares what it reads from SL with this and
 * publishes only differences, which makes re-reading a range of versions harmless and lets a sweep compare
 * SL's whole open set with the topic. Updated only after Kafka acknowledged a record.
 *
 * <p>For invoices it also indexes keys by RefNbr (a changed RefNbr may stand for keys of several companies, or
 * for a key that has to be tombstoned) and by paying RefNbr (an SL user who removes a 'U' line changes the
 * payment's ARDoc row, not the invoice's).
 *
 * <p>Memory: one small entry per open invoice and per customer.
 */
final class PublishedSnapshots {

    /** One published value; {@code digest} null = unreadable on the topic, so whatever SL holds differs. */
    private record Entry(byte[] digest, String refNbr, Set<String> paymentRefNbrs) {
    }

    private final Map<String, Entry> invoices = new HashMap<>();
    private final Map<String, Set<String>> invoiceKeysByRef = new HashMap<>();
    private final Map<String, Set<String>> invoiceKeysByPayment = new HashMap<>();
    private final Map<String, byte[]> customers = new HashMap<>();

    boolean sameInvoice(String key, SlInvoiceSnapshot snapshot) {
        Entry e = invoices.get(key);
        return e != null && e.digest() != null && Arrays.equals(e.digest(), digest(snapshot));
    }

    boolean hasInvoice(String key) {
        return invoices.containsKey(key);
    }

    /** After Kafka acknowledged {@code snapshot} (null: a tombstone) under {@code key}. */
    void invoice(String key, SlInvoiceSnapshot snapshot) {
        removeInvoice(key);
        if (snapshot != null) {
            Set<String> payments = new HashSet<>();
            for (InvoiceApplication a : snapshot.getApplications()) {
                payments.add(a.getPaymentRefNbr());
            }
            putInvoice(key, new Entry(digest(snapshot), snapshot.getRefNbr(), payments));
        }
    }

    /** A value read back from the topic that no reader understands: present, and different from anything. */
    void unreadableInvoice(String key) {
        removeInvoice(key);
        int slash = key.indexOf('/');
        putInvoice(key, new Entry(null, slash < 0 ? key : key.substring(slash + 1), Set.of()));
    }

    /** Published keys of these RefNbrs (any company). */
    Set<String> invoiceKeysOf(Collection<String> refNbrs) {
        Set<String> out = new LinkedHashSet<>();
        for (String ref : refNbrs) {
            out.addAll(invoiceKeysByRef.getOrDefault(ref, Set.of()));
        }
        return out;
    }

    /** RefNbrs of published invoices that these payments apply to. */
    Set<String> invoiceRefsPaidBy(Collection<String> paymentRefNbrs) {
        Set<String> out = new LinkedHashSet<>();
        for (String payment : paymentRefNbrs) {
            for (String key : invoiceKeysByPayment.getOrDefault(payment, Set.of())) {
                out.add(invoices.get(key).refNbr());
            }
        }
        return out;
    }

    Set<String> invoiceKeys() {
        return Set.copyOf(invoices.keySet());
    }

    int invoiceCount() {
        return invoices.size();
    }

    boolean sameCustomer(String key, SlCustomerSnapshot snapshot) {
        byte[] d = customers.get(key);
        return d != null && d.length > 0 && Arrays.equals(d, digest(snapshot));
    }

    boolean hasCustomer(String key) {
        return customers.containsKey(key);
    }

    void customer(String key, SlCustomerSnapshot snapshot) {
        if (snapshot == null) {
            customers.remove(key);
        } else {
            customers.put(key, digest(snapshot));
        }
    }

    void unreadableCustomer(String key) {
        customers.put(key, new byte[0]);
    }

    Set<String> customerKeys() {
        return Set.copyOf(customers.keySet());
    }

    int customerCount() {
        return customers.size();
    }

    private void putInvoice(String key, Entry e) {
        invoices.put(key, e);
        invoiceKeysByRef.computeIfAbsent(e.refNbr(), r -> new HashSet<>()).add(key);
        for (String p : e.paymentRefNbrs()) {
            invoiceKeysByPayment.computeIfAbsent(p, r -> new HashSet<>()).add(key);
        }
    }

    private void removeInvoice(String key) {
        Entry old = invoices.remove(key);
        if (old == null) {
            return;
        }
        unindex(invoiceKeysByRef, old.refNbr(), key);
        for (String p : old.paymentRefNbrs()) {
            unindex(invoiceKeysByPayment, p, key);
        }
    }

    private static void unindex(Map<String, Set<String>> index, String value, String key) {
        Set<String> keys = index.get(value);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                index.remove(value);
            }
        }
    }

    static byte[] digest(SlInvoiceSnapshot s) {
        return sha256(encode(() -> SlInvoiceSnapshot.newBuilder(s).setCapturedAt(Instant.EPOCH).build().toByteBuffer()));
    }

    static byte[] digest(SlCustomerSnapshot s) {
        return sha256(encode(() -> SlCustomerSnapshot.newBuilder(s).setCapturedAt(Instant.EPOCH).build().toByteBuffer()));
    }

    private interface Encoding {
        ByteBuffer encode() throws IOException;
    }

    private static ByteBuffer encode(Encoding e) {
        try {
            return e.encode();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot encode a snapshot", ex);
        }
    }

    private static byte[] sha256(ByteBuffer bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
